package io.predictivescaling.scaling;

import io.predictivescaling.planning.CapacityPlanner;
import io.predictivescaling.planning.CapacityStep;
import io.predictivescaling.planning.ScalingPlan;
import io.predictivescaling.planning.ScheduledFloor;
import io.predictivescaling.targets.ScalingPolicy;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Fits a plan to what the scalable target is really set to, before anything is written. The planner is a guest
 * on the target: it never plans below a floor someone else has in force until that floor's own restore, never
 * above the registered MaxCapacity unless the target's {@code ceilingPolicy} is {@code raise} (then MaxCapacity
 * goes in the same action and is restored after), and writes nothing while scheduled scaling is suspended. Every
 * conflict is reported with what was done. Pure: no AWS.
 */
public final class PlanReconciler {
    private static final DateTimeFormatter HM =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    /** An action of ours that re-applies our floor runs this long after another's action at the same time. */
    static final Duration AFTER_THEIRS = Duration.ofMinutes(1);

    private PlanReconciler() {}

    /**
     * @param plan the plan as the core made it (with the target's policy)
     * @param conflicts one line per conflict: whose setting, what the plan wanted, what was done
     * @param write false when scheduled actions must not be written (scheduled scaling suspended)
     */
    public record Reconciled(ScalingPlan plan, List<String> conflicts, boolean write) {}

