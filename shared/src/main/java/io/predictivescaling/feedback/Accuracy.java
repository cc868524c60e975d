package io.predictivescaling.feedback;

import java.util.List;
import java.util.OptionalDouble;

/**
 * How well a set of scored predictions did, and what the capacity planned from them cost.
 *
 * @param mape mean absolute percentage error (predictions with actual 0 left out), percent
 * @param smape symmetric MAPE as M4 defines it, percent
 * @param bias mean of (predicted - actual) / actual, percent: positive means over-forecasting
 * @param coverage share of actuals inside the P10-P90 band (0.8 is calibrated)
 * @param overScaled intervals whose planned capacity exceeded the need by more than a unit and 10%
 * @param underScaled intervals whose planned capacity could not serve the actual load
 * @param capacityUnitHours planned capacity x hours
 * @param staticPeakUnitHours a static fleet sized for the window's peak actual load, x hours
 * @param unitPricePerHour the target's configured price of a unit-hour; empty when not configured
 */
public record Accuracy(
        int count,
        double mape,
        double smape,
        double bias,
        double coverage,
        int overScaled,
        int underScaled,
        int rightSized,
        double capacityUnitHours,
        double staticPeakUnitHours,
        OptionalDouble unitPricePerHour) {

    /** What the planned capacity cost, in the configured currency; empty when no price is configured. */
    public OptionalDouble cost() {
        return times(capacityUnitHours);
    }

    /** What a static fleet sized for the peak would have cost; empty when no price is configured. */
    public OptionalDouble staticPeakCost() {
        return times(staticPeakUnitHours);
    }

    private OptionalDouble times(double unitHours) {
        return unitPricePerHour.isPresent()
                ? OptionalDouble.of(unitHours * unitPricePerHour.getAsDouble())
                : OptionalDouble.empty();
    }

    public static Accuracy of(List<MaturedPrediction> scored, double loadPerUnit) {
        return of(scored, loadPerUnit, OptionalDouble.empty());
    }

    public static Accuracy of(List<MaturedPrediction> scored, double loadPerUnit, OptionalDouble unitPricePerHour) {
        int n = 0;
        int mapeCount = 0;
        double mape = 0;
        double smape = 0;
        double bias = 0;
        int inside = 0;
        int over = 0;
        int under = 0;
        int right = 0;
        double unitHours = 0;
        int peakNeed = 0;
        double hours = 0;
        for (MaturedPrediction p : scored) {
            if (p.actual() == null) {
                continue;
            }
            double a = p.actual();
            double f = p.predicted();
            n++;
            if (a > 0) {
                mape += Math.abs(f - a) / a;
                bias += (f - a) / a;
                mapeCount++;
            }
            smape += a + f == 0 ? 0 : 2 * Math.abs(f - a) / (Math.abs(a) + Math.abs(f));
            inside += a >= p.lower() && a <= p.upper() ? 1 : 0;
            int need = (int) Math.ceil(a / loadPerUnit - 1e-9);
            if (p.capacity() * loadPerUnit < a) {
                under++;
            } else if (p.capacity() > need + Math.max(1, Math.ceil(0.1 * need))) {
                over++;
            } else {
                right++;
            }
            double h = p.resolution().getSeconds() / 3600.0;
            unitHours += p.capacity() * h;
            hours += h;
            peakNeed = Math.max(peakNeed, need);
        }
        return new Accuracy(
                n,
                mapeCount == 0 ? 0 : 100 * mape / mapeCount,
                n == 0 ? 0 : 100 * smape / n,
                mapeCount == 0 ? 0 : 100 * bias / mapeCount,
                n == 0 ? 0 : inside / (double) n,
                over,
                under,
                right,
                unitHours,
                peakNeed * hours,
                unitPricePerHour);
    }
}
