package io.predictivescaling.scaling;

import io.predictivescaling.aws.Retry;
import io.predictivescaling.planning.ScheduledFloor;
import io.predictivescaling.targets.ScalableResource;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalableTargetsResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScheduledActionsResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.applicationautoscaling.model.ScheduledAction;
import software.amazon.awssdk.services.applicationautoscaling.model.SuspendedState;

/** Application Auto Scaling: scheduled actions and MinCapacity, every call retried on throttling. */
public final class ApplicationAutoScalingGateway implements CapacityGateway {
    private final ApplicationAutoScalingClient client;
    private final Retry retry;
    private final int namespaceReadFrom;
    private final int actionsPerTargetAtMost;

    /**
     * The production switch: a namespace's scheduled actions are read whole from {@value #NAMESPACE_READ_FROM}
     * targets asked for, while it held at most {@value #ACTIONS_PER_PAGE} actions (one page) per target asked for.
     */
    public ApplicationAutoScalingGateway(ApplicationAutoScalingClient client, Retry retry) {
        this(client, retry, NAMESPACE_READ_FROM, ACTIONS_PER_PAGE);
    }

    /**
     * A gateway with its own switch between the namespace-wide and the per-resource read of scheduled actions
     * (tests use small numbers to reach both sides with a few actions instead of thousands).
     *
     * @param namespaceReadFrom from this many registered targets of one namespace asked for at once, its actions
     *     may be read namespace-wide
     * @param actionsPerTargetAtMost ... while the namespace's last namespace-wide read held at most this many
     *     actions per target asked for
     */
    ApplicationAutoScalingGateway(
            ApplicationAutoScalingClient client, Retry retry, int namespaceReadFrom, int actionsPerTargetAtMost) {
        if (namespaceReadFrom < 1 || actionsPerTargetAtMost < 1) {
            throw new IllegalArgumentException("namespaceReadFrom and actionsPerTargetAtMost must be at least 1, got "
                    + namespaceReadFrom + " and " + actionsPerTargetAtMost);
        }
        this.client = client;
        this.retry = retry;
        this.namespaceReadFrom = namespaceReadFrom;
        this.actionsPerTargetAtMost = actionsPerTargetAtMost;
    }

    @Override
    public OptionalInt currentMinCapacity(ScalableResource resource) {
        DescribeScalableTargetsResponse response = retry.call(
                "describing " + resource,
                () -> client.describeScalableTargets(r -> r.serviceNamespace(resource.serviceNamespace())
                        .resourceIds(resource.resourceId())
                        .scalableDimension(resource.scalableDimension())));
        return response.scalableTargets().stream()
                .filter(t -> t.resourceId().equals(resource.resourceId()))
                .mapToInt(t -> t.minCapacity())
                .findFirst();
    }

    @Override
    public Optional<TargetState> state(ScalableResource resource) {
        DescribeScalableTargetsResponse response = retry.call(
                "describing " + resource,
                () -> client.describeScalableTargets(r -> r.serviceNamespace(resource.serviceNamespace())
                        .resourceIds(resource.resourceId())
                        .scalableDimension(resource.scalableDimension())));
        Optional<ScalableTarget> target = response.scalableTargets().stream()
                .filter(t -> t.resourceId().equals(resource.resourceId()))
                .findFirst();
        return target.map(t -> state(t, allActions(resource)));
    }

