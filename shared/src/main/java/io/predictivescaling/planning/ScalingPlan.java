package io.predictivescaling.planning;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the planner decided for one target.
 *
 * @param steps capacity per slot, equal consecutive steps merged, the restore to the floor last
 * @param applyNow the floor to set at once (steps due within 30 minutes), if any raise is due
 * @param actions the scheduled actions to have in place afterwards (deterministic names)
 * @param spikes steps predicted HIGH or CRITICAL, soonest first
 * @param raisesAllowed false when metrics were stale or the forecast unhealthy: nothing new is raised
 * @param summary one line for logs and events
 */
public record ScalingPlan(
        String targetId,
        Instant plannedAt,
        int currentCapacity,
        List<CapacityStep> steps,
        Optional<Integer> applyNow,
        List<ScheduledFloor> actions,
        List<CapacityStep> spikes,
        boolean raisesAllowed,
        String summary) {

    /** The step in force at {@code t}, if the plan covers it. */
    public Optional<CapacityStep> stepAt(Instant t) {
        CapacityStep found = null;
        for (CapacityStep s : steps) {
            if (!s.at().isAfter(t)) {
                found = s;
            }
        }
        return Optional.ofNullable(found);
    }
}
