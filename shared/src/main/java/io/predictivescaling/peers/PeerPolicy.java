package io.predictivescaling.peers;

import io.predictivescaling.simulation.TargetTracking;
import java.time.Instant;

/**
 * An open peer of predictive scaling: turns a load trace into the floor (minimum capacity, in units) it would have
 * set under target tracking at each interval, walk-forward. The backtest replays the floors under the same target
 * tracking as the product's, so a peer's under-provisioning and cost compare with the product's one for one.
 */
public interface PeerPolicy {
    /** The name in the backtest's table and summary.json, e.g. {@code aws-predictive}. */
    String name();

    /** A few words on what it is, for the report, e.g. "AWS predictive scaling (proxy)". */
    String summary();

    /**
     * @return one floor per interval of {@code load.demand()} (0: no floor). The floor of interval s counts as warm and
     *     serving from the start of s (the simulator's scheduled-floor rule), so a peer that decides at time t and
     *     whose units need a warm-up sets the floor of the first interval they serve, not of the one it decided in;
     *     it must depend only on demand of intervals that had ended when it was decided.
     */
    int[] floors(Load load);

    /**
     * The load a peer plans from.
     *
     * @param demand load per interval (NaN: no data), intervals of {@code tracking.interval()} from {@code start} (UTC)
     * @param tracking the target tracking under the floors: unit, target utilization, interval and warm-up
     */
    record Load(double[] demand, Instant start, TargetTracking tracking) {
        /** Interval length in seconds. */
        public long stepSeconds() {
            return tracking.interval().getSeconds();
        }

        /** Intervals per hour, at least 1. */
        public int perHour() {
            return (int) Math.max(1, 3600 / stepSeconds());
        }

        /** Intervals before units launched at an interval's start serve: floor(warm-up / interval). */
        public int warmupIntervals() {
            return (int) (tracking.warmup().getSeconds() / stepSeconds());
        }

        /** Epoch second at which interval s starts. */
        public long time(int s) {
            return start.getEpochSecond() + s * stepSeconds();
        }
    }
}
