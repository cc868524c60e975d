package io.predictivescaling.common;

import java.util.Arrays;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * The project's one home for robust statistics. NaN means "not known" everywhere: it is ignored, never counted.
 *
 * <p>Every median here is the middle of the known (non-NaN) values, the mean of the two middle ones for an even
 * count, and NaN when no value is known (an empty input included). None of them throws or returns 0 for "nothing
 * known"; a caller that wants another answer for that case says so where it calls.
 */
public final class Stats {
    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

    /**
     * The standard normal distribution's 0.9 quantile (about 1.2816): how many standard deviations the P90 lies above
     * the mean, so a normal P10-P90 interval is the mean plus or minus {@code Z90} standard deviations.
     */
    public static final double Z90 = normalQuantile(0.9);

    private Stats() {}

    /** The standard normal distribution's {@code p} quantile, for p in (0, 1) (Commons Math). */
    public static double normalQuantile(double p) {
        return STANDARD_NORMAL.inverseCumulativeProbability(p);
    }

    /** The median of the known values among the first {@code count} of {@code values}; NaN when none is known. */
    public static double median(double[] values, int count) {
        return median(values, 0, count);
    }

    /** The median of the known values in {@code values[from, to)}; NaN when none is known. */
    public static double median(double[] values, int from, int to) {
        double[] known = new double[to - from];
        int n = 0;
        for (int i = from; i < to; i++) {
            if (!Double.isNaN(values[i])) {
                known[n++] = values[i];
            }
        }
        if (n == 0) {
            return Double.NaN;
        }
        Arrays.sort(known, 0, n);
        int m = n / 2;
        return n % 2 == 1 ? known[m] : (known[m - 1] + known[m]) / 2;
    }

    /** The median of the known values; NaN when none is known. */
    public static double median(double[] values) {
        return median(values, values.length);
    }

    /** The median of the known values (null counts as not known); NaN when none is known. */
    public static double median(java.util.Collection<Double> values) {
        return median(
                values.stream().mapToDouble(v -> v == null ? Double.NaN : v).toArray());
    }

    /**
     * 1.4826 x the median absolute deviation: the standard deviation for normal data, robust to outliers;
     * 0 when nothing is known.
     */
    public static double robustSigma(double[] values) {
        double[] finite = Arrays.stream(values).filter(v -> !Double.isNaN(v)).toArray();
        if (finite.length == 0) {
            return 0;
        }
        double m = median(finite);
        double[] deviations = new double[finite.length];
        for (int i = 0; i < finite.length; i++) {
            deviations[i] = Math.abs(finite[i] - m);
        }
        return 1.4826 * median(deviations, deviations.length);
    }

    /**
     * The pattern baseline of hourly value i: the median of the same hour in up to four earlier weeks
     * (robust to one odd week); NaN when none is known.
     */
    public static double sameHourOfEarlierWeeks(double[] hourly, int i) {
        double[] same = new double[4];
        int count = 0;
        for (int j = 1; j <= 4 && i - 168 * j >= 0; j++) {
            double v = hourly[i - 168 * j];
            if (!Double.isNaN(v)) {
                same[count++] = v;
            }
        }
        return median(same, count);
    }

    /** Theil-Sen slope of y against its index, over the finite points; 0 with fewer than two. */
    public static double theilSenSlope(double[] y) {
        int n = y.length;
        double[] slopes = new double[n * (n - 1) / 2];
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(y[i])) {
                continue;
            }
            for (int j = i + 1; j < n; j++) {
                if (!Double.isNaN(y[j])) {
                    slopes[count++] = (y[j] - y[i]) / (j - i);
                }
            }
        }
        return count == 0 ? 0 : median(slopes, count);
    }
}
