package io.predictivescaling.cli.fleet;

import io.predictivescaling.common.EventPublisher;
import io.predictivescaling.fleet.LeaseStore;
import io.predictivescaling.fleet.PlanBatch;
import io.predictivescaling.fleet.PlanQueue;
import io.predictivescaling.planning.ScheduledFloor;
import io.predictivescaling.scaling.CapacityGateway;
import io.predictivescaling.targets.ScalableResource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/** In-memory Application Auto Scaling, EventBridge, SQS and lease table that meter every call, for bench-fleet. */
final class FakeServices {
    private FakeServices() {}

    /**
     * Every resource registered at MinCapacity 1; scheduled actions kept and described 50 per page. An
     * {@code at(...)} action whose time has come sets MinCapacity, as Application Auto Scaling runs it.
     */
    static final class Aas implements CapacityGateway {
        private final Meter meter;
        private final Map<ScalableResource, Map<String, ExistingAction>> actions = new ConcurrentHashMap<>();
        private final Map<ScalableResource, Integer> minCapacity = new ConcurrentHashMap<>();
        private volatile Instant now = Instant.EPOCH;

        Aas(Meter meter) {
            this.meter = meter;
        }

        /** The clock moves: actions due by {@code time} run (each once; they stay listed until deleted). */
        void advanceTo(Instant time) {
            Instant before = now;
            now = time;
            actions.forEach((resource, byName) -> byName.values().stream()
                    .filter(a -> runAt(a).isAfter(before) && !runAt(a).isAfter(time))
                    .max(java.util.Comparator.comparing(Aas::runAt))
                    .ifPresent(a -> minCapacity.put(resource, a.minCapacity())));
        }

        private static Instant runAt(ExistingAction a) {
            return java.time.LocalDateTime.parse(
                            a.schedule().substring(3, a.schedule().length() - 1))
                    .toInstant(java.time.ZoneOffset.UTC);
        }

        @Override
        public OptionalInt currentMinCapacity(ScalableResource resource) {
            meter.call("application-autoscaling:DescribeScalableTargets");
            return OptionalInt.of(minCapacity.getOrDefault(resource, 1));
        }

        /** As the real adapter reads it: DescribeScalableTargets, then the target's scheduled actions, all ours. */
        @Override
        public java.util.Optional<io.predictivescaling.scaling.TargetState> state(ScalableResource resource) {
            int min = currentMinCapacity(resource).getAsInt();
            return java.util.Optional.of(new io.predictivescaling.scaling.TargetState(
                    min, 100_000, false, scheduledActions(resource), List.of()));
        }

        /**
         * As {@link io.predictivescaling.scaling.ApplicationAutoScalingGateway#states} reads: per
         * namespace, DescribeScalableTargets per 50 resource ids; scheduled actions read namespace-wide
         * (one DescribeScheduledActions per page of 50 of every action in the namespace, not only the
         * batch's) when at least 50 of the namespace's targets are asked for and the last such read saw
         * no more than 50 actions per target asked for, else per resource; a namespace-wide read that passes
         * 50 actions per target asked for with pages to come stops there and reads per resource.
         */
        @Override
        public Map<ScalableResource, java.util.Optional<io.predictivescaling.scaling.TargetState>> states(
                java.util.Collection<ScalableResource> resources) {
            Map<String, List<ScalableResource>> byNamespace = new java.util.TreeMap<>();
            new java.util.LinkedHashSet<>(resources)
                    .forEach(r -> byNamespace
                            .computeIfAbsent(r.serviceNamespace(), k -> new ArrayList<>())
                            .add(r));
            Map<ScalableResource, java.util.Optional<io.predictivescaling.scaling.TargetState>> states =
                    new java.util.HashMap<>();
            for (var group : byNamespace.entrySet()) {
                long ids = group.getValue().stream()
                        .map(ScalableResource::resourceId)
                        .distinct()
                        .count();
                for (long i = 0; i < ids; i += PAGE) {
                    meter.call("application-autoscaling:DescribeScalableTargets");
                }
                boolean namespaceWide = group.getValue().size() >= PAGE
                        && seenInNamespace.getOrDefault(group.getKey(), 0L)
                                <= (long) PAGE * group.getValue().size();
                if (namespaceWide) {
                    long inNamespace = actions.entrySet().stream()
                            .filter(e -> e.getKey().serviceNamespace().equals(group.getKey()))
                            .mapToLong(e -> e.getValue().size())
                            .sum();
                    // Page by page; past 50 actions per target asked for with pages to come, it stops and reads
                    // per resource instead.
                    long seen = 0;
                    do {
                        meter.call("application-autoscaling:DescribeScheduledActions");
                        seen = Math.min(inNamespace, seen + PAGE);
                    } while (seen < inNamespace
                            && seen <= (long) PAGE * group.getValue().size());
                    seenInNamespace.put(group.getKey(), seen);
                    namespaceWide = seen == inNamespace;
                }
                for (ScalableResource r : group.getValue()) {
                    List<ExistingAction> have = namespaceWide
                            ? new ArrayList<>(actions.getOrDefault(r, Map.of()).values())
                            : scheduledActions(r);
                    states.put(
                            r,
                            java.util.Optional.of(new io.predictivescaling.scaling.TargetState(
                                    minCapacity.getOrDefault(r, 1), 100_000, false, have, List.of())));
                }
            }
            return states;
        }