    /**
     * Scalable targets are read {@value #RESOURCE_IDS_PER_CALL} resource ids a call. Scheduled
     * actions are read for the whole namespace, {@value #ACTIONS_PER_PAGE} a page, when at least
     * {@value #NAMESPACE_READ_FROM} of its targets are asked for (a run over the fleet: one call per
     * 50 actions instead of one per target) and its last namespace-wide read found no more than 50
     * actions per target asked for, else per resource (a queue batch of a few targets in a large
     * namespace, where reading the whole namespace would cost more than it saves). A namespace-wide read
     * that passes that many actions with pages still to come stops there and reads per resource instead.
     */
    @Override
    public Map<ScalableResource, Optional<TargetState>> states(Collection<ScalableResource> resources) {
        Map<ScalableResource, Optional<TargetState>> states = new HashMap<>();
        Map<String, List<ScalableResource>> byNamespace = new TreeMap<>();
        new LinkedHashSet<>(resources)
                .forEach(r -> byNamespace
                        .computeIfAbsent(r.serviceNamespace(), k -> new ArrayList<>())
                        .add(r));
        for (var group : byNamespace.entrySet()) {
            String namespace = group.getKey();
            // Keyed by resource id and dimension (the namespace is the group's).
            Map<String, ScalableTarget> registered = new HashMap<>();
            Set<String> wanted = new HashSet<>(group.getValue().stream()
                    .map(ApplicationAutoScalingGateway::key)
                    .toList());
            List<String> ids = group.getValue().stream()
                    .map(ScalableResource::resourceId)
                    .distinct()
                    .toList();
            for (int i = 0; i < ids.size(); i += RESOURCE_IDS_PER_CALL) {
                List<String> slice = ids.subList(i, Math.min(ids.size(), i + RESOURCE_IDS_PER_CALL));
                String token = null;
                do {
                    String next = token;
                    DescribeScalableTargetsResponse page = retry.call(
                            "describing " + slice.size() + " scalable targets in " + namespace,
                            () -> client.describeScalableTargets(r -> r.serviceNamespace(namespace)
                                    .resourceIds(slice)
                                    .maxResults(RESOURCE_IDS_PER_CALL)
                                    .nextToken(next)));
                    for (ScalableTarget t : page.scalableTargets()) {
                        String key = t.resourceId() + "|" + t.scalableDimensionAsString();
                        if (wanted.contains(key)) {
                            registered.put(key, t);
                        }
                    }
                    token = page.nextToken();
                } while (token != null && !token.isEmpty());
            }
            long limit = (long) actionsPerTargetAtMost * registered.size();
            Map<String, List<ScheduledAction>> actions = null;
            if (registered.size() >= namespaceReadFrom && namespaceActions.getOrDefault(namespace, 0) <= limit) {
                actions = namespaceWide(namespace, registered.keySet(), limit);
            }
            if (actions == null) {
                Map<String, List<ScheduledAction>> each = new HashMap<>();
                group.getValue().stream()
                        .filter(r -> registered.containsKey(key(r)))
                        .forEach(r -> each.put(key(r), allActions(r)));
                actions = each;
            }
            for (ScalableResource r : group.getValue()) {
                ScalableTarget t = registered.get(key(r));
                states.put(
                        r,
                        t == null ? Optional.empty() : Optional.of(state(t, actions.getOrDefault(key(r), List.of()))));
            }
        }
        return states;
    }

    private static String key(ScalableResource r) {
        return r.resourceId() + "|" + r.scalableDimension();
    }

    /**
     * The namespace's scheduled actions of the {@code wanted} targets (keyed resource id and dimension), page by page;
     * or null as soon as more than {@code limit} actions were seen with pages still to come: the namespace has
     * outgrown the batch, and paging on (a queue batch's first read in a namespace of 10,000 targets) would cost
     * more calls than reading each target's actions. The first read of a namespace costs at most
     * {@code limit / 50 + 1} pages that way, however large the fleet; what was seen is remembered either way.
     */
    private Map<String, List<ScheduledAction>> namespaceWide(String namespace, Set<String> wanted, long limit) {
        Map<String, List<ScheduledAction>> actions = new HashMap<>();
        int seen = 0;
        String token = null;
        do {
            String next = token;
            DescribeScheduledActionsResponse page = retry.call(
                    "listing scheduled actions in " + namespace,
                    () -> client.describeScheduledActions(r -> r.serviceNamespace(namespace)
                            .maxResults(ACTIONS_PER_PAGE)
                            .nextToken(next)));
            seen += page.scheduledActions().size();
            for (ScheduledAction a : page.scheduledActions()) {
                String key = a.resourceId() + "|" + a.scalableDimensionAsString();
                if (wanted.contains(key)) {
                    actions.computeIfAbsent(key, k -> new ArrayList<>()).add(a);
                }
            }
            token = page.nextToken();
            if (seen > limit && token != null && !token.isEmpty()) {
                namespaceActions.put(namespace, seen);
                return null;
            }
        } while (token != null && !token.isEmpty());
        namespaceActions.put(namespace, seen);
        return actions;
    }

    /**
     * Actions seen in each namespace's last namespace-wide read. A queue batch of 100 targets in a
     * namespace of 10,000 would page through every action of the fleet (about 600 calls) where one
     * call per target costs 100: once a read shows the namespace holds more than 50 actions per
     * target asked for, that namespace is read per resource. Kept for the warm Lambda's life; the
     * first read of a namespace is namespace-wide.
     */
    private final Map<String, Integer> namespaceActions = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * DescribeScalableTargets takes at most 50 resource ids and returns at most 50 targets a page.
     */
    static final int RESOURCE_IDS_PER_CALL = 50;
    /** DescribeScheduledActions returns at most 50 actions a page. */
    static final int ACTIONS_PER_PAGE = 50;
    /** From this many registered targets in one namespace, its scheduled actions are read namespace-wide. */
    static final int NAMESPACE_READ_FROM = 50;

