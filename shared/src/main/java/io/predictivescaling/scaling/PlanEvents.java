package io.predictivescaling.scaling;

import io.predictivescaling.common.EventPublisher;
import io.predictivescaling.planning.CapacityStep;
import io.predictivescaling.planning.ScalingPlan;
import io.predictivescaling.planning.Severity;
import io.predictivescaling.targets.ScalableTarget;
import io.predictivescaling.targets.ScalingConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The events a plan publishes: ScalingPlanned when the plan changed something on the target (see
 * {@link #changed}); SpikePredicted, PrepareForSpike, ScalingAction when due.
 */
final class PlanEvents {
    /** What an application can do ahead of a spike, most effective first. */
    static final List<String> CRITICAL_OPTIMIZATIONS =
            List.of("response caching", "query batching", "lazy loading off", "compression", "connection pooling");

    static final List<String> HIGH_OPTIMIZATIONS = List.of("response caching", "connection pooling");

    private PlanEvents() {}

    static List<EventPublisher.Event> of(
            ScalableTarget target, ScalingPlan plan, PlanApplier.Applied applied, boolean scale) {
        return of(target, plan, applied, scale, List.of());
    }

    /** @param conflicts what the plan met on the scalable target and what was done, for ScalingPlanned */
    static List<EventPublisher.Event> of(
            ScalableTarget target,
            ScalingPlan plan,
            PlanApplier.Applied applied,
            boolean scale,
            List<String> conflicts) {
        ScalingConfig config = target.scaling().orElseThrow();
        List<EventPublisher.Event> events = new ArrayList<>();
        Map<String, Object> planned = base(target, plan);
        planned.put("mode", config.policy().mode().name());
        planned.put("raisesAllowed", plan.raisesAllowed());
        planned.put("summary", plan.summary());
        List<Map<String, Object>> steps = new ArrayList<>();
        for (CapacityStep s : plan.steps()) {
            steps.add(Map.of(
                    "at",
                    s.at().toString(),
                    "capacity",
                    s.capacity(),
                    "severity",
                    s.severity().name().toLowerCase(Locale.ROOT),
                    "strategy",
                    s.strategy().name().toLowerCase(Locale.ROOT)));
        }
        planned.put("steps", steps);
        planned.put("conflicts", conflicts);
        if (applied != null) {
            planned.put("actionsPut", applied.put());
            planned.put("actionsDeleted", applied.deleted());
            planned.put("actionsUnchanged", applied.unchanged());
            if (applied.appliedNow() != null) {
                planned.put("minCapacitySetNow", applied.appliedNow());
            }
        }
        if (changed(applied, conflicts)) {
            events.add(new EventPublisher.Event("ScalingPlanned", planned));
        }
        if (!plan.spikes().isEmpty()) {
            CapacityStep spike = plan.spikes().get(0);
            Map<String, Object> predicted = base(target, plan);
            predicted.put("at", spike.at().toString());
            predicted.put("severity", spike.severity().name().toLowerCase(Locale.ROOT));
            predicted.put("predictedLoad", spike.predictedLoad());
            predicted.put("capacity", spike.capacity());
            predicted.put("leadTimeMinutes", config.policy().warmup().toMinutes());
            predicted.put("reason", spike.reason());
            events.add(new EventPublisher.Event("SpikePredicted", predicted));
            Map<String, Object> prepare = new LinkedHashMap<>(predicted);
            prepare.put(
                    "recommendedOptimizations",
                    spike.severity() == Severity.CRITICAL ? CRITICAL_OPTIMIZATIONS : HIGH_OPTIMIZATIONS);
            prepare.put("actions", List.of("cache warm-up", "prefetch", "response templates", "notify ops"));
            events.add(new EventPublisher.Event("PrepareForSpike", prepare));
        }
        if (scale && config.resource().applicationSide()) {
            int from = plan.currentCapacity();
            for (CapacityStep s : plan.steps()) {
                if (s.capacity() != from) {
                    Map<String, Object> action = base(target, plan);
                    action.put("actionType", config.resource().resourceId());
                    action.put("at", s.at().minus(config.policy().warmup()).toString());
                    action.put("from", from);
                    action.put("to", s.capacity());
                    action.put(
                            "prediction",
                            Map.of(
                                    "predictedLoad",
                                    s.predictedLoad(),
                                    "plannedLoad",
                                    s.plannedLoad(),
                                    "confidence",
                                    s.confidence(),
                                    "reason",
                                    s.reason()));
                    events.add(new EventPublisher.Event("ScalingAction", action));
                    from = s.capacity();
                }
            }
        }
        return events;
    }

    /**
     * Whether a run's ScalingPlanned says something new: scheduled actions were put or deleted (a
     * raise now included), or the plan met a conflict on the target. A run that was not applied
     * ({@code applied} null: ForecastOnly, an application-side target, a plan not written) has no
     * record of what is in force to compare with, so it always publishes. Runs every 5 minutes that
     * find every action already in place publish nothing: one event per target per run was the
     * largest EventBridge cost of a fleet (about $0.009 per target-month).
     */
    static boolean changed(PlanApplier.Applied applied, List<String> conflicts) {
        // appliedNow is the plan's raise now, made by a put action: counted in put when it is new.
        return applied == null || applied.put() > 0 || applied.deleted() > 0 || !conflicts.isEmpty();
    }

    /** The event types that announce a plan's first spike: sent again only when it changes (SpikeAnnouncements). */
    static final List<String> SPIKE_EVENTS = List.of("SpikePredicted", "PrepareForSpike");

    /**
     * What makes a spike the same one as announced before: its time, severity and capacity (not its predicted load,
     * which moves a little with every run's samples).
     */
    static String spikeFingerprint(CapacityStep spike) {
        return spike.at() + "|" + spike.severity().name() + "|" + spike.capacity();
    }

    private static Map<String, Object> base(ScalableTarget target, ScalingPlan plan) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("targetId", target.targetId());
        detail.put("resource", target.scaling().orElseThrow().resource().toString());
        detail.put("plannedAt", plan.plannedAt().toString());
        detail.put("currentCapacity", plan.currentCapacity());
        return detail;
    }
}
