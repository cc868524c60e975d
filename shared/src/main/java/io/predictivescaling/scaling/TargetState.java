package io.predictivescaling.scaling;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a scalable target is set to in Application Auto Scaling right now, read before a plan is written: the
 * registered limits, whether scheduled scaling is suspended, and every scheduled action on it, ours and others'.
 *
 * @param minCapacity the registered MinCapacity (the floor in force now)
 * @param maxCapacity the registered MaxCapacity
 * @param scheduledScalingSuspended {@code SuspendedState.ScheduledScalingSuspended}: no scheduled action runs
 * @param ours our scheduled actions (named as {@link ScheduledFloor#isOurs} says)
 * @param others everyone else's: an operator's, another tool's
 */
public record TargetState(
        int minCapacity,
        int maxCapacity,
        boolean scheduledScalingSuspended,
        List<CapacityGateway.ExistingAction> ours,
        List<Action> others) {

    /**
     * Someone else's scheduled action.
     *
     * @param runAt when a one-time {@code at(...)} action runs (in its own time zone, read as an instant); empty
     *     for a recurring {@code cron(...)} or {@code rate(...)} action
     * @param minCapacity the MinCapacity it sets, or null
     * @param maxCapacity the MaxCapacity it sets, or null
     */
    public record Action(
            String name, String schedule, Optional<Instant> runAt, Integer minCapacity, Integer maxCapacity) {}
}
