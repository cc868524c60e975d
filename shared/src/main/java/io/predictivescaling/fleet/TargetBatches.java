package io.predictivescaling.fleet;

import io.predictivescaling.targets.ScalableTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Splits a fleet into queue batches. All targets of one metric go into the same batch, so the consumer reads
 * and forecasts the metric once; metrics are packed whole into batches of at most {@code maxTargets} (a metric
 * with more targets than that gets a batch of its own). Deterministic: the same fleet gives the same batches.
 */
public final class TargetBatches {
    private TargetBatches() {}

    public static List<PlanBatch> of(List<ScalableTarget> targets, int maxTargets) {
        if (maxTargets < 1) {
            throw new IllegalArgumentException("maxTargets must be at least 1, got " + maxTargets);
        }
        Map<String, List<String>> byMetric = new TreeMap<>();
        for (ScalableTarget t : targets) {
            byMetric.computeIfAbsent(t.metricId(), k -> new ArrayList<>()).add(t.targetId());
        }
        List<PlanBatch> batches = new ArrayList<>();
        List<String> open = new ArrayList<>();
        int metrics = 0;
        for (List<String> group : byMetric.values()) {
            group.sort(null);
            if (!open.isEmpty() && open.size() + group.size() > maxTargets) {
                batches.add(new PlanBatch(open, metrics));
                open = new ArrayList<>();
                metrics = 0;
            }
            open.addAll(group);
            metrics++;
        }
        if (!open.isEmpty()) {
            batches.add(new PlanBatch(open, metrics));
        }
        return batches;
    }
}
