package io.predictivescaling.fleet;

import java.util.List;

/** The port to the fleet queue (SQS in production) that the dispatcher fills and predict-and-scale drains. */
public interface PlanQueue {

    /** Sends every batch as one message; throws if some could not be sent after retries. */
    void send(List<PlanBatch> batches);
}
