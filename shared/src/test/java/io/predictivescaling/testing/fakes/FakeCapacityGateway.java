package io.predictivescaling.testing.fakes;

import io.predictivescaling.planning.ScheduledFloor;
import io.predictivescaling.scaling.CapacityGateway;
import io.predictivescaling.scaling.TargetState;
import io.predictivescaling.targets.ScalableResource;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Application Auto Scaling in memory: scalable targets registered with MinCapacity and MaxCapacity (and scheduled
 * scaling suspended or not), scheduled actions by name per target, ours told apart by
 * {@link ScheduledFloor#NAME_PREFIX} as the adapter does. A put replaces an action of the same name; an action
 * on an unregistered target fails as AWS's ObjectNotFoundException would. {@link #runDueActions} runs
 * {@code at(...)} actions whose time has come, as the service would.
 */
public final class FakeCapacityGateway implements CapacityGateway {
    private record Registered(int min, int max, boolean suspended) {}

    private record Stored(String name, String schedule, Integer min, Integer max, Instant createdAt) {}

    private final Map<ScalableResource, Registered> targets = new ConcurrentHashMap<>();
    private final Map<ScalableResource, Map<String, Stored>> actions = new ConcurrentHashMap<>();
    private final List<String> calls = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Clock clock;

    /** Actions are stamped with {@code clock}'s time when created. */
    public FakeCapacityGateway(Clock clock) {
        this.clock = clock;
    }

    public FakeCapacityGateway register(ScalableResource resource, int min, int max) {
        return register(resource, min, max, false);
    }

    public FakeCapacityGateway register(
            ScalableResource resource, int min, int max, boolean scheduledScalingSuspended) {
        targets.put(resource, new Registered(min, max, scheduledScalingSuspended));
        return this;
    }

    /** An action someone else put (an operator's floor), kept under its own name. */
    public FakeCapacityGateway putOthers(
            ScalableResource resource, String name, String schedule, Integer min, Integer max) {
        registered(resource);
        actions.computeIfAbsent(resource, k -> new ConcurrentSkipListMap<>())
                .put(name, new Stored(name, schedule, min, max, clock.instant()));
        return this;
    }

    @Override
    public OptionalInt currentMinCapacity(ScalableResource resource) {
        calls.add("DescribeScalableTargets");
        Registered r = targets.get(resource);
        return r == null ? OptionalInt.empty() : OptionalInt.of(r.min());
    }

    @Override
    public Optional<TargetState> state(ScalableResource resource) {
        calls.add("DescribeScalableTargets");
        Registered r = targets.get(resource);
        if (r == null) {
            return Optional.empty();
        }
        calls.add("DescribeScheduledActions");
        List<ExistingAction> ours = new ArrayList<>();
        List<TargetState.Action> others = new ArrayList<>();
        for (Stored a : actions.getOrDefault(resource, Map.of()).values()) {
            if (ScheduledFloor.isOurs(a.name())) {
                ours.add(new ExistingAction(a.name(), a.schedule(), a.min(), a.max(), a.createdAt()));
            } else {
                others.add(new TargetState.Action(a.name(), a.schedule(), runAt(a.schedule()), a.min(), a.max()));
            }
        }
        return Optional.of(new TargetState(r.min(), r.max(), r.suspended(), ours, others));
    }

    @Override
    public List<ExistingAction> scheduledActions(ScalableResource resource) {
        calls.add("DescribeScheduledActions");
        return actions.getOrDefault(resource, Map.of()).values().stream()
                .filter(a -> ScheduledFloor.isOurs(a.name()))
                .map(a -> new ExistingAction(a.name(), a.schedule(), a.min(), a.max(), a.createdAt()))
                .toList();
    }

    @Override
    public void putScheduledAction(ScalableResource resource, ScheduledFloor action) {
        calls.add("PutScheduledAction");
        registered(resource);
        Map<String, Stored> byName = actions.computeIfAbsent(resource, k -> new ConcurrentSkipListMap<>());
        Stored before = byName.get(action.name());
        byName.put(
                action.name(),
                new Stored(
                        action.name(),
                        action.schedule(),
                        action.minCapacity(),
                        action.maxCapacity() > 0 ? action.maxCapacity() : null,
                        before != null ? before.createdAt() : clock.instant()));
    }

    @Override
    public void deleteScheduledAction(ScalableResource resource, String name) {
        calls.add("DeleteScheduledAction");
        Map<String, Stored> byName = actions.get(resource);
        if (byName == null || byName.remove(name) == null) {
            throw new IllegalStateException("ObjectNotFoundException: no scheduled action " + name + " on " + resource);
        }
    }

    /** Every scheduled action on {@code resource} (ours and others), by name. */
    public List<ExistingAction> allActions(ScalableResource resource) {
        return actions.getOrDefault(resource, Map.of()).values().stream()
                .map(a -> new ExistingAction(a.name(), a.schedule(), a.min(), a.max(), a.createdAt()))
                .toList();
    }

    /** MaxCapacity of a registered target now. */
    public int maxCapacity(ScalableResource resource) {
        return registered(resource).max();
    }

    /** MinCapacity of a registered target now. */
    public int minCapacity(ScalableResource resource) {
        return registered(resource).min();
    }

    /** Sets MinCapacity from the latest {@code at(...)} action due in {@code (after, upTo]}, as the service runs it. */
    public void runDueActions(ScalableResource resource, Instant after, Instant upTo) {
        actions.getOrDefault(resource, Map.of()).values().stream()
                .filter(a -> a.min() != null
                        && runAt(a.schedule())
                                .filter(t -> t.isAfter(after) && !t.isAfter(upTo))
                                .isPresent())
                .max(Comparator.comparing(a -> runAt(a.schedule()).orElseThrow()))
                .ifPresent(a -> {
                    Registered r = registered(resource);
                    targets.put(resource, new Registered(a.min(), a.max() != null ? a.max() : r.max(), r.suspended()));
                });
    }

    /** The API calls made, by operation name, in order (e.g. to check a rerun writes nothing). */
    public List<String> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    private Registered registered(ScalableResource resource) {
        Registered r = targets.get(resource);
        if (r == null) {
            throw new IllegalStateException("ObjectNotFoundException: no scalable target " + resource);
        }
        return r;
    }

    private static Optional<Instant> runAt(String schedule) {
        if (schedule == null || !schedule.startsWith("at(") || !schedule.endsWith(")")) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.parse(schedule.substring(3, schedule.length() - 1))
                    .toInstant(ZoneOffset.UTC));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
