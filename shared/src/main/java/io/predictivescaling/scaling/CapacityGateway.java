package io.predictivescaling.scaling;

import io.predictivescaling.planning.ScheduledFloor;
import io.predictivescaling.targets.ScalableResource;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;

/** The port to where capacity is set (Application Auto Scaling in production). */
public interface CapacityGateway {

    /** An existing scheduled action of ours on a resource. */
    record ExistingAction(String name, String schedule, Integer minCapacity, Integer maxCapacity, Instant createdAt) {
    }

    /** The MinCapacity registered now, or empty when the resource is not registered. */
    OptionalInt currentMinCapacity(ScalableResource resource);

    /**
     * The target's registered limits, suspended state and every scheduled action on it (ours and others'), or
     * empty when the resource is not registered.
     */
    java.util.Optional<TargetState> state(ScalableResource resource);

    /** Our scheduled actions on the resource (names starting with {@link ScheduledFloor#NAME_PREFIX}). */
    List<ExistingAction> scheduledActions(ScalableResource resource);

    void putScheduledAction(ScalableResource resource, ScheduledFloor action);

    void deleteScheduledAction(ScalableResource resource, String name);
}
