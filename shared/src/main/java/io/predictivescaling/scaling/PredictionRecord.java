package io.predictivescaling.scaling;

import io.predictivescaling.forecast.LoadPrediction;
import io.predictivescaling.planning.CapacityPlanner;
import io.predictivescaling.planning.CapacityStep;
import io.predictivescaling.planning.ScalingPlan;
import io.predictivescaling.planning.Severity;
import io.predictivescaling.targets.ScalingPolicy;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One row of the predictions table: a prediction with what the plan made of it. */
public record PredictionRecord(
        String targetId,
        LoadPrediction prediction,
        int predictedCapacity,
        Severity severity,
        String recommendedAction,
        Instant createdAt) {

    /**
     * Each prediction with what the plan made of it: the capacity planned for its hour, its severity
     * against the capacity in force, and the action recommended (or held, and why).
     */
    static List<PredictionRecord> of(
            String targetId,
            ScalingPolicy policy,
            ScalingPlan plan,
            List<LoadPrediction> predicted,
            Instant now,
            boolean scale) {
        List<PredictionRecord> records = new ArrayList<>();
        for (LoadPrediction p : predicted) {
            Optional<CapacityStep> step = plan.stepAt(p.forecastTime().truncatedTo(ChronoUnit.HOURS));
            int capacity = step.map(CapacityStep::capacity).orElse(plan.currentCapacity());
            double load = CapacityPlanner.plannedLoad(p, policy.capacityQuantile());
            int current = plan.currentCapacity();
            double utilization = current > 0 ? load / (current * policy.loadPerUnit()) : (load > 0 ? 9.99 : 0);
            Severity severity = Severity.of(utilization, policy);
            String action = !plan.raisesAllowed()
                    ? "hold: " + plan.summary()
                    : capacity > current
                            ? (scale ? "raise" : "would raise (ForecastOnly)") + " MinCapacity to " + capacity + " by "
                                    + p.forecastTime().truncatedTo(ChronoUnit.HOURS)
                            : capacity < current
                                    ? (scale ? "lower" : "would lower (ForecastOnly)") + " MinCapacity to " + capacity
                                    : "keep MinCapacity " + capacity;
            records.add(new PredictionRecord(targetId, p, capacity, severity, action, now));
        }
        return records;
    }
}
