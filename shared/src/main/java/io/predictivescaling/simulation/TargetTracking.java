package io.predictivescaling.simulation;

import java.time.Duration;

/**
 * The reactive policy: Application Auto Scaling target tracking on utilization, as documented in
 * "Target tracking scaling policies for Application Auto Scaling"
 * (https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-target-tracking.html):
 * the scale-out alarm fires after {@code scaleOutDatapoints} consecutive datapoints above the target
 * (AWS: 3 one-minute datapoints) and sets capacity in proportion to the metric, rounding up; the scale-in
 * alarm needs {@code scaleInDatapoints} datapoints below 90% of the target (AWS: 15 one-minute datapoints)
 * and rounds down. Cooldowns default to 300 s; during a scale-out cooldown only a larger scale-out proceeds
 * and nothing scales in. Capacity never goes below the floor. A gap (no data) is a missing datapoint: the
 * alarms do not act on it (INSUFFICIENT_DATA).
 */
public record TargetTracking(
        double targetUtilization,
        double unit,
        int floor,
        int ceiling,
        Duration interval,
        Duration warmup,
        int scaleOutDatapoints,
        int scaleInDatapoints,
        Duration scaleOutCooldown,
        Duration scaleInCooldown) {

    public TargetTracking {
        if (!(targetUtilization > 0 && targetUtilization <= 1)) {
            throw new IllegalArgumentException("target utilization must be in (0, 1], got " + targetUtilization);
        }
        if (!(unit > 0)) {
            throw new IllegalArgumentException("unit (load one capacity unit serves) must be positive, got " + unit);
        }
    }

    /** AWS defaults: 3 one-minute datapoints to scale out, 15 to scale in, 300 s cooldowns. */
    public static TargetTracking awsDefaults(
            double targetUtilization, double unit, Duration interval, Duration warmup) {
        long minutes = Math.max(1, interval.toMinutes());
        int out = (int) Math.max(1, Math.ceil(3.0 / minutes));
        int in = (int) Math.max(1, Math.ceil(15.0 / minutes));
        return new TargetTracking(
                targetUtilization,
                unit,
                1,
                1_000_000,
                interval,
                warmup,
                out,
                in,
                Duration.ofSeconds(300),
                Duration.ofSeconds(300));
    }

    /**
     * The same policy with another target utilization (what-if analysis: target tracking at a higher target under
     * scheduled floors, see {@code Backtest#withTrackingTargetUnderFloors}).
     *
     * @param target the new target, in (0, 1]
     */
    public TargetTracking withTarget(double target) {
        return new TargetTracking(
                target,
                unit,
                floor,
                ceiling,
                interval,
                warmup,
                scaleOutDatapoints,
                scaleInDatapoints,
                scaleOutCooldown,
                scaleInCooldown);
    }

    /** Intervals before units added at the end of an interval serve: floor(warm-up / interval). */
    int warmupIntervals() {
        return (int) (warmup.getSeconds() / interval.getSeconds());
    }

    /**
     * Refuses a load this policy cannot follow: a peak that needs more than {@link #ceiling()} units (a unit too
     * small for the load, e.g. 1 for a trace of 1e9 requests), which would cap every policy but the oracle there and
     * leave numbers that describe the cap, not the policies.
     *
     * @param peak the most load of any interval, in the trace's units
     * @throws IllegalArgumentException naming the peak, the units it needs and the smallest unit that fits
     */
    public void requireFits(double peak) {
        double units = Math.ceil(peak / (targetUtilization * unit) - 1e-9);
        if (units > ceiling) {
            throw new IllegalArgumentException(String.format(
                    java.util.Locale.ROOT,
                    "a capacity unit of %s is too small for this load: its peak (%s) needs %.3g units at %.0f%%"
                            + " utilization, over the %,d a replay follows; give a unit of at least %.3g (--unit)",
                    java.math.BigDecimal.valueOf(unit).stripTrailingZeros().toPlainString(),
                    new java.math.BigDecimal(peak)
                            .round(new java.math.MathContext(4))
                            .stripTrailingZeros()
                            .toPlainString(),
                    units,
                    100 * targetUtilization,
                    ceiling,
                    peak / (targetUtilization * ceiling)));
        }
    }

    /** The capacity a demand needs at the target utilization. */
    public int needed(double demand) {
        return (int) Math.ceil(demand / (targetUtilization * unit) - 1e-9);
    }
}
