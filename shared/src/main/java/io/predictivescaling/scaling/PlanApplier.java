package io.predictivescaling.scaling;

import io.predictivescaling.planning.ScalingPlan;
import io.predictivescaling.planning.ScheduledFloor;
import io.predictivescaling.targets.ScalableResource;
import io.predictivescaling.targets.ScalingPolicy;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Makes a resource's scheduled actions match a plan: puts what is new or changed, deletes ours that are
 * no longer planned (including past ones), leaves identical ones alone. What is due now is the plan's
 * first action, two minutes ahead.
 *
 * <p><b>Safe at every prefix.</b> A run can die between any two calls (timeout, throttling, a lost
 * connection), so the calls are ordered to keep one invariant after each of them: <em>the latest of our
 * actions on the resource is a restore</em> (MinCapacity at or below the floor, MaxCapacity at or below
 * the ceiling). Whatever prefix of the writes lands, every raise of ours is followed by a restore, so a
 * broken run leaves a plan that expires by itself. The order: the plan's last action (its restore) first;
 * then ours later than it are deleted, earliest first (so the latest, a restore, goes last); then the
 * plan's other actions, latest first; then the remaining stale ones.
 *
 * <p><b>Repair.</b> {@link #repair} restores what an earlier run left broken (ours that raise with no later
 * restore, e.g. written by a version without this ordering, or edited by hand): it is run for every target
 * whatever its mode, the metric's freshness or the forecast's health.
 *
 * <p>Failures of the gateway propagate: a target whose plan failed must be reported as failed.
 */
public final class PlanApplier {
    /** A repair's restore runs this long after now (AAS needs a schedule in the future). */
    static final Duration REPAIR_LEAD = Duration.ofMinutes(2);

    private final CapacityGateway gateway;

    public PlanApplier(CapacityGateway gateway) {
        this.gateway = gateway;
    }

    /** What changed: for the log and the ScalingPlanned event. */
    public record Applied(int put, int deleted, int unchanged, Integer appliedNow) {}

    /**
     * Writes the plan (when it may raise) or, when it may not (metrics stale, forecast unhealthy), only
     * repairs what is there.
     *
     * @param policy the floor and ceiling a restore returns to
     * @throws RuntimeException whatever the gateway throws; the writes done until then leave no raise
     *     without a later restore
     */
    public Applied apply(ScalableResource resource, ScalingPlan plan, ScalingPolicy policy) {
        if (!plan.raisesAllowed()) {
            // Nothing new is raised; existing actions end in their own restore, so they expire to the floor.
            return new Applied(repair(resource, policy, plan.plannedAt()).isPresent() ? 1 : 0, 0, 0, null);
        }
        Integer appliedNow = plan.applyNow().orElse(null);
        List<ScheduledFloor> wanted = withRestoreLast(plan.actions(), policy);
        Map<String, CapacityGateway.ExistingAction> existing = new HashMap<>();
        gateway.scheduledActions(resource).forEach(a -> existing.put(a.name(), a));
        int put = 0;
        int unchanged = 0;
        List<ScheduledFloor> changed = new ArrayList<>();
        for (ScheduledFloor w : wanted) {
            CapacityGateway.ExistingAction have = existing.remove(w.name());
            if (have != null && same(have, w)) {
                unchanged++;
            } else {
                changed.add(w);
            }
        }
        List<CapacityGateway.ExistingAction> stale = existing.values().stream()
                .sorted(Comparator.comparing(PlanApplier::runAt))
                .toList();
        Instant anchorAt =
                wanted.isEmpty() ? Instant.MIN : wanted.get(wanted.size() - 1).runAt();
        // 1. The restore that ends the plan.
        if (!changed.isEmpty() && changed.get(changed.size() - 1).runAt().equals(anchorAt)) {
            gateway.putScheduledAction(resource, changed.remove(changed.size() - 1));
            put++;
        }
        // 2. Ours after it, earliest first: the latest (a restore) stays until nothing it covers is left.
        for (CapacityGateway.ExistingAction s : stale) {
            if (runAt(s).isAfter(anchorAt)) {
                gateway.deleteScheduledAction(resource, s.name());
            }
        }
        // 3. The rest of the plan, latest first: each put lands before a restore already in place.
        for (int i = changed.size() - 1; i >= 0; i--) {
            gateway.putScheduledAction(resource, changed.get(i));
            put++;
        }
        // 4. Stale ones before the restore: every one of them is covered by it.
        for (CapacityGateway.ExistingAction s : stale) {
            if (!runAt(s).isAfter(anchorAt)) {
                gateway.deleteScheduledAction(resource, s.name());
            }
        }
        return new Applied(put, stale.size(), unchanged, appliedNow);
    }

    /**
     * When the latest of our actions on the resource raises (MinCapacity above the floor or MaxCapacity
     * above the ceiling), puts a restore to the floor (and the ceiling, if any of ours moved MaxCapacity)
     * after it, at the earliest two minutes from now.
     *
     * @return the restore put, or empty when nothing needed repair
     */
    public Optional<ScheduledFloor> repair(ScalableResource resource, ScalingPolicy policy, Instant now) {
        List<CapacityGateway.ExistingAction> ours = gateway.scheduledActions(resource).stream()
                .sorted(Comparator.comparing(PlanApplier::runAt))
                .toList();
        if (ours.isEmpty() || restores(ours.get(ours.size() - 1), policy)) {
            return Optional.empty();
        }
        Instant earliest = now.truncatedTo(ChronoUnit.MINUTES).plus(REPAIR_LEAD);
        Instant afterLast =
                runAt(ours.get(ours.size() - 1)).truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
        boolean maxMoved = ours.stream().anyMatch(a -> a.maxCapacity() != null);
        ScheduledFloor restore = new ScheduledFloor(
                afterLast.isAfter(earliest) ? afterLast : earliest,
                policy.floor(),
                maxMoved ? policy.ceiling() : 0,
                true);
        gateway.putScheduledAction(resource, restore);
        return Optional.of(restore);
    }

