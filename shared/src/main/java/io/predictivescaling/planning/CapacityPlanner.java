package io.predictivescaling.planning;

import io.predictivescaling.common.Stats;
import io.predictivescaling.forecast.LoadPrediction;
import io.predictivescaling.targets.ScalingPolicy;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Turns a target's predictions into capacity steps and the scheduled actions that put them in place a
 * warm-up ahead of the load. Pure: no AWS, no clock but the {@code now} it is given.
 *
 * <p>Per hour slot: capacity = ceil(load at the policy's quantile / load per unit) + spare units, clamped to floor and
 * limit; raises are gradual when confidence is low and straight to the need when it is high and the slot
 * critical; the floor falls by at most {@code scaleInStepPercent} per hour. Steps due within 30 minutes are
 * applied at once (an action two minutes ahead); the rest become one-time scheduled actions, equal neighbours merged, with a restore to the
 * floor after the last, so a plan that is never renewed expires by itself.
 */
public final class CapacityPlanner {
    public static final Duration APPLY_NOW_WINDOW = Duration.ofMinutes(30);
    /** AAS allows 200 scheduled actions per scalable target; this leaves room for the operator's own. */
    public static final int DEFAULT_MAX_ACTIONS = 100;
    /** Without a random generator: building one per call (the no-argument constructor does) is costly. */
    private final int maxActions;

    public CapacityPlanner() {
        this(DEFAULT_MAX_ACTIONS);
    }

    public CapacityPlanner(int maxActions) {
        if (maxActions < 2) {
            throw new IllegalArgumentException("a plan needs room for a raise and its restore");
        }
        this.maxActions = maxActions;
    }

    /**
     * @param currentCapacity the capacity guaranteed now (the MinCapacity in force)
     * @param lastSample when the metric last reported; older than the policy's staleAfter: nothing is raised
     * @param unhealthy why the forecast must not drive capacity now (accuracy collapsed), or empty
     */
    public ScalingPlan plan(
            String targetId,
            ScalingPolicy policy,
            int currentCapacity,
            List<LoadPrediction> predictions,
            Instant now,
            Optional<Instant> lastSample,
            Optional<String> unhealthy) {
        if (lastSample.isEmpty() || Duration.between(lastSample.get(), now).compareTo(policy.staleAfter()) > 0) {
            return hold(
                    targetId,
                    now,
                    currentCapacity,
                    "metrics stale (last sample "
                            + lastSample.map(Instant::toString).orElse("never") + "): no new raise; scheduled floors "
                            + "expire to the floor and reactive scaling stays in charge");
        }
        if (unhealthy.isPresent()) {
            return hold(
                    targetId,
                    now,
                    currentCapacity,
                    "forecast unhealthy (" + unhealthy.get() + "): no new raise; reactive scaling stays in charge");
        }
        List<CapacityStep> raw = steps(policy, currentCapacity, bySlot(predictions, policy));
        List<CapacityStep> steps = merge(raw);
        Optional<Integer> applyNow = Optional.empty();
        List<ScheduledFloor> actions = new ArrayList<>();
        Instant dueBy = now.plus(APPLY_NOW_WINDOW);
        int lastMax = 0;
        int applyNowMax = 0;
        boolean maxRaised = false;
        for (CapacityStep step : steps) {
            Instant runAt = step.at().minus(policy.warmup());
            if (!runAt.isAfter(dueBy)) {
                applyNow = Optional.of(step.capacity());
                applyNowMax = step.maxCapacity();
            } else {
                actions.add(new ScheduledFloor(runAt, step.capacity(), step.maxCapacity(), false));
            }
            maxRaised |= step.maxCapacity() > 0;
            lastMax = step.maxCapacity();
        }
        if (applyNow.isPresent() && applyNow.get() == currentCapacity && applyNowMax == 0) {
            applyNow = Optional.empty();
        }
        if (applyNow.isPresent()) {
            // "Now" is a one-time action a minute ahead: it needs no permission on the scaled service itself.
            Instant nextMinute = now.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(2));
            actions.add(0, new ScheduledFloor(nextMinute, applyNow.get(), applyNowMax, false));
        }
        if (!steps.isEmpty()) {
            CapacityStep last = steps.get(steps.size() - 1);
            Instant end = last.at().plus(Duration.ofHours(1));
            for (CapacityStep s : raw) {
                end = s.at().plus(Duration.ofHours(1)).isAfter(end) ? s.at().plus(Duration.ofHours(1)) : end;
            }
            boolean anyRaise = maxRaised || steps.stream().anyMatch(x -> x.capacity() > policy.floor());
            boolean endsAtFloor = last.capacity() == policy.floor() && lastMax == 0;
            if (anyRaise && !(endsAtFloor && !actions.isEmpty())) {
                actions.add(new ScheduledFloor(
                        end.isAfter(dueBy) ? end : dueBy.plusSeconds(60),
                        policy.floor(),
                        maxRaised ? policy.ceiling() : 0,
                        true));
            }
        }
        if (actions.size() > maxActions) {
            ScheduledFloor firstDropped = actions.get(maxActions - 1);
            actions = new ArrayList<>(actions.subList(0, maxActions - 1));
            actions.add(
                    new ScheduledFloor(firstDropped.runAt(), policy.floor(), maxRaised ? policy.ceiling() : 0, true));
        }
        List<CapacityStep> spikes = raw.stream()
                .filter(s -> s.severity().compareTo(Severity.HIGH) >= 0)
                .toList();
        int peak = steps.stream().mapToInt(CapacityStep::capacity).max().orElse(currentCapacity);
        String summary = String.format(
                Locale.ROOT,
                "%d steps over %d h, peak capacity %d (now %d)%s%s",
                steps.size(),
                raw.size(),
                peak,
                currentCapacity,
                actions.isEmpty() ? "" : ", " + move(actions, currentCapacity, now),
                spikes.isEmpty()
                        ? ""
                        : ", " + spikes.get(0).severity().name().toLowerCase(Locale.ROOT) + " load predicted at "
                                + spikes.get(0).at());
        return new ScalingPlan(targetId, now, currentCapacity, steps, applyNow, actions, spikes, true, summary);
    }

    /**
     * What the actions do first, in words that match the direction: "raising to 15 now", "lowering to 8 at
     * 06:55 UTC" (the date is added when it is not today's, in UTC); "holding 4" when no action changes it.
     */
    public static String move(List<ScheduledFloor> actions, int current, Instant now) {
        for (ScheduledFloor a : actions.stream()
                .sorted(java.util.Comparator.comparing(ScheduledFloor::runAt))
                .toList()) {
            if (a.minCapacity() != current) {
                String verb = a.minCapacity() > current ? "raising" : "lowering";
                String at = !a.runAt().isAfter(now.plus(Duration.ofMinutes(3)))
                        ? "now"
                        : "at "
                                + (a.runAt().truncatedTo(ChronoUnit.DAYS).equals(now.truncatedTo(ChronoUnit.DAYS))
                                        ? ""
                                        : a.runAt().toString().substring(0, 10) + " ")
                                + a.runAt().toString().substring(11, 16)
                                + " UTC";
                return verb + " to " + a.minCapacity() + " " + at;
            }
        }
        return "holding " + current;
    }

    private static ScalingPlan hold(String targetId, Instant now, int current, String why) {
        return new ScalingPlan(targetId, now, current, List.of(), Optional.empty(), List.of(), List.of(), false, why);
    }

    /**
     * Standard normal quantiles by probability, worked out once: the backtest plans every hour for each of its 36
     * sizings (4 quantiles), and the inverse error function was half the cost of a plan.
     */
    private static final Map<Double, Double> Z = new ConcurrentHashMap<>();

    /** The policy's quantile of the predicted load, from the P10/P90 band assuming a normal shape. */
    public static double plannedLoad(LoadPrediction p, double quantile) {
        double z = Z.computeIfAbsent(quantile, Stats::normalQuantile);
        return Math.max(0, p.predictedLoad() + z / Stats.Z90 * (p.upper() - p.predictedLoad()));
    }

    /** The most demanding prediction of each hour slot. */
    private static TreeMap<Instant, LoadPrediction> bySlot(List<LoadPrediction> predictions, ScalingPolicy policy) {
        TreeMap<Instant, LoadPrediction> slots = new TreeMap<>();
        for (LoadPrediction p : predictions) {
            Instant slot = p.forecastTime().truncatedTo(ChronoUnit.HOURS);
            LoadPrediction current = slots.get(slot);
            if (current == null
                    || plannedLoad(p, policy.capacityQuantile()) > plannedLoad(current, policy.capacityQuantile())) {
                slots.put(slot, p);
            }
        }
        return slots;
    }

    private static List<CapacityStep> steps(ScalingPolicy policy, int current, TreeMap<Instant, LoadPrediction> slots) {
        List<CapacityStep> steps = new ArrayList<>();
        int previous = current;
        for (var slot : slots.entrySet()) {
            LoadPrediction p = slot.getValue();
            double load = plannedLoad(p, policy.capacityQuantile());
            // Spare units only where load is predicted: an idle hour needs no margin for bursts.
            int needed = (int) Math.ceil(load / policy.loadPerUnit() - 1e-9) + (load > 0 ? policy.spareUnits() : 0);
            double utilization =
                    current > 0 ? load / (current * policy.loadPerUnit()) : (load > 0 ? Double.POSITIVE_INFINITY : 0);
            Severity severity = Severity.of(utilization, policy);
            Strategy strategy = p.confidence() < policy.gradualConfidence()
                    ? Strategy.GRADUAL
                    : severity == Severity.CRITICAL && p.confidence() >= policy.aggressiveConfidence()
                            ? Strategy.AGGRESSIVE
                            : Strategy.STANDARD;
            int target = needed;
            if (strategy == Strategy.GRADUAL && needed > previous) {
                int step = Math.max(1, (int) Math.ceil(previous * policy.gradualStepPercent() / 100));
                target = Math.min(needed, previous + step);
            }
            if (target < previous) {
                int step = Math.max(1, (int) Math.floor(previous * policy.scaleInStepPercent() / 100));
                target = Math.max(target, previous - step);
            }
            target = Math.max(policy.floor(), Math.min(policy.limit(), target));
            int maxCapacity = target > policy.ceiling() ? target : 0;
            // Written only if someone reads it (see CapacityStep).
            Supplier<String> reason = () -> String.format(
                    Locale.ROOT,
                    "P%.0f load %.1f needs %d units at %.1f per unit%s; %s (%.0f%% of %d now); %s%s; %s",
                    100 * policy.capacityQuantile(),
                    load,
                    needed,
                    policy.loadPerUnit(),
                    policy.spareUnits() > 0 && load > 0 ? " (" + policy.spareUnits() + " of them spare)" : "",
                    severity.name().toLowerCase(Locale.ROOT),
                    100 * Math.min(utilization, 99.99),
                    current,
                    strategy.name().toLowerCase(Locale.ROOT),
                    needed > policy.limit()
                            ? "; capped at " + policy.limit()
                                    + (policy.raiseCeiling() ? " (ceiling + buffer)" : " (ceiling honoured)")
                            : "",
                    p.reason());
            steps.add(new CapacityStep(
                    slot.getKey(),
                    target,
                    maxCapacity,
                    severity,
                    strategy,
                    p.predictedLoad(),
                    load,
                    p.confidence(),
                    reason));
            previous = target;
        }
        return steps;
    }

    private static List<CapacityStep> merge(List<CapacityStep> steps) {
        List<CapacityStep> merged = new ArrayList<>();
        for (CapacityStep s : steps) {
            if (merged.isEmpty() || !merged.get(merged.size() - 1).sameCapacity(s)) {
                merged.add(s);
            }
        }
        return merged;
    }
}
