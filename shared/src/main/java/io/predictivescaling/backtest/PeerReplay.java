package io.predictivescaling.backtest;

import io.predictivescaling.peers.PeerPolicy;
import io.predictivescaling.simulation.CapacitySimulator;
import io.predictivescaling.simulation.TargetTracking;

/**
 * Replays an open peer's floors ({@link PeerPolicy}) under the same target tracking as the backtest's predictive
 * policy, from the same starting capacity, and counts under-provisioning and cost the same way, so the peer's row
 * in the backtest's table compares with the product's one for one.
 */
final class PeerReplay {
    private PeerReplay() {}

    /** The peer's serving and provisioned units per interval: {serving, provisioned}. */
    static int[][] replay(PeerPolicy peer, Trace trace, TargetTracking tracking, int initial) {
        double[] demand = trace.demand();
        int n = demand.length;
        int[] floors = peer.floors(new PeerPolicy.Load(demand.clone(), trace.start(), tracking));
        CapacitySimulator sim = new CapacitySimulator(tracking, initial);
        int[] serving = new int[n];
        int[] provisioned = new int[n];
        for (int s = 0; s < n; s++) {
            sim.begin(s, floors[s]);
            serving[s] = sim.serving();
            provisioned[s] = sim.provisioned();
            sim.end(demand[s], s + 1 < n ? floors[s + 1] : 0);
        }
        return new int[][] {serving, provisioned};
    }
}
