package io.predictivescaling.simulation;

import java.util.ArrayDeque;

/**
 * One scalable target under target tracking, optionally with scheduled floors under it (the predictive
 * policy). Walk-forward: {@link #begin} applies the floor in force for the interval, {@link #serving()} is
 * what serves it, and {@link #end} is the decision at its end, from its demand alone.
 */
public final class CapacitySimulator {
    private TargetTracking policy;
    private int desired;
    private final ArrayDeque<int[]> pending = new ArrayDeque<>(); // {ready interval, units}
    private int outStreak;
    private int inStreak;
    private long lastScaleOut = Long.MIN_VALUE / 2;
    private long lastScaleIn = Long.MIN_VALUE / 2;
    private int lastScaleOutDesired;
    private int interval;

    public CapacitySimulator(TargetTracking policy, int initial) {
        this.policy = policy;
        this.desired = Math.max(policy.floor(), initial);
    }

    /**
     * From now on the alarms follow {@code newPolicy} (what-if analysis: the backtest's tuning choosing target tracking's
     * target under the floors). Capacity, launches and streaks carry over.
     */
    public void follow(TargetTracking newPolicy) {
        this.policy = newPolicy;
    }

    /** Starts interval s; a scheduled floor's units were launched a warm-up ahead, so they serve now. */
    public void begin(int s, int floor) {
        interval = s;
        while (!pending.isEmpty() && pending.peekFirst()[0] <= s) {
            pending.pollFirst();
        }
        if (floor > desired) {
            pending.clear();
            desired = floor;
        }
        // The floor's units were launched a warm-up ahead, before any scale-out still warming up now, so at
        // least the floor serves: the oldest pending units count as ready first.
        dropPending(floor - serving(), true);
    }

    /** Takes units off the launches still warming up: the oldest first, or the newest first. */
    private void dropPending(int units, boolean oldestFirst) {
        while (units > 0 && !pending.isEmpty()) {
            int[] launch = oldestFirst ? pending.peekFirst() : pending.peekLast();
            int take = Math.min(units, launch[1]);
            launch[1] -= take;
            units -= take;
            if (launch[1] == 0) {
                if (oldestFirst) {
                    pending.pollFirst();
                } else {
                    pending.pollLast();
                }
            }
        }
    }

    /** Units serving the current interval. */
    public int serving() {
        int notReady = 0;
        for (int[] p : pending) {
            notReady += p[1];
        }
        return desired - notReady;
    }

    /** Units paid for in the current interval (launched ones included). */
    public int provisioned() {
        return desired;
    }

    /**
     * The alarms' decision at the end of the interval.
     *
     * @param nextFloor the scheduled floor of the next interval: scale-in never goes below it
     */
    public void end(double demand, int nextFloor) {
        if (Double.isNaN(demand)) {
            outStreak = 0;
            inStreak = 0;
            return;
        }
        int cap = serving();
        double utilization = cap > 0 ? demand / (cap * policy.unit()) : (demand > 0 ? Double.POSITIVE_INFINITY : 0);
        outStreak = utilization > policy.targetUtilization() ? outStreak + 1 : 0;
        inStreak = utilization < 0.9 * policy.targetUtilization() ? inStreak + 1 : 0;
        long seconds = policy.interval().getSeconds();
        boolean outCooling =
                (interval - lastScaleOut) * seconds < policy.scaleOutCooldown().getSeconds();
        boolean inCooling =
                (interval - lastScaleIn) * seconds < policy.scaleInCooldown().getSeconds();
        if (outStreak >= policy.scaleOutDatapoints()) {
            int want = Math.min(policy.ceiling(), policy.needed(demand));
            if (want > desired && (!outCooling || want > lastScaleOutDesired)) {
                pending.addLast(new int[] {interval + 1 + policy.warmupIntervals(), want - desired});
                desired = want;
                lastScaleOut = interval;
                lastScaleOutDesired = want;
            }
        } else if (inStreak >= policy.scaleInDatapoints() && !outCooling && !inCooling) {
            int floor = Math.max(policy.floor(), nextFloor);
            int want = Math.max(floor, (int) Math.floor(cap * utilization / policy.targetUtilization()));
            if (want < desired) {
                dropPending(desired - want, false); // the units not yet serving are removed first
                desired = want;
                lastScaleIn = interval;
                inStreak = 0;
            }
        }
    }
}
