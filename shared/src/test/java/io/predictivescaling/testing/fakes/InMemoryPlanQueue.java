package io.predictivescaling.testing.fakes;

import io.predictivescaling.fleet.PlanBatch;
import io.predictivescaling.fleet.PlanQueue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The fleet queue in memory: every batch sent, in order. */
public final class InMemoryPlanQueue implements PlanQueue {
    private final List<PlanBatch> sent = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void send(List<PlanBatch> batches) {
        sent.addAll(batches);
    }

    /** Every batch sent so far. */
    public List<PlanBatch> sent() {
        synchronized (sent) {
            return List.copyOf(sent);
        }
    }
}