    public static Reconciled reconcile(ScalingPlan plan, ScalingPolicy policy, TargetState state, Instant now) {
        List<String> conflicts = new ArrayList<>();
        boolean write = true;
        if (state.scheduledScalingSuspended()) {
            conflicts.add("scheduled scaling is suspended on the scalable target "
                    + "(SuspendedState.ScheduledScalingSuspended): no scheduled action written, none would run; "
                    + "resume it with register-scalable-target --suspended-state ScheduledScalingSuspended=false");
            write = false;
        }
        if (!plan.raisesAllowed()) {
            return new Reconciled(plan, conflicts, write);
        }
        List<ScheduledFloor> actions = new ArrayList<>(plan.actions());
        actions.sort(Comparator.comparing(ScheduledFloor::runAt));
        Instant planEnd =
                actions.isEmpty() ? now : actions.get(actions.size() - 1).runAt();
        List<TargetState.Action> theirs = state.others().stream()
                .filter(a -> a.runAt().isPresent() && a.runAt().get().isAfter(now) && a.minCapacity() != null)
                .sorted(Comparator.comparing(a -> a.runAt().get()))
                .toList();
        Optional<Holder> inForce = floorInForce(policy, state, now);

        // 1. Never below another's floor until that floor's own restore.
        List<ScheduledFloor> kept = new ArrayList<>();
        int held = 0;
        int heldAt = 0;
        String heldBy = null;
        for (ScheduledFloor a : actions) {
            Holder other = othersFloorAt(inForce, theirs, a.runAt());
            if (other != null && a.minCapacity() < other.floor) {
                held++;
                if (heldBy == null) {
                    heldBy = other.describe(theirs) + " instead of lowering to " + a.minCapacity() + " "
                            + when(a.runAt(), now);
                    heldAt = other.floor;
                }
                continue;
            }
            kept.add(a);
        }
        if (heldBy != null) {
            conflicts.add("holding MinCapacity " + heldAt + " " + heldBy
                    + (held > 1 ? " (" + held + " planned actions left out)" : ""));
        }
        // 2. Another's action that would lower our floor when it runs: ours is set again a minute later.
        for (TargetState.Action a : theirs) {
            Instant at = a.runAt().get();
            if (at.isAfter(planEnd)) {
                continue;
            }
            int ours = oursAt(plan.actions(), at, policy.floor());
            if (ours > a.minCapacity()) {
                Instant again = at.plus(AFTER_THEIRS);
                kept.removeIf(x -> x.runAt().equals(again));
                kept.add(new ScheduledFloor(again, ours, 0, false));
                conflicts.add("action '" + a.name() + "' sets MinCapacity " + a.minCapacity() + " at "
                        + HM.format(at) + " under the planned " + ours + ": raising back to " + ours + " at "
                        + HM.format(again));
            }
        }
        // 2b. Another's action that caps MaxCapacity under our floor in force when it runs: ours makes way a minute
        // before, so their cap is not refused (MinCapacity above MaxCapacity) and never undone by us.
        List<TargetState.Action> caps = state.others().stream()
                .filter(a -> a.runAt().isPresent() && a.runAt().get().isAfter(now) && a.maxCapacity() != null)
                .sorted(Comparator.comparing(a -> a.runAt().get()))
                .toList();
        for (TargetState.Action c : caps) {
            Instant at = c.runAt().get();
            if (at.isAfter(planEnd)) {
                continue;
            }
            kept.sort(Comparator.comparing(ScheduledFloor::runAt));
            int ours = oursAt(kept, at, policy.floor());
            Instant before = at.minus(AFTER_THEIRS);
            if (ours > c.maxCapacity() && before.isAfter(now)) {
                kept.removeIf(x -> x.runAt().equals(before));
                kept.add(new ScheduledFloor(before, c.maxCapacity(), 0, false));
                conflicts.add("action '" + c.name() + "' sets MaxCapacity " + c.maxCapacity() + " at "
                        + HM.format(at) + " under our floor " + ours + " then: lowering to " + c.maxCapacity()
                        + " at " + HM.format(before));
            }
        }
        kept.sort(Comparator.comparing(ScheduledFloor::runAt));
        // 3. The maximum: the registered one, or the one another's scheduled action sets by then.
        List<ScheduledFloor> fitted = fitToMax(kept, policy, state.maxCapacity(), caps, conflicts);
        List<CapacityStep> steps = plan.steps().stream()
                .map(s -> fitStep(s, policy, state, inForce, theirs, caps))
                .toList();
        Optional<Integer> applyNow = fitted.isEmpty() || fitted.get(0).runAt().isAfter(now.plus(Duration.ofMinutes(3)))
                ? Optional.empty()
                : Optional.of(fitted.get(0).minCapacity());
        String summary = plan.summary()
                .replace(
                        CapacityPlanner.move(plan.actions(), plan.currentCapacity(), now),
                        CapacityPlanner.move(fitted, plan.currentCapacity(), now));
        ScalingPlan fittedPlan = new ScalingPlan(
                plan.targetId(),
                plan.plannedAt(),
                plan.currentCapacity(),
                steps,
                applyNow,
                List.copyOf(fitted),
                plan.spikes(),
                plan.raisesAllowed(),
                summary);
        return new Reconciled(fittedPlan, conflicts, write);
    }

    /**
     * The MinCapacity our restores may return to: the configured floor, or someone else's floor that will still be
     * in force after all their own scheduled actions have run (a registered MinCapacity a person raised with no
     * restore, or the last of their actions). A restore of ours to anything lower would undercut that floor.
     */
    public static int restoreFloor(ScalingPolicy policy, TargetState state, Instant now) {
        List<TargetState.Action> theirs = state.others().stream()
                .filter(a -> a.runAt().isPresent() && a.runAt().get().isAfter(now) && a.minCapacity() != null)
                .sorted(Comparator.comparing(a -> a.runAt().get()))
                .toList();
        Holder last = othersFloorAt(floorInForce(policy, state, now), theirs, Instant.MAX);
        return last == null ? policy.floor() : Math.max(policy.floor(), last.floor);
    }

    /** A floor someone else set that is in force now. */
    private record Holder(int floor, Instant since, String by) {
        String describe(List<TargetState.Action> theirs) {
            Optional<TargetState.Action> restore =
                    theirs.stream().filter(a -> a.minCapacity() < floor).findFirst();
            return "(set by " + by + ") until "
                    + restore.map(r -> "its restore '" + r.name() + "' to " + r.minCapacity() + " at "
                                    + HM.format(r.runAt().get()))
                            .orElse("it is lowered (no restore " + "scheduled)");
        }
    }

