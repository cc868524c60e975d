package io.predictivescaling.scaling;

import io.predictivescaling.planning.ScheduledFloor;
import io.predictivescaling.targets.ScalableResource;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;

/** The port to where capacity is set (Application Auto Scaling in production). */
public interface CapacityGateway {

    /** An existing scheduled action of ours on a resource. */
    record ExistingAction(String name, String schedule, Integer minCapacity, Integer maxCapacity, Instant createdAt) {}

    /** The MinCapacity registered now, or empty when the resource is not registered. */
    OptionalInt currentMinCapacity(ScalableResource resource);

    /**
     * The target's registered limits, suspended state and every scheduled action on it (ours and others'), or
     * empty when the resource is not registered.
     */
    java.util.Optional<TargetState> state(ScalableResource resource);

    /**
     * The state of many resources, as {@link #state} reads each, for a whole run or batch at once: an implementation
     * reads in as few calls as the API allows (Application Auto Scaling: scalable targets 50 resource ids a call,
     * scheduled actions per namespace, paginated). A resource left out of the map is read on its own with
     * {@link #state}; this default leaves every one out.
     *
     * @return resources mapped to their state, or to empty when they are not registered
     * @throws RuntimeException when the read fails (the run's targets then fail, each repairing what it can)
     */
    default java.util.Map<ScalableResource, java.util.Optional<TargetState>> states(
            java.util.Collection<ScalableResource> resources) {
        return java.util.Map.of();
    }

    /** Our scheduled actions on the resource (named as {@link ScheduledFloor#isOurs} says). */
    List<ExistingAction> scheduledActions(ScalableResource resource);

    void putScheduledAction(ScalableResource resource, ScheduledFloor action);

    void deleteScheduledAction(ScalableResource resource, String name);
}
