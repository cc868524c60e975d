package io.predictivescaling.simulation;

/** Replays scheduled floors under target tracking over a demand series: what the sizing tuner judges by. */
public final class FloorReplay {
    private FloorReplay() {}

    /**
     * @param demand load per interval (NaN: no data, a missing datapoint)
     * @param floors the scheduled floor of each interval (0: none)
     */
    public static SizingChooser.Record replay(double[] demand, int[] floors, TargetTracking tracking) {
        int n = demand.length;
        int first = 0;
        while (first < n && Double.isNaN(demand[first])) {
            first++;
        }
        if (first == n) {
            return new SizingChooser.Record(0, 0, 0);
        }
        CapacitySimulator sim =
                new CapacitySimulator(tracking, Math.max(floors[first], tracking.needed(demand[first])));
        int[] serving = new int[n];
        int[] provisioned = new int[n];
        for (int s = first; s < n; s++) {
            sim.begin(s, floors[s]);
            serving[s] = sim.serving();
            provisioned[s] = sim.provisioned();
            sim.end(demand[s], s + 1 < n ? floors[s + 1] : 0);
        }
        return record(demand, serving, provisioned, first, n - 1, tracking);
    }

    /**
     * How a replay did from interval {@code from} to {@code to} (inclusive): intervals with data, those whose
     * demand exceeded what served them, and the unit-hours paid for.
     */
    public static SizingChooser.Record record(
            double[] demand, int[] serving, int[] provisioned, int from, int to, TargetTracking tracking) {
        int known = 0;
        int under = 0;
        long units = 0;
        for (int s = from; s <= to; s++) {
            units += provisioned[s];
            if (!Double.isNaN(demand[s])) {
                known++;
                if (demand[s] > serving[s] * tracking.unit() + 1e-9) {
                    under++;
                }
            }
        }
        return new SizingChooser.Record(
                known, under, units * tracking.interval().getSeconds() / 3600.0);
    }
}