    /**
     * The registered MinCapacity, when someone else set it: it is above the configured floor and not what one of
     * our actions set: only the last of ours that has run (the receipt, kept for this) can have set it.
     */
    private static Optional<Holder> floorInForce(ScalingPolicy policy, TargetState state, Instant now) {
        int registered = state.minCapacity();
        if (registered <= policy.floor()) {
            return Optional.empty();
        }
        Optional<CapacityGateway.ExistingAction> receipt = receipt(state.ours(), now);
        Instant lastOurs = receipt.filter(a -> a.minCapacity() != null && a.minCapacity() == registered)
                .flatMap(a -> ApplicationAutoScalingGateway.oneTime(a.schedule(), null))
                .orElse(null);
        Optional<TargetState.Action> lastTheirs = state.others().stream()
                .filter(a -> a.runAt().isPresent()
                        && !a.runAt().get().isAfter(now)
                        && a.minCapacity() != null
                        && a.minCapacity() == registered)
                .max(Comparator.comparing(a -> a.runAt().get()));
        if (lastTheirs.isPresent()
                && (lastOurs == null || lastTheirs.get().runAt().get().isAfter(lastOurs))) {
            return Optional.of(new Holder(
                    registered,
                    lastTheirs.get().runAt().get(),
                    "action '" + lastTheirs.get().name() + "'"));
        }
        // Only the last of ours that has run can have set it: one still to run has set nothing yet, and an older one
        // was overwritten by that last one, so a registered MinCapacity it does not explain is someone else's.
        return lastOurs != null
                ? Optional.empty()
                : Optional.of(new Holder(registered, now, "the registered MinCapacity"));
    }

    /**
     * Our action to keep although it is past: the last of ours that has run, while the MinCapacity it set is still
     * the one in force. It is what tells our floor from another's on the next run.
     */
    public static Optional<CapacityGateway.ExistingAction> receiptToKeep(TargetState state, Instant now) {
        return receipt(state.ours(), now)
                .filter(a -> a.minCapacity() != null && a.minCapacity() == state.minCapacity());
    }

    /** The last of our actions that has run. */
    public static Optional<CapacityGateway.ExistingAction> receipt(
            List<CapacityGateway.ExistingAction> ours, Instant now) {
        CapacityGateway.ExistingAction last = null;
        Instant lastAt = null;
        for (CapacityGateway.ExistingAction a : ours) {
            Optional<Instant> at = ApplicationAutoScalingGateway.oneTime(a.schedule(), null);
            if (at.isPresent()
                    && !at.get().isAfter(now)
                    && (lastAt == null || at.get().isAfter(lastAt))) {
                last = a;
                lastAt = at.get();
            }
        }
        return Optional.ofNullable(last);
    }

    /** Another's floor in force at {@code t}: the last of their actions by then, else the one in force now. */
    private static Holder othersFloorAt(Optional<Holder> inForce, List<TargetState.Action> theirs, Instant t) {
        Holder h = inForce.orElse(null);
        for (TargetState.Action a : theirs) {
            if (!a.runAt().get().isAfter(t)) {
                h = new Holder(a.minCapacity(), a.runAt().get(), "action '" + a.name() + "'");
            }
        }
        return h;
    }

    private static int oursAt(List<ScheduledFloor> actions, Instant t, int fallback) {
        int value = fallback;
        for (ScheduledFloor a : actions) {
            if (!a.runAt().isAfter(t)) {
                value = a.minCapacity();
            }
        }
        return value;
    }

