package io.predictivescaling.forecast;

import java.util.Arrays;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * The engine's 95% interval beyond P10-P90 (P2.5 and P97.5, scored by M4's MSIS: Makridakis, Spiliotis and
 * Assimakopoulos 2020, "The M4 Competition: 100,000 time series and 61 forecasting methods"): split conformal
 * prediction with rolling origins (Vovk, Gammerman and Shafer 2005, "Algorithmic Learning in a Random World") on the
 * combination's errors over {@link ValidatedEnsemble#TAIL_ORIGINS} windows one day apart, each scaled by the typical
 * error at its time of day, load and day ahead. Used by {@link ValidatedEnsemble.Choice#quantile}; planning reads only
 * P10-P90 and never comes here.
 */
final class TailErrors {
    private TailErrors() {}

    /** Steps either side of the same time of day whose errors set a step's typical error size (2: five hours). */
    static final int TAIL_NEIGHBOURS = 2;
    /**
     * How many windows' worth of weight the normal distribution's quantile gets against the series' own (in units
     * of mean absolute error, {@code z * sqrt(pi / 2)}: 2.46 for P97.5): a handful of windows holds few tail
     * values, and on a short history they can all lie on one side of the forecast. With 16 windows, half each.
     */
    static final double TAIL_PRIOR_WINDOWS = 16;
    /**
     * The weight of the chosen methods' disagreement (their weighted standard deviation around the combination,
     * per step) added in quadrature to the validation error's quantile: where the methods disagree about the
     * next two days the past errors understate what is to come.
     */
    static final double TAIL_SPREAD_WEIGHT = 1.5;
    /**
     * The share (as an exponent) of each step's typical tail error that follows the level forecast for that step
     * rather than the errors seen within {@link #TAIL_NEIGHBOURS} hours of it (see {@link #levelShaped}). Errors
     * grow with the load (multiplicative errors, Hyndman, Koehler, Ord and Snyder 2008, "Forecasting with
     * Exponential Smoothing", ch. 2), and the five-hour window blurs a sharp peak into its shoulders: too narrow
     * at the peak, too wide beside it. Chosen on six inner 48-hour windows of the M4 Hourly split's training
     * part, not on the split: 0.3 lowered the mean and the median MSIS on every window (0.2-0.5 lie within 0.2%
     * of each other).
     */
    static final double TAIL_LEVEL_SHARE = 0.3;
    /**
     * The least a reshaped typical error may be, as a share of the step's own: where the forecast is about 0 (quiet
     * nights) the level shape alone would shrink it toward 0, and the night's errors, divided by it, would blow up
     * the tail quantile of every hour of that day.
     */
    static final double TAIL_LEVEL_FLOOR = 0.5;
    /**
     * How steeply, at most, the typical error may grow with the forecast level ({@code error ~ level^b}, b read
     * from the series' own validation errors): 1 is proportional, 2 allows quiet hours that are far steadier
     * than the load alone would say (noise a fifteenth at a third of the load), and keeps one odd fit in bounds.
     */
    static final double TAIL_LEVEL_ELASTICITY_MAX = 2;

    private static final NormalDistribution NORMAL = new NormalDistribution();

    /**
     * The {@code q} quantile (below P10 or above P90) per step, from the combination's errors on windows one day
     * apart: each error divided by its step's typical error ({@link #typicalError}, {@link #levelShaped}), the
     * {@code q} quantile of those per day ahead ({@link #dayAheadQuantiles}) blended with the normal one
     * ({@link #TAIL_PRIOR_WINDOWS}), times each step's typical error, combined in quadrature with the methods'
     * disagreement ({@link #TAIL_SPREAD_WEIGHT}); never inside P10-P90 and never below 0.
     *
     * @param rows errors (actual minus forecast, the series' units), one row per window, one column per step ahead
     * @param period steps per day
     * @param forecast the combination's forecast per step
     * @param lower its P10 per step
     * @param upper its P90 per step
     * @param spread the chosen methods' weighted standard deviation per step
     * @param q below {@link ValidatedEnsemble#LOWER_QUANTILE} or above its mirror
     */
    static double[] quantile(
            double[][] rows, int period, double[] forecast, double[] lower, double[] upper, double[] spread, double q) {
        double[] out = new double[forecast.length];
        double[] typical = levelShaped(typicalError(rows, period), rows, forecast, TAIL_LEVEL_SHARE);
        double normal = NORMAL.inverseCumulativeProbability(q) * Math.sqrt(Math.PI / 2);
        double a = rows.length / (rows.length + TAIL_PRIOR_WINDOWS);
        double[] own = dayAheadQuantiles(rows, typical, period, q);
        for (int h = 0; h < out.length; h++) {
            double dev = (a * own[h] + (1 - a) * normal) * typical[h];
            double disagreement = TAIL_SPREAD_WEIGHT * spread[h];
            out[h] = q < ValidatedEnsemble.LOWER_QUANTILE
                    ? Math.max(0, Math.min(forecast[h] - Math.hypot(Math.min(dev, 0), disagreement), lower[h]))
                    : Math.max(forecast[h] + Math.hypot(Math.max(dev, 0), disagreement), upper[h]);
        }
        return out;
    }

    /**
     * The typical size of a validation error per step ahead: the mean absolute error over all windows at the
     * steps within {@link #TAIL_NEIGHBOURS} of the same time of day, times how much larger the errors of its
     * day ahead (first day, second day, ...) are than the mean. Errors at the peak and on the second day are
     * larger than at night and on the first, and the interval should follow.
     */
    static double[] typicalError(double[][] residuals, int period) {
        int horizon = residuals[0].length;
        double[] stepMean = new double[horizon];
        for (double[] r : residuals) {
            for (int h = 0; h < horizon; h++) {
                stepMean[h] += Math.abs(r[h]) / residuals.length;
            }
        }
        int days = (horizon + period - 1) / period;
        double[] dayMean = new double[days];
        int[] daySteps = new int[days];
        double all = 0;
        for (int h = 0; h < horizon; h++) {
            dayMean[h / period] += stepMean[h];
            daySteps[h / period]++;
            all += stepMean[h] / horizon;
        }
        double[] typical = new double[horizon];
        for (int h = 0; h < horizon; h++) {
            double sum = 0;
            int count = 0;
            for (int k = 0; k < horizon; k++) {
                int apart = Math.floorMod(k - h, period);
                if (Math.min(apart, period - apart) <= TAIL_NEIGHBOURS) {
                    sum += stepMean[k];
                    count++;
                }
            }
            double dayFactor = all > 0 ? dayMean[h / period] / daySteps[h / period] / all : 1;
            typical[h] = sum / count * dayFactor + 1e-9;
        }
        return typical;
    }

    /**
     * Typical errors reshaped toward the forecast's own daily shape: {@code typical^(1 - share) * shape^share}
     * per step, where {@code shape} is {@code forecast^b} scaled to the typical errors' mean, and {@code b} the
     * slope of log mean absolute validation error on log forecast over the steps (least squares, Commons Math's
     * {@code SimpleRegression}; within [0, {@link #TAIL_LEVEL_ELASTICITY_MAX}], 1 when the forecast is flat).
     * Forecasts below 0 count as 0, and a twentieth of the mean forecast is added to each (so a step forecast at 0
     * keeps an error of its own); the result is never below {@link #TAIL_LEVEL_FLOOR} times the step's typical error.
     * Unchanged when the forecast is 0 throughout or {@code share} is 0. See {@link #TAIL_LEVEL_SHARE} for why.
     *
     * @param residuals validation errors, one row per window, one column per step ahead (same time of day as
     *     {@code forecast}'s step)
     */
    static double[] levelShaped(double[] typical, double[][] residuals, double[] forecast, double share) {
        int horizon = typical.length;
        double meanForecast =
                Arrays.stream(forecast).map(f -> Math.max(0, f)).average().orElse(0);
        if (!(meanForecast > 0) || share == 0) {
            return typical;
        }
        double[] stepMean = new double[horizon];
        for (double[] r : residuals) {
            for (int h = 0; h < horizon; h++) {
                stepMean[h] += Math.abs(r[h]) / residuals.length;
            }
        }
        double meanError = Arrays.stream(stepMean).average().orElse(0);
        // a twentieth of the mean on both sides keeps hours near zero from deciding the slope
        SimpleRegression fit = new SimpleRegression();
        for (int h = 0; h < horizon; h++) {
            fit.addData(
                    Math.log(Math.max(0, forecast[h]) + 0.05 * meanForecast),
                    Math.log(stepMean[h] + 0.05 * meanError + 1e-9));
        }
        double slope = fit.getSlope();
        double b = Double.isFinite(slope) ? Math.max(0, Math.min(TAIL_LEVEL_ELASTICITY_MAX, slope)) : 1;
        // the same twentieth as in the fit: a step forecast at 0 (a quiet night) keeps an error of its own size
        double[] shape = new double[horizon];
        for (int h = 0; h < horizon; h++) {
            shape[h] = Math.pow(Math.max(0, forecast[h]) + 0.05 * meanForecast, b);
        }
        double scale = Arrays.stream(typical).average().orElse(0)
                / Arrays.stream(shape).average().orElse(1);
        double[] out = new double[horizon];
        for (int h = 0; h < horizon; h++) {
            // never below half the step's own typical error: its errors are divided by this, and a step whose
            // typical error collapsed would turn them into outliers that widen the whole day's tail quantile
            out[h] = Math.max(
                    TAIL_LEVEL_FLOOR * typical[h],
                    Math.pow(typical[h], 1 - share) * Math.pow(scale * shape[h] + 1e-12, share));
        }
        return out;
    }

    /**
     * Per step, the {@code q} quantile of the validation errors divided by their step's typical error, pooled over
     * the steps of the same day ahead (steps 0-23 for hourly data, 24-47, ...) and every window.
     */
    static double[] dayAheadQuantiles(double[][] residuals, double[] typical, int period, double q) {
        int horizon = typical.length;
        double[] out = new double[horizon];
        for (int from = 0; from < horizon; from += period) {
            int to = Math.min(horizon, from + period);
            double[] z = new double[residuals.length * (to - from)];
            int i = 0;
            for (double[] r : residuals) {
                for (int h = from; h < to; h++) {
                    z[i++] = r[h] / typical[h];
                }
            }
            Arrays.sort(z);
            Arrays.fill(out, from, to, ValidatedEnsemble.quantile(z, q));
        }
        return out;
    }
}
