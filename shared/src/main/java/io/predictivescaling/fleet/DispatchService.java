package io.predictivescaling.fleet;

import io.predictivescaling.targets.ScalableTarget;
import io.predictivescaling.targets.TargetRepository;
import java.util.List;

/**
 * The dispatcher's run (every 5 minutes): reads the targets table once, groups the targets that scale into
 * batches (a metric's targets together, see {@link TargetBatches}) and puts one message per batch on the fleet
 * queue, where predict-and-scale picks them up. Unreadable items are reported, not dispatched.
 */
public final class DispatchService {
    private final TargetRepository targets;
    private final PlanQueue queue;
    private final int maxTargetsPerBatch;

    public DispatchService(TargetRepository targets, PlanQueue queue, int maxTargetsPerBatch) {
        if (maxTargetsPerBatch < 1) {
            throw new IllegalArgumentException("MAX_TARGETS_PER_BATCH must be at least 1, got " + maxTargetsPerBatch);
        }
        this.targets = targets;
        this.queue = queue;
        this.maxTargetsPerBatch = maxTargetsPerBatch;
    }

    /** @param problems one line per target item that could not be read (and so was not dispatched) */
    public record Result(int targets, int batches, int metrics, List<String> problems) {}

    public Result run() {
        TargetRepository.Loaded loaded = targets.loadAll();
        List<ScalableTarget> scaling =
                loaded.targets().stream().filter(t -> t.scaling().isPresent()).toList();
        List<PlanBatch> batches = TargetBatches.of(scaling, maxTargetsPerBatch);
        queue.send(batches);
        return new Result(
                scaling.size(),
                batches.size(),
                batches.stream().mapToInt(PlanBatch::metrics).sum(),
                loaded.problems());
    }
}
