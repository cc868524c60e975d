package io.predictivescaling.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * A series on a regular grid: value i covers {@code [start + i*step, start + (i+1)*step)}. A gap is NaN, never
 * zero: no data is not no load. This is what the pure engine (patterns, forecasting) works on.
 */
public record RegularSeries(Instant start, Duration step, double[] values) {

    public RegularSeries {
        if (step.isZero() || step.isNegative()) {
            throw new IllegalArgumentException("step must be positive, got " + step);
        }
    }

    public int size() {
        return values.length;
    }

    public Instant time(int i) {
        // Whole-second steps (every real one) skip Duration.multipliedBy, which multiplies through BigDecimal: the
        // same instant, without what was a fifth of a scenario replay's CPU.
        return step.getNano() == 0
                ? start.plusSeconds(Math.multiplyExact(step.getSeconds(), (long) i))
                : start.plus(step.multipliedBy(i));
    }

    /** Where the series ends (the end of its last interval). */
    public Instant end() {
        return time(values.length);
    }

    /** Buckets summarised by {@code value} (e.g. {@code Rollup::mean}) on the grid {@code [from, to)}. */
    public static RegularSeries fromRollups(
            List<Rollup> rollups, Instant from, Instant to, Duration step, ToDoubleFunction<Rollup> value) {
        int n = (int) (Duration.between(from, to).getSeconds() / step.getSeconds());
        double[] values = new double[Math.max(0, n)];
        Arrays.fill(values, Double.NaN);
        for (Rollup r : rollups) {
            long offset = Duration.between(from, r.start()).getSeconds();
            if (offset >= 0 && offset % step.getSeconds() == 0 && offset / step.getSeconds() < n) {
                values[(int) (offset / step.getSeconds())] = value.applyAsDouble(r);
            }
        }
        return new RegularSeries(from, step, values);
    }

    /** Means over coarser buckets of {@code factor} steps; a bucket with no data stays a gap. */
    public RegularSeries coarsen(int factor) {
        int n = values.length / factor;
        double[] out = new double[n];
        for (int b = 0; b < n; b++) {
            double sum = 0;
            int count = 0;
            for (int i = b * factor; i < (b + 1) * factor; i++) {
                if (!Double.isNaN(values[i])) {
                    sum += values[i];
                    count++;
                }
            }
            out[b] = count == 0 ? Double.NaN : sum / count;
        }
        return new RegularSeries(start, step.multipliedBy(factor), out);
    }

    public int gapCount() {
        int gaps = 0;
        for (double v : values) {
            if (Double.isNaN(v)) {
                gaps++;
            }
        }
        return gaps;
    }
}
