package io.predictivescaling.peers;

/**
 * A proxy of AWS predictive scaling in "forecast and scale" mode, as "How Application Auto Scaling predictive scaling
 * works" documents it (https://docs.aws.amazon.com/autoscaling/application/userguide/aas-predictive-scaling-how-it-works.html)
 * with the {@code PredictiveScalingConfiguration} API reference
 * (https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_PredictiveScalingConfiguration.html):
 *
 * <ul>
 *   <li>it forecasts hourly load from up to the past 14 days of the metric once it has at least 24 hours of it, for
 *       the next 48 hours, and updates the forecast every 6 hours;
 *   <li>the capacity forecast of an hour is its load forecast over the load one unit serves at the target
 *       utilization, rounded up, and is scheduled for the hour's start, launched {@code SchedulingBufferTime} ahead
 *       (here: the warm-up, so the units serve from the hour's start);
 *   <li>it only scales out: a forecast never lowers capacity below what target tracking has; target tracking scales
 *       in, never below the forecast (the floor rule of the simulator);
 *   <li>{@code MaxCapacityBreachBehavior} {@code HonorMaxCapacity}, the default, caps it at the target's maximum, as
 *       target tracking is capped.
 * </ul>
 *
 * AWS does not publish its forecasting model, only that it learns daily and weekly patterns; the proxy's load forecast
 * is a seasonal average of the hourly mean load: half the same hour of day over the last 7 days and half the same hour
 * of week over the last 2 weeks once there is a week of history, else the same hour of day over the days there are.
 */
public final class AwsPredictiveScaling implements PeerPolicy {
    static final int MIN_HISTORY_HOURS = 24;
    static final int MAX_HISTORY_HOURS = 14 * 24;
    static final int HORIZON_HOURS = 48;
    static final int UPDATE_HOURS = 6;

    @Override
    public String name() {
        return "aws-predictive";
    }

    @Override
    public String summary() {
        return "AWS predictive scaling (proxy)";
    }

    @Override
    public int[] floors(Load load) {
        double[] demand = load.demand();
        int n = demand.length;
        long step = load.stepSeconds();
        long first = Math.floorDiv(load.time(0), 3600);
        long last = Math.floorDiv(load.time(n - 1), 3600);
        int hours = (int) (last - first + 1);
        // The hourly mean load of each clock hour (UTC) the trace touches; NaN without data.
        double[] sum = new double[hours];
        int[] count = new int[hours];
        for (int s = 0; s < n; s++) {
            if (!Double.isNaN(demand[s])) {
                int h = (int) (Math.floorDiv(load.time(s), 3600) - first);
                sum[h] += demand[s];
                count[h]++;
            }
        }
        double[] forecast = new double[hours]; // capacity units per hour, from the forecast in force
        java.util.Arrays.fill(forecast, Double.NaN);
        for (int issue = 1; issue < hours; issue++) {
            if ((first + issue) % UPDATE_HOURS != 0) {
                continue;
            }
            // Hours [issue - 14 days, issue) have ended; an hour counts only if it ended by the issue time.
            int from = Math.max(0, issue - MAX_HISTORY_HOURS);
            int known = 0;
            for (int h = from; h < issue; h++) {
                known += count[h] > 0 ? 1 : 0;
            }
            if (known < MIN_HISTORY_HOURS) {
                continue;
            }
            // The issuing hour itself cannot be pre-launched a warm-up ahead any more: the forecast before covers it.
            int start = issue + (load.tracking().warmup().isZero() ? 0 : 1);
            for (int h = start; h < Math.min(hours, issue + HORIZON_HOURS); h++) {
                double load0 = seasonal(sum, count, from, issue, h);
                if (!Double.isNaN(load0)) {
                    forecast[h] = load.tracking().needed(load0);
                }
            }
        }
        int[] floors = new int[n];
        for (int s = 0; s < n; s++) {
            double f = forecast[(int) (Math.floorDiv(load.time(s), 3600) - first)];
            floors[s] = Double.isNaN(f) ? 0 : (int) f;
        }
        return floors;
    }

    /** Half the same hour of day over the last 7 days and half the same hour of week over the last 2 weeks. */
    private static double seasonal(double[] sum, int[] count, int from, int issue, int h) {
        double daily = mean(sum, count, from, issue, h, 24, 7);
        double weekly = issue - from >= 7 * 24 ? mean(sum, count, from, issue, h, 7 * 24, 2) : Double.NaN;
        if (Double.isNaN(weekly)) {
            return daily;
        }
        return Double.isNaN(daily) ? weekly : (daily + weekly) / 2;
    }

    /** The mean of up to {@code most} hourly means at h - k x period that lie in [from, issue). */
    private static double mean(double[] sum, int[] count, int from, int issue, int h, int period, int most) {
        double total = 0;
        int used = 0;
        for (int t = h - period; t >= from && used < most; t -= period) {
            if (t < issue && count[t] > 0) {
                total += sum[t] / count[t];
                used++;
            }
        }
        return used == 0 ? Double.NaN : total / used;
    }
}
