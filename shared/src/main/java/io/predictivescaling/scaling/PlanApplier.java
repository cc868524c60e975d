package io.predictivescaling.scaling;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Makes a resource's scheduled actions match a plan: puts what is new or changed, deletes ours that are
 * no longer planned (including past ones), leaves identical ones alone. What is due now is the plan's
 * first action, two minutes ahead.
 */
public final class PlanApplier {
    private final CapacityGateway gateway;

    public PlanApplier(CapacityGateway gateway) {
        this.gateway = gateway;
    }

    /** What changed: for the log and the ScalingPlanned event. */
    public record Applied(int put, int deleted, int unchanged, Integer appliedNow) {
    }

    public Applied apply(ScalableResource resource, ScalingPlan plan) {
        if (!plan.raisesAllowed()) {
            // Nothing new is raised; existing actions end in their own restore, so they expire to the floor.
            return new Applied(0, 0, 0, null);
        }
        Integer appliedNow = plan.applyNow().orElse(null);
        Map<String, CapacityGateway.ExistingAction> existing = new HashMap<>();
        gateway.scheduledActions(resource).forEach(a -> existing.put(a.name(), a));
        int put = 0;
        int unchanged = 0;
        for (ScheduledFloor wanted : plan.actions()) {
            CapacityGateway.ExistingAction have = existing.remove(wanted.name());
            if (have != null && same(have, wanted)) {
                unchanged++;
            } else {
                gateway.putScheduledAction(resource, wanted);
                put++;
            }
        }
        for (String stale : existing.keySet()) {
            gateway.deleteScheduledAction(resource, stale);
        }
        return new Applied(put, existing.size(), unchanged, appliedNow);
    }

    private static boolean same(CapacityGateway.ExistingAction have, ScheduledFloor wanted) {
        Integer wantedMax = wanted.maxCapacity() > 0 ? wanted.maxCapacity() : null;
        return wanted.schedule().equals(have.schedule()) && Objects.equals(have.minCapacity(), wanted.minCapacity())
                && Objects.equals(have.maxCapacity(), wantedMax);
    }

    /** Every action name the plan wants, for tests and logs. */
    public static List<String> names(ScalingPlan plan) {
        return plan.actions().stream().map(ScheduledFloor::name).toList();
    }
}
