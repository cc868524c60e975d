package io.predictivescaling.events;

import io.predictivescaling.common.Env;
import io.predictivescaling.forecast.LoadPrediction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Applies upcoming events to the predictions whose hour their window (lead, event, tail) touches, and names them
 * in the reason ("event: holiday 'Labor Day' in 5 h: -28% learned from 4 past events (x0.72)", or "... : not
 * applied, it has not helped on 3 past events"). Overlapping events of one type count once, the strongest; types
 * multiply; the combined uplift of events and social signals stays within {@link #maxUplift()} either way.
 */
public final class EventAdjuster {
    /** The default bound on the combined multiplier of events and social signals: 3x up, 1/3 down. */
    public static final double DEFAULT_MAX_UPLIFT =
            Double.parseDouble(Env.MAX_SIGNAL_UPLIFT.defaultValue().orElseThrow());

    private EventAdjuster() {}

    /**
     * The bound on the combined multiplier, from the environment variable {@code MAX_SIGNAL_UPLIFT} (a number of
     * at least 1, e.g. 3 = at most 3x the forecast and at least a third of it), else {@link #DEFAULT_MAX_UPLIFT}.
     *
     * @throws IllegalArgumentException when the variable is set to something else
     */
    public static double maxUplift() {
        String v = Env.MAX_SIGNAL_UPLIFT.text();
        try {
            double cap = Double.parseDouble(v.trim());
            if (cap >= 1 && Double.isFinite(cap)) {
                return cap;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("MAX_SIGNAL_UPLIFT must be a number >= 1 (e.g. 3), got '" + v + "'");
    }

    /**
     * @param impactOf each event's learned impact
     * @param decisionOf each type's skill-gate decision: impacts of types not applied leave the load as it is
     */
    public static List<LoadPrediction> apply(
            List<LoadPrediction> predictions,
            List<KnownEvent> upcoming,
            Function<KnownEvent, EventImpact> impactOf,
            Function<String, EventEffects.Decision> decisionOf,
            Instant now) {
        double cap = maxUplift();
        List<LoadPrediction> out = new ArrayList<>();
        for (LoadPrediction p : predictions) {
            Instant hour = p.forecastTime();
            // Per type, the strongest of its events over this hour.
            Map<String, double[]> strongest = new LinkedHashMap<>();
            Map<String, String> notes = new LinkedHashMap<>();
            for (KnownEvent e : upcoming) {
                EventImpact impact = impactOf.apply(e);
                double f = impact.factor(e, hour);
                if (Math.abs(f - 1) < 1e-9 && !inside(e, hour)) {
                    continue;
                }
                EventEffects.Decision d = decisionOf.apply(e.type());
                long inHours = Duration.between(now, e.start()).toHours();
                String when = e.start().isAfter(now)
                        ? "in " + inHours + " h"
                        : e.end().isAfter(now) ? "under way" : "ended";
                if (!d.applied()) {
                    notes.putIfAbsent(
                            e.type(),
                            String.format(
                                    Locale.ROOT, "; event: %s '%s' %s: %s", e.type(), shortName(e), when, d.why()));
                    continue;
                }
                double[] best = strongest.get(e.type());
                if (best == null || Math.abs(f - 1) > Math.abs(best[0] - 1)) {
                    strongest.put(e.type(), new double[] {f});
                    notes.put(
                            e.type(),
                            String.format(
                                    Locale.ROOT,
                                    "; event: %s '%s' %s: %s (x%.2f)",
                                    e.type(),
                                    shortName(e),
                                    when,
                                    impact.describe(),
                                    f));
                }
            }
            double factor = 1;
            for (double[] f : strongest.values()) {
                factor *= f[0];
            }
            factor = Math.max(1 / cap, Math.min(cap, factor));
            if (notes.isEmpty()) {
                out.add(p);
                continue;
            }
            String reason = p.reason() + String.join("", notes.values());
            // Typed attribution: each applied type with the multiplier it applied, which feedback scores against
            // the unadjusted prediction (ScoreFeedbackService.learn); the methods' weights stay as they were.
            Map<String, Double> signals = new LinkedHashMap<>(p.signals());
            strongest.forEach((type, f) -> {
                if (Math.abs(f[0] - 1) > 1e-9) {
                    signals.put("event:" + type, f[0]);
                }
            });
            out.add(new LoadPrediction(
                    p.forecastTime(),
                    p.horizon(),
                    p.predictedLoad() * factor,
                    p.lower() * factor,
                    p.upper() * factor,
                    p.confidence(),
                    reason,
                    signals));
        }
        return out;
    }

    private static boolean inside(KnownEvent e, Instant hour) {
        return e.touches(hour, hour.plusSeconds(3600));
    }

    /**
     * Holds each prediction of {@code adjusted} (events and social signals applied to {@code base}, in the same
     * order) within [1/cap, cap] times its unadjusted value, and says so in the reason when it bites.
     */
    public static List<LoadPrediction> capCombined(
            List<LoadPrediction> base, List<LoadPrediction> adjusted, double cap) {
        if (base.size() != adjusted.size()) {
            throw new IllegalArgumentException("adjusted predictions must match the base ones one for one");
        }
        List<LoadPrediction> out = new ArrayList<>(adjusted.size());
        for (int i = 0; i < adjusted.size(); i++) {
            LoadPrediction b = base.get(i);
            LoadPrediction a = adjusted.get(i);
            double ratio = b.predictedLoad() > 0 ? a.predictedLoad() / b.predictedLoad() : 1;
            if (ratio <= cap && ratio >= 1 / cap) {
                out.add(a);
                continue;
            }
            double f = Math.max(1 / cap, Math.min(cap, ratio));
            out.add(new LoadPrediction(
                    b.forecastTime(),
                    b.horizon(),
                    b.predictedLoad() * f,
                    b.lower() * f,
                    b.upper() * f,
                    a.confidence(),
                    a.reason() + String.format(Locale.ROOT, "; signals capped at x%.2f (x%.3g asked)", f, ratio),
                    a.signals()));
        }
        return out;
    }

    /** Longest event name a reason quotes: reasons are for people, the full name stays in the events table. */
    static final int NAME_IN_REASON = 80;

    /**
     * The event's name as a reason quotes it: cut to {@value #NAME_IN_REASON} characters with an ellipsis. Names come
     * from feeds and calendars unbounded, and a reason is repeated for every hour an event touches (48 of them make
     * one item of the predictions table, which DynamoDB caps at 400 KB).
     */
    static String shortName(KnownEvent e) {
        String name = e.name();
        return name.length() <= NAME_IN_REASON ? name : name.substring(0, NAME_IN_REASON - 1) + "…";
    }
}
