package io.predictivescaling.simulation;

import java.util.Arrays;

/**
 * How bursty a load is within the hour: the median, over its hours, of each hour's P90 interval divided by that
 * hour's median interval (a within-hour peak-to-median ratio). A daily or weekly cycle moves whole hours and leaves
 * it near 1; short bursts that come and go inside an hour, aligned with no cycle, raise it. Over their whole length
 * the developer traces measure 1.04 (rds_cpu_utilization), 1.22 (nasa_http), 1.25 (Twitter_volume_AMZN), 1.43
 * (cpu_utilization_asg_misconfiguration) and 2.17 (the spiky elb_request_count); a load lognormal around its level
 * measures about exp(sigma), e.g. 2.0 for sigma 0.7.
 *
 * <p>Peak-to-median (or peak-to-average) ratios are the usual measure of burstiness in traffic engineering, e.g.
 * "peak-to-mean ratio" in W. Leland et al., "On the self-similar nature of Ethernet traffic", IEEE/ACM Trans.
 * Networking 2(1), 1994, and the P90/P50 ratio of latency and load dashboards. Taking it per hour and then the
 * median over hours makes it blind to the daily cycle and to a rare outlier hour.
 */
public final class Burstiness {
    /** Fewer intervals than this per hour (30-minute or hourly data) cannot show a burst inside an hour. */
    static final int MIN_PER_HOUR = 4;

    private Burstiness() {}

    /**
     * @param demand load per interval (NaN: no data); intervals {@code from} to {@code to}, inclusive, are measured
     *     in runs of {@code perHour} (hours need not start on the clock hour)
     * @param perHour intervals per hour (12 for 5-minute data)
     * @return the ratio, or 1 (not bursty) when the data is coarser than 15 minutes or no hour has at least half its
     *     intervals with positive load
     */
    public static double withinHour(double[] demand, int from, int to, int perHour) {
        if (perHour < MIN_PER_HOUR) {
            return 1;
        }
        double[] ratios = new double[(to - from + 1) / perHour + 1];
        int hours = 0;
        double[] hour = new double[perHour];
        for (int start = from; start + perHour - 1 <= to; start += perHour) {
            int known = 0;
            for (int s = start; s < start + perHour; s++) {
                if (!Double.isNaN(demand[s])) {
                    hour[known++] = demand[s];
                }
            }
            if (2 * known < perHour) {
                continue;
            }
            double[] sorted = Arrays.copyOf(hour, known);
            Arrays.sort(sorted);
            double median = quantile(sorted, 0.5);
            if (median > 0) {
                ratios[hours++] = quantile(sorted, 0.9) / median;
            }
        }
        if (hours == 0) {
            return 1;
        }
        double[] sorted = Arrays.copyOf(ratios, hours);
        Arrays.sort(sorted);
        return quantile(sorted, 0.5);
    }

    /** The value at index round(q (n - 1)) of sorted values: always one really observed. */
    private static double quantile(double[] sorted, double q) {
        return sorted[(int) Math.round(q * (sorted.length - 1))];
    }
}
