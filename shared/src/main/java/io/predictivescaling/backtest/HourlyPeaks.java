package io.predictivescaling.backtest;

import io.predictivescaling.metrics.RegularSeries;
import io.predictivescaling.patterns.IntraHourProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * Each hour of a trace summarised as it is replayed: the chosen quantile of its intervals (what the
 * backtest forecasts), and its intervals by position (for the within-hour shape).
 */
final class HourlyPeaks {
    private final Trace trace;
    private final long firstHour;
    private final double[] peak;
    private final double[][] values;
    private final double[][] byPosition;
    private final int[] count;
    private final double quantile;

    /** @param quantile which quantile of each hour's intervals stands for the hour (1 = its busiest) */
    HourlyPeaks(Trace trace, double quantile) {
        this.trace = trace;
        this.quantile = quantile;
        this.firstHour = hour(trace, 0);
        this.peak = new double[(int) (hour(trace, trace.size() - 1) - firstHour + 1)];
        Arrays.fill(peak, Double.NaN);
        int perHour = (int) Math.max(1, 3600 / trace.step().getSeconds());
        this.values = new double[peak.length][perHour + 1];
        this.count = new int[peak.length];
        this.byPosition = new double[peak.length][perHour];
        for (double[] row : byPosition) {
            Arrays.fill(row, Double.NaN);
        }
    }

    static long hour(Trace trace, int i) {
        return Math.floorDiv(trace.time(i).getEpochSecond(), 3600);
    }

    void add(int s) {
        double v = trace.demand()[s];
        if (!Double.isNaN(v)) {
            int h = (int) (hour(trace, s) - firstHour);
            if (count[h] < values[h].length) {
                values[h][count[h]++] = v;
            }
            int position = (int)
                    ((trace.time(s).getEpochSecond() % 3600) / trace.step().getSeconds());
            if (position < byPosition[h].length) {
                byPosition[h][position] = v;
            }
            double[] sorted = Arrays.copyOf(values[h], count[h]);
            Arrays.sort(sorted);
            peak[h] = io.predictivescaling.planning.PlanningCore.hourValue(sorted, quantile);
        }
    }

    boolean hourChangesAfter(int s) {
        return hour(trace, s + 1) != hour(trace, s);
    }

    /** The within-hour shape of the complete hours up to interval s, at most {@code span} of them. */
    double[] intraHourProfile(int s, Duration span) {
        int end = (int) (hour(trace, s + 1) - firstHour);
        int start = (int) Math.max(0, end - span.toHours());
        return IntraHourProfile.learn(Arrays.copyOfRange(byPosition, start, end));
    }

    /** Complete hours up to interval s, at most {@code span} of them. */
    RegularSeries history(int s, Duration span) {
        int end = (int) (hour(trace, s + 1) - firstHour);
        int start = (int) Math.max(0, end - span.toHours());
        double[] values = Arrays.copyOfRange(peak, start, end);
        return new RegularSeries(Instant.ofEpochSecond((firstHour + start) * 3600), Duration.ofHours(1), values);
    }
}
