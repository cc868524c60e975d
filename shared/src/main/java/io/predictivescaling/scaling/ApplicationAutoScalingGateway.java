package io.predictivescaling.scaling;

import io.predictivescaling.aws.Retry;
import io.predictivescaling.planning.ScheduledFloor;
import io.predictivescaling.targets.ScalableResource;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Optional;
import java.util.List;
import java.util.OptionalInt;
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

    public ApplicationAutoScalingGateway(ApplicationAutoScalingClient client, Retry retry) {
        this.client = client;
        this.retry = retry;
    }

    @Override
    public OptionalInt currentMinCapacity(ScalableResource resource) {
        DescribeScalableTargetsResponse response = retry.call("describing " + resource,
                () -> client.describeScalableTargets(r -> r.serviceNamespace(resource.serviceNamespace())
                        .resourceIds(resource.resourceId()).scalableDimension(resource.scalableDimension())));
        return response.scalableTargets().stream()
                .filter(t -> t.resourceId().equals(resource.resourceId()))
                .mapToInt(t -> t.minCapacity())
                .findFirst();
    }

    @Override
    public Optional<TargetState> state(ScalableResource resource) {
        DescribeScalableTargetsResponse response = retry.call("describing " + resource,
                () -> client.describeScalableTargets(r -> r.serviceNamespace(resource.serviceNamespace())
                        .resourceIds(resource.resourceId()).scalableDimension(resource.scalableDimension())));
        Optional<ScalableTarget> target = response.scalableTargets().stream()
                .filter(t -> t.resourceId().equals(resource.resourceId())).findFirst();
        if (target.isEmpty()) {
            return Optional.empty();
        }
        List<ExistingAction> ours = new ArrayList<>();
        List<TargetState.Action> others = new ArrayList<>();
        for (ScheduledAction a : allActions(resource)) {
            var set = a.scalableTargetAction();
            Integer min = set == null ? null : set.minCapacity();
            Integer max = set == null ? null : set.maxCapacity();
            if (a.scheduledActionName().startsWith(ScheduledFloor.NAME_PREFIX)) {
                ours.add(new ExistingAction(a.scheduledActionName(), a.schedule(), min, max, a.creationTime()));
            } else {
                others.add(new TargetState.Action(a.scheduledActionName(), a.schedule(),
                        oneTime(a.schedule(), a.timezone()), min, max));
            }
        }
        SuspendedState suspended = target.get().suspendedState();
        return Optional.of(new TargetState(target.get().minCapacity(), target.get().maxCapacity(),
                suspended != null && Boolean.TRUE.equals(suspended.scheduledScalingSuspended()), ours, others));
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
            DescribeScheduledActionsResponse page = retry.call("listing scheduled actions of " + resource,
                    () -> client.describeScheduledActions(r -> r.serviceNamespace(resource.serviceNamespace())
                            .resourceId(resource.resourceId()).scalableDimension(resource.scalableDimension())
                            .nextToken(next)));
            page.scheduledActions().stream().filter(a -> a.resourceId().equals(resource.resourceId()))
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
            DescribeScheduledActionsResponse page = retry.call("listing scheduled actions of " + resource,
                    () -> client.describeScheduledActions(r -> r.serviceNamespace(resource.serviceNamespace())
                            .resourceId(resource.resourceId()).scalableDimension(resource.scalableDimension())
                            .nextToken(next)));
            for (ScheduledAction a : page.scheduledActions()) {
                if (a.scheduledActionName().startsWith(ScheduledFloor.NAME_PREFIX)
                        && a.resourceId().equals(resource.resourceId())) {
                    var target = a.scalableTargetAction();
                    actions.add(new ExistingAction(a.scheduledActionName(), a.schedule(),
                            target == null ? null : target.minCapacity(), target == null ? null : target.maxCapacity(),
                            a.creationTime()));
                }
            }
            token = page.nextToken();
        } while (token != null && !token.isEmpty());
        return actions;
    }

    @Override
    public void putScheduledAction(ScalableResource resource, ScheduledFloor action) {
        retry.run("putting " + action.name() + " on " + resource, () -> client.putScheduledAction(r -> r
                .serviceNamespace(resource.serviceNamespace())
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
        retry.run("deleting " + name + " on " + resource, () -> client.deleteScheduledAction(r -> r
                .serviceNamespace(resource.serviceNamespace())
                .resourceId(resource.resourceId())
                .scalableDimension(resource.scalableDimension())
                .scheduledActionName(name)));
    }
}