        /** As the gateway remembers: actions its last namespace-wide read saw. */
        private final Map<String, Long> seenInNamespace = new ConcurrentHashMap<>();

        /** Application Auto Scaling's page size and resource ids per DescribeScalableTargets. */
        private static final int PAGE = 50;

        @Override
        public List<ExistingAction> scheduledActions(ScalableResource resource) {
            List<ExistingAction> have =
                    new ArrayList<>(actions.getOrDefault(resource, Map.of()).values());
            for (int i = 0; i == 0 || i < have.size(); i += 50) {
                meter.call("application-autoscaling:DescribeScheduledActions");
            }
            return have;
        }

        @Override
        public void putScheduledAction(ScalableResource resource, ScheduledFloor action) {
            meter.call("application-autoscaling:PutScheduledAction");
            actions.computeIfAbsent(resource, k -> new ConcurrentHashMap<>())
                    .put(
                            action.name(),
                            new ExistingAction(
                                    action.name(),
                                    action.schedule(),
                                    action.minCapacity(),
                                    action.maxCapacity() > 0 ? action.maxCapacity() : null,
                                    Instant.EPOCH));
        }

        @Override
        public void deleteScheduledAction(ScalableResource resource, String name) {
            meter.call("application-autoscaling:DeleteScheduledAction");
            actions.getOrDefault(resource, new ConcurrentHashMap<>()).remove(name);
        }
    }

    /** PutEvents of up to 10 entries per call. */
    record Bus(Meter meter) implements EventPublisher {
        @Override
        public void publish(List<Event> events) {
            for (int i = 0; i < events.size(); i += 10) {
                meter.call("events:PutEvents");
            }
            meter.events(events.size());
        }
    }

    /** The fleet queue: SendMessageBatch of 10; the bench drains it itself. */
    static final class Queue implements PlanQueue {
        final List<PlanBatch> messages = Collections.synchronizedList(new ArrayList<>());
        private final Meter meter;

        Queue(Meter meter) {
            this.meter = meter;
        }

        @Override
        public void send(List<PlanBatch> batches) {
            for (int i = 0; i < batches.size(); i += 10) {
                meter.call("sqs:SendMessageBatch");
            }
            messages.addAll(batches);
        }
    }

    /** The lease table: a conditional PutItem to take, a conditional DeleteItem to give back. */
    static final class Leases implements LeaseStore {
        private final Meter meter;
        private final Map<String, String> held = new ConcurrentHashMap<>();

        Leases(Meter meter) {
            this.meter = meter;
        }

        @Override
        public boolean acquire(String key, String holder, Instant now, Duration ttl) {
            meter.write("dynamodb:PutItem leases", 1, 100);
            return held.putIfAbsent(key, holder) == null || holder.equals(held.get(key));
        }

        @Override
        public void release(String key, String holder) {
            meter.write("dynamodb:DeleteItem leases", 1, 100);
            held.remove(key, holder);
        }
    }
}
