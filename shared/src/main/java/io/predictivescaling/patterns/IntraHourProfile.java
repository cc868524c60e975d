package io.predictivescaling.patterns;

import io.predictivescaling.common.Stats;
import java.util.Arrays;

/**
 * The typical shape of load within the hour, for metrics finer than an hour: for each position in the hour
 * (e.g. the twelve 5-minute intervals), the median over recent hours of the interval's load relative to its
 * hour's median. A job that runs at five past every hour shows as a ratio well above 1 at that position;
 * noise averages out near 1.
 */
public final class IntraHourProfile {
    /** Hours with fewer known intervals than this share are ignored. */
    private static final double MIN_KNOWN = 0.5;
    /** Positions within this of 1 are noise, not shape: they get exactly 1. */
    public static final double SIGNIFICANT = 0.15;

    private IntraHourProfile() {}

    /**
     * @param hours each hour's intervals by position, NaN where unknown
     * @return one ratio per position; 1 where nothing is known
     */
    public static double[] learn(double[][] hours) {
        int positions = hours.length == 0 ? 0 : hours[0].length;
        double[][] ratios = new double[positions][hours.length];
        int[] counts = new int[positions];
        double[] buffer = new double[positions];
        for (double[] hour : hours) {
            int known = 0;
            for (double v : hour) {
                if (!Double.isNaN(v)) {
                    buffer[known++] = v;
                }
            }
            if (known < MIN_KNOWN * positions) {
                continue;
            }
            double median = Stats.median(buffer, known);
            if (!(median > 0)) {
                continue;
            }
            for (int p = 0; p < positions; p++) {
                if (!Double.isNaN(hour[p])) {
                    ratios[p][counts[p]++] = hour[p] / median;
                }
            }
        }
        double[] profile = new double[positions];
        for (int p = 0; p < positions; p++) {
            double ratio = counts[p] == 0 ? 1 : Stats.median(Arrays.copyOf(ratios[p], counts[p]), counts[p]);
            profile[p] = Math.abs(ratio - 1) < SIGNIFICANT ? 1 : ratio;
        }
        return profile;
    }
}
