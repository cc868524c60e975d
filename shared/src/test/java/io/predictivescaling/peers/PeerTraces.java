package io.predictivescaling.peers;

import io.predictivescaling.simulation.CapacitySimulator;
import io.predictivescaling.simulation.TargetTracking;
import java.time.Duration;
import java.time.Instant;
import java.util.function.IntToDoubleFunction;

/** Synthetic loads for the peers' tests, and the replay of their floors under target tracking. */
final class PeerTraces {
    static final Instant MIDNIGHT = Instant.parse("2026-03-02T00:00:00Z");

    private PeerTraces() {}

    /** 5-minute intervals, unit 10 at 50% target utilization (5 load per unit), 10-minute warm-up. */
    static PeerPolicy.Load load(int days, IntToDoubleFunction demandAt) {
        double[] demand = new double[days * 288];
        for (int s = 0; s < demand.length; s++) {
            demand[s] = demandAt.applyAsDouble(s);
        }
        return new PeerPolicy.Load(
                demand, MIDNIGHT, TargetTracking.awsDefaults(0.5, 10, Duration.ofMinutes(5), Duration.ofMinutes(10)));
    }

    /** A daily cycle between 100 and 500, peaking at 15:00 UTC. */
    static double daily(int s) {
        return 300 + 200 * Math.sin(2 * Math.PI * (s % 288 - 144) / 288.0);
    }

    /** Units provisioned per interval when the floors are replayed under the load's target tracking. */
    static int[] replay(PeerPolicy.Load load, int[] floors) {
        double[] demand = load.demand();
        CapacitySimulator sim =
                new CapacitySimulator(load.tracking(), load.tracking().needed(demand[0]));
        int[] provisioned = new int[demand.length];
        for (int s = 0; s < demand.length; s++) {
            sim.begin(s, floors[s]);
            provisioned[s] = sim.provisioned();
            sim.end(demand[s], s + 1 < demand.length ? floors[s + 1] : 0);
        }
        return provisioned;
    }
}
