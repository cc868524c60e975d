package io.predictivescaling.events;

import io.predictivescaling.forecast.LoadPrediction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Applies upcoming events to the predictions whose window they touch, by their type's learned impact, and
 * names them in the reason ("game_release 'Season 5' in 2 h: +85% learned from 4 past game_release events").
 */
public final class EventAdjuster {
    private EventAdjuster() {
    }

    public static List<LoadPrediction> apply(List<LoadPrediction> predictions, List<KnownEvent> upcoming,
                                             Function<KnownEvent, EventImpact> impactOf, Instant now) {
        Map<KnownEvent, EventImpact> impacts = new java.util.LinkedHashMap<>();
        upcoming.forEach(e -> impacts.put(e, impactOf.apply(e)));
        List<LoadPrediction> out = new ArrayList<>();
        for (LoadPrediction p : predictions) {
            double factor = 1;
            StringBuilder reason = new StringBuilder(p.reason());
            for (var entry : impacts.entrySet()) {
                KnownEvent e = entry.getKey();
                EventImpact impact = entry.getValue();
                int offset = (int) Math.floorDiv(Duration.between(e.start(), p.forecastTime()).getSeconds(), 3600);
                double f = impact.factor(offset);
                if (Math.abs(f - 1) > 0.01) {
                    factor *= f;
                    long inHours = Duration.between(now, e.start()).toHours();
                    reason.append(String.format(Locale.ROOT, "; event: %s '%s' %s: %s", e.type(), e.name(),
                            inHours > 0 ? "in " + inHours + " h" : "under way", impact.describe()));
                }
            }
            out.add(factor == 1 ? p : new LoadPrediction(p.forecastTime(), p.horizon(), p.predictedLoad() * factor,
                    p.lower() * factor, p.upper() * factor, p.confidence(), reason.toString()));
        }
        return out;
    }
}
