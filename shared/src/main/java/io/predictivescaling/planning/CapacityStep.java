package io.predictivescaling.planning;

import java.time.Instant;

/**
 * Capacity to have in place from {@code at}: the planner's decision for one slot of the predicted path.
 *
 * @param at when the capacity must serve (the action runs {@code warmup} earlier)
 * @param capacity the MinCapacity to set
 * @param maxCapacity the MaxCapacity to set, or 0 to leave it alone (only when the ceiling may be raised)
 * @param plannedLoad the load capacity was sized for (the policy's quantile of the prediction)
 */
public record CapacityStep(
        Instant at,
        int capacity,
        int maxCapacity,
        Severity severity,
        Strategy strategy,
        double predictedLoad,
        double plannedLoad,
        double confidence,
        String reason) {

    boolean sameCapacity(CapacityStep other) {
        return capacity == other.capacity && maxCapacity == other.maxCapacity;
    }
}
