package io.predictivescaling.common;

import java.util.Arrays;

/** Robust statistics over arrays, ignoring NaN. */
public final class Stats {
    private Stats() {
    }

    public static double median(double[] values, int count) {
        if (count == 0) {
            return Double.NaN;
        }
        double[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        return count % 2 == 1 ? sorted[count / 2] : (sorted[count / 2 - 1] + sorted[count / 2]) / 2;
    }

    public static double median(double[] values) {
        double[] finite = Arrays.stream(values).filter(v -> !Double.isNaN(v)).toArray();
        return median(finite, finite.length);
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
        double m = median(finite, finite.length);
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