    /**
     * Honour: no MinCapacity above the registered MaxCapacity. Raise: the action that goes above it sets
     * MaxCapacity too, and the first action back under it (or a restore added an hour after the last) sets the
     * registered MaxCapacity back. A MaxCapacity another's scheduled action sets (in {@code caps}) is honoured in
     * both policies from when it runs, and is what our actions set MaxCapacity back to after it.
     */
    private static List<ScheduledFloor> fitToMax(
            List<ScheduledFloor> actions,
            ScalingPolicy policy,
            int registered,
            List<TargetState.Action> caps,
            List<String> conflicts) {
        List<ScheduledFloor> out = new ArrayList<>();
        int most = 0;
        boolean raised = false;
        java.util.Map<String, String> capped = new java.util.LinkedHashMap<>();
        for (ScheduledFloor a : actions) {
            Optional<TargetState.Action> cap = capAt(caps, a.runAt());
            int max = cap.map(TargetState.Action::maxCapacity).orElse(registered);
            if (cap.isPresent() && a.minCapacity() > max) {
                capped.putIfAbsent(
                        cap.get().name(),
                        "action '" + cap.get().name() + "' sets MaxCapacity " + max + " at "
                                + HM.format(cap.get().runAt().get()) + ": the planned " + a.minCapacity() + " at "
                                + HM.format(a.runAt()) + " is capped at " + max);
                out.add(new ScheduledFloor(a.runAt(), max, raised ? max : 0, a.restore()));
                raised = false;
                continue;
            }
            most = Math.max(most, a.minCapacity());
            if (a.minCapacity() > max) {
                out.add(
                        policy.raiseCeiling()
                                ? new ScheduledFloor(a.runAt(), a.minCapacity(), a.minCapacity(), a.restore())
                                : new ScheduledFloor(a.runAt(), max, 0, a.restore()));
                raised |= policy.raiseCeiling();
            } else {
                out.add(new ScheduledFloor(
                        a.runAt(), a.minCapacity(), raised || a.maxCapacity() > 0 ? max : 0, a.restore()));
                raised = false;
            }
        }
        if (raised) {
            ScheduledFloor last = out.get(out.size() - 1);
            Instant at = last.runAt().plus(Duration.ofHours(1));
            int max = capAt(caps, at).map(TargetState.Action::maxCapacity).orElse(registered);
            out.add(new ScheduledFloor(at, Math.min(policy.floor(), max), max, true));
        }
        conflicts.addAll(capped.values());
        if (most > registered) {
            int max = registered;
            conflicts.add(
                    policy.raiseCeiling()
                            ? "the plan needs up to " + most + " units above the registered MaxCapacity " + max
                                    + ": ceilingPolicy raise, so MaxCapacity is raised in the same actions and set back to "
                                    + max
                                    + " after"
                            : "the plan needs up to " + most + " units but the registered MaxCapacity is " + max
                                    + ": capped at " + max
                                    + " (ceilingPolicy honour; raise the registered maximum or set "
                                    + "ceilingPolicy raise)");
        }
        return out;
    }

    /** The last of another's scheduled actions setting MaxCapacity that has run by {@code t}, if any. */
    private static Optional<TargetState.Action> capAt(List<TargetState.Action> caps, Instant t) {
        TargetState.Action last = null;
        for (TargetState.Action c : caps) {
            if (!c.runAt().get().isAfter(t)) {
                last = c;
            }
        }
        return Optional.ofNullable(last);
    }

    private static CapacityStep fitStep(
            CapacityStep s,
            ScalingPolicy policy,
            TargetState state,
            Optional<Holder> inForce,
            List<TargetState.Action> theirs,
            List<TargetState.Action> caps) {
        Optional<TargetState.Action> cap = capAt(caps, s.at().minus(policy.warmup()));
        int capacity = cap.isPresent()
                ? Math.min(s.capacity(), cap.get().maxCapacity())
                : policy.raiseCeiling() ? s.capacity() : Math.min(s.capacity(), state.maxCapacity());
        Holder other = othersFloorAt(inForce, theirs, s.at().minus(policy.warmup()));
        if (other != null) {
            capacity = Math.max(capacity, other.floor);
        }
        return capacity == s.capacity() ? s : s.withCapacity(capacity);
    }

    private static String when(Instant t, Instant now) {
        return t.isAfter(now.plus(Duration.ofMinutes(3))) ? "at " + HM.format(t) : "now";
    }
}