    /** The target's state from what AAS returned: ours are the actions {@link ScheduledFloor#isOurs} names. */
    static TargetState state(ScalableTarget target, List<ScheduledAction> actions) {
        List<ExistingAction> ours = new ArrayList<>();
        List<TargetState.Action> others = new ArrayList<>();
        for (ScheduledAction a : actions) {
            var set = a.scalableTargetAction();
            Integer min = set == null ? null : set.minCapacity();
            Integer max = set == null ? null : set.maxCapacity();
            if (ScheduledFloor.isOurs(a.scheduledActionName())) {
                ours.add(new ExistingAction(a.scheduledActionName(), a.schedule(), min, max, a.creationTime()));
            } else {
                others.add(new TargetState.Action(
                        a.scheduledActionName(), a.schedule(), oneTime(a.schedule(), a.timezone()), min, max));
            }
        }
        SuspendedState suspended = target.suspendedState();
        return new TargetState(
                target.minCapacity(),
                target.maxCapacity(),
                suspended != null && Boolean.TRUE.equals(suspended.scheduledScalingSuspended()),
                ours,
                others);
    }

    /** When an {@code at(yyyy-mm-ddThh:mm:ss)} schedule runs, in the action's zone (UTC when it names none). */
    static Optional<Instant> oneTime(String schedule, String zone) {
        if (schedule == null || !schedule.startsWith("at(") || !schedule.endsWith(")")) {
            return Optional.empty();
        }
        try {
            LocalDateTime at = LocalDateTime.parse(schedule.substring(3, schedule.length() - 1));
            return Optional.of(at.atZone(zone == null || zone.isBlank() ? ZoneOffset.UTC : ZoneId.of(zone))
                    .toInstant());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private List<ScheduledAction> allActions(ScalableResource resource) {
        List<ScheduledAction> actions = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            DescribeScheduledActionsResponse page = retry.call(
                    "listing scheduled actions of " + resource,
                    () -> client.describeScheduledActions(r -> r.serviceNamespace(resource.serviceNamespace())
                            .resourceId(resource.resourceId())
                            .scalableDimension(resource.scalableDimension())
                            .nextToken(next)));
            page.scheduledActions().stream()
                    .filter(a -> a.resourceId().equals(resource.resourceId()))
                    .forEach(actions::add);
            token = page.nextToken();
        } while (token != null && !token.isEmpty());
        return actions;
    }

    @Override
    public List<ExistingAction> scheduledActions(ScalableResource resource) {
        List<ExistingAction> actions = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            DescribeScheduledActionsResponse page = retry.call(
                    "listing scheduled actions of " + resource,
                    () -> client.describeScheduledActions(r -> r.serviceNamespace(resource.serviceNamespace())
                            .resourceId(resource.resourceId())
                            .scalableDimension(resource.scalableDimension())
                            .nextToken(next)));
            for (ScheduledAction a : page.scheduledActions()) {
                if (ScheduledFloor.isOurs(a.scheduledActionName())
                        && a.resourceId().equals(resource.resourceId())) {
                    var target = a.scalableTargetAction();
                    actions.add(new ExistingAction(
                            a.scheduledActionName(),
                            a.schedule(),
                            target == null ? null : target.minCapacity(),
                            target == null ? null : target.maxCapacity(),
                            a.creationTime()));
                }
            }
            token = page.nextToken();
        } while (token != null && !token.isEmpty());
        return actions;
    }

    @Override
    public void putScheduledAction(ScalableResource resource, ScheduledFloor action) {
        retry.run(
                "putting " + action.name() + " on " + resource,
                () -> client.putScheduledAction(r -> r.serviceNamespace(resource.serviceNamespace())
                        .resourceId(resource.resourceId())
                        .scalableDimension(resource.scalableDimension())
                        .scheduledActionName(action.name())
                        .schedule(action.schedule())
                        .timezone("UTC")
                        .scalableTargetAction(t -> {
                            t.minCapacity(action.minCapacity());
                            if (action.maxCapacity() > 0) {
                                t.maxCapacity(action.maxCapacity());
                            }
                        })));
    }

    @Override
    public void deleteScheduledAction(ScalableResource resource, String name) {
        retry.run(
                "deleting " + name + " on " + resource,
                () -> client.deleteScheduledAction(r -> r.serviceNamespace(resource.serviceNamespace())
                        .resourceId(resource.resourceId())
                        .scalableDimension(resource.scalableDimension())
                        .scheduledActionName(name)));
    }
}