    /** What {@link #withdraw} did: our actions deleted before they ran, and the restore put (if any). */
    public record Withdrawn(int deleted, Optional<ScheduledFloor> restore) {}

    /**
     * Withdraws what we scheduled on a target that must no longer be scaled by us (switched to {@code ForecastOnly}):
     * every action of ours that has not run yet is deleted, earliest first, so the latest left is still a
     * restore; when the last of ours that has run raised (MinCapacity above the floor or MaxCapacity above the
     * ceiling), a restore is put first, two minutes from now, setting MaxCapacity (if ours moved it) back to what the
     * withdrawn actions would have set it back to (the MaxCapacity registered before our raise), else the ceiling. Actions that have run stay (their time is past, they
     * will never run again). Others' actions are never touched.
     *
     * @param policy the floor and ceiling a restore returns to
     * @param now the run's time (UTC)
     * @throws RuntimeException whatever the gateway throws; the writes done until then leave no raise without a later
     *     restore
     */
    public Withdrawn withdraw(ScalableResource resource, ScalingPolicy policy, Instant now) {
        List<CapacityGateway.ExistingAction> ours = gateway.scheduledActions(resource).stream()
                .sorted(Comparator.comparing(PlanApplier::runAt))
                .toList();
        List<CapacityGateway.ExistingAction> pending =
                ours.stream().filter(a -> runAt(a).isAfter(now)).toList();
        List<CapacityGateway.ExistingAction> ran =
                ours.stream().filter(a -> !runAt(a).isAfter(now)).toList();
        Optional<ScheduledFloor> restore = Optional.empty();
        if (!ran.isEmpty() && !restores(ran.get(ran.size() - 1), policy)) {
            boolean maxMoved = ours.stream().anyMatch(a -> a.maxCapacity() != null);
            // The MaxCapacity our withdrawn plan would have set back (the registered one before our raise), if any.
            int ceiling = pending.stream()
                    .map(CapacityGateway.ExistingAction::maxCapacity)
                    .filter(m -> m != null && m <= policy.ceiling())
                    .reduce((first, second) -> second)
                    .orElse(policy.ceiling());
            ScheduledFloor r = new ScheduledFloor(
                    now.truncatedTo(ChronoUnit.MINUTES).plus(REPAIR_LEAD),
                    Math.min(policy.floor(), ceiling),
                    maxMoved ? ceiling : 0,
                    true);
            gateway.putScheduledAction(resource, r);
            restore = Optional.of(r);
        }
        int deleted = 0;
        for (CapacityGateway.ExistingAction a : pending) {
            if (restore.isEmpty() || !a.name().equals(restore.get().name())) {
                gateway.deleteScheduledAction(resource, a.name());
                deleted++;
            }
        }
        return new Withdrawn(deleted, restore);
    }

    /** The plan's actions in time order, ending in a restore (appended an hour after the last if missing). */
    private static List<ScheduledFloor> withRestoreLast(List<ScheduledFloor> actions, ScalingPolicy policy) {
        List<ScheduledFloor> sorted = new ArrayList<>(actions);
        sorted.sort(Comparator.comparing(ScheduledFloor::runAt));
        if (!sorted.isEmpty()) {
            ScheduledFloor last = sorted.get(sorted.size() - 1);
            boolean raises = last.minCapacity() > policy.floor() || last.maxCapacity() > policy.ceiling();
            if (raises && !last.restore()) {
                boolean maxMoved = sorted.stream().anyMatch(a -> a.maxCapacity() > 0);
                sorted.add(new ScheduledFloor(
                        last.runAt().plus(Duration.ofHours(1)), policy.floor(), maxMoved ? policy.ceiling() : 0, true));
            }
        }
        return sorted;
    }

    private static boolean restores(CapacityGateway.ExistingAction a, ScalingPolicy policy) {
        return (a.minCapacity() == null || a.minCapacity() <= policy.floor())
                && (a.maxCapacity() == null || a.maxCapacity() <= policy.ceiling());
    }

    /** When an action of ours runs: from its {@code at(...)} schedule (UTC), else from its name. */
    static Instant runAt(CapacityGateway.ExistingAction a) {
        String s = a.schedule();
        if (s != null && s.startsWith("at(") && s.endsWith(")")) {
            try {
                return LocalDateTime.parse(s.substring(3, s.length() - 1)).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                // fall through to the name
            }
        }
        try {
            String stamp = a.name().substring(ScheduledFloor.NAME_PREFIX.length());
            return LocalDateTime.parse(stamp, java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'"))
                    .toInstant(ZoneOffset.UTC);
        } catch (RuntimeException e) {
            // Not a one-time action of ours: treat it as the latest, so it is never assumed covered.
            return Instant.MAX;
        }
    }

    private static boolean same(CapacityGateway.ExistingAction have, ScheduledFloor wanted) {
        Integer wantedMax = wanted.maxCapacity() > 0 ? wanted.maxCapacity() : null;
        return wanted.schedule().equals(have.schedule())
                && Objects.equals(have.minCapacity(), wanted.minCapacity())
                && Objects.equals(have.maxCapacity(), wantedMax);
    }

    /** Every action name the plan wants, for tests and logs. */
    public static List<String> names(ScalingPlan plan) {
        return plan.actions().stream().map(ScheduledFloor::name).toList();
    }
}
