package io.predictivescaling.events;

import io.predictivescaling.forecast.LoadPrediction;
import io.predictivescaling.metrics.RegularSeries;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Known events applied to a forecast so that they help and never hurt: the one entry point predict-and-scale, the
 * backtest and {@code event-impact} share.
 *
 * <p>Each upcoming event's effect is learned ({@link EventImpact}) from the past events of its type, or of its own
 * name when it recurs. A type's effect is applied only if it passes a skill gate: replayed walk-forward on the
 * type's past events (each one forecast with what was learned from the ones before it), it must have lowered the
 * absolute error over the events' windows against no adjustment; the same replay chooses between a flat effect and
 * an hour-by-hour shape (for events that repeat with one length and start time, such as all-day holidays). In
 * production, feedback also scores each type as
 * {@code event:<type>} (how often the adjustment beat the unadjusted prediction); a type feedback scores below
 * {@link #MIN_FEEDBACK} is held back too. The reason of every prediction an event touches says which.
 */
public final class EventEffects {
    /** A type feedback scored below this (share of scored predictions it improved) is not applied. */
    public static final double MIN_FEEDBACK = 0.5;
    /** At most this many of a type's most recent past events are replayed by the skill gate. */
    static final int MAX_REPLAYED = 40;
    /** How far past the path's last hour an event is looked for (its lead may reach into the path). */
    static final Duration LEAD_REACH = Duration.ofHours(EventImpact.MAX_LEAD_HOURS + 1);

    private EventEffects() {}

    /** Whether a type's learned effect is applied, and the words that say why. */
    /** @param shaped whether the hour-by-hour shape (where one is learned) beat the flat effect in the replay */
    public record Decision(String type, boolean applied, int replayed, String why, boolean shaped) {
        public Decision(String type, boolean applied, int replayed, String why) {
            this(type, applied, replayed, why, false);
        }
    }

    /**
     * @param path predictions to adjust (any horizons; each one's hour is the hour starting at its forecast time)
     * @param calendar every known event, past and upcoming
     * @param hourly the target's hourly load up to {@code now}, the history effects are learned from
     * @param zone the target's zone
     * @param feedback signal confidences from feedback ({@code event:<type>} is read), may be empty
     */
    public static List<LoadPrediction> apply(
            List<LoadPrediction> path,
            List<KnownEvent> calendar,
            RegularSeries hourly,
            ZoneId zone,
            Instant now,
            Map<String, Double> feedback) {
        if (path.isEmpty() || calendar.isEmpty() || hourly == null) {
            return path;
        }
        Instant last = path.stream()
                .map(LoadPrediction::forecastTime)
                .max(Instant::compareTo)
                .orElse(now)
                .plus(LEAD_REACH);
        // Every event whose window (with the longest lead and tail) reaches the path, under way ones included.
        List<KnownEvent> upcoming = calendar.stream()
                .filter(e -> e.start().minus(LEAD_REACH).isBefore(last)
                        && e.end()
                                .plus(Duration.ofHours(EventImpact.MAX_TAIL_HOURS))
                                .isAfter(now))
                .toList();
        if (upcoming.isEmpty()) {
            return path;
        }
        // Only past events the history covers can teach (and be replayed); the rest cost time and say nothing.
        Instant dataFrom = hourly.start();
        List<KnownEvent> past = calendar.stream()
                .filter(e -> !e.end().isAfter(now) && e.end().isAfter(dataFrom))
                .sorted(EventImpact.BY_START)
                .toList();
        Map<String, Decision> decisions = new HashMap<>();
        Map<KnownEvent, EventImpact> impacts = new HashMap<>();
        for (KnownEvent e : upcoming) {
            Decision d = decisions.computeIfAbsent(e.type(), t -> decide(t, past, hourly, zone, prior(e), feedback));
            impacts.put(e, impactFor(e, past, past, hourly, zone, d.shaped()));
        }
        return EventAdjuster.apply(path, upcoming, impacts::get, decisions::get, now);
    }

    /** The impact for one event: from the past events of its name when it recurs, else of its type. */
    static EventImpact impactFor(
            KnownEvent e, List<KnownEvent> pastEvents, List<KnownEvent> calendar, RegularSeries hourly, ZoneId zone) {
        return impactFor(e, pastEvents, calendar, hourly, zone, false);
    }

    static EventImpact impactFor(
            KnownEvent e,
            List<KnownEvent> pastEvents,
            List<KnownEvent> calendar,
            RegularSeries hourly,
            ZoneId zone,
            boolean shaped) {
        List<KnownEvent> sameType =
                pastEvents.stream().filter(p -> p.type().equals(e.type())).toList();
        List<KnownEvent> sameName =
                sameType.stream().filter(p -> name(p).equals(name(e))).toList();
        List<KnownEvent> learnFrom = sameName.size() >= 2 ? sameName : sameType;
        return EventImpact.learn(e.type(), learnFrom, calendar, hourly, zone, prior(e), shaped ? e : null);
    }

    /**
     * The skill gate: each past event of the type forecast with what the ones before it taught (and the prior),
     * against no adjustment, over the event's hours with the longest lead and tail.
     */
    static Decision decide(
            String type,
            List<KnownEvent> past,
            RegularSeries hourly,
            ZoneId zone,
            double prior,
            Map<String, Double> feedback) {
        List<KnownEvent> all = past.stream().filter(e -> e.type().equals(type)).toList();
        // The most recent events of the type are replayed: enough to judge, and bounded for long calendars.
        List<KnownEvent> ofType = all.subList(Math.max(0, all.size() - MAX_REPLAYED), all.size());
        EventImpact.Baseline baseline = new EventImpact.Baseline(hourly, past, zone);
        double flat = 0;
        double shaped = 0;
        double without = 0;
        int replayed = 0;
        for (int j = 0; j < ofType.size(); j++) {
            KnownEvent target = ofType.get(j);
            List<KnownEvent> before = ofType.subList(0, j).stream()
                    .filter(e -> !e.end().isAfter(target.start()))
                    .toList();
            List<KnownEvent> known =
                    past.stream().filter(e -> !e.end().isAfter(target.start())).toList();
            double[] err = replay(target, impactFor(target, before, known, hourly, zone, false), baseline);
            if (err == null) {
                continue;
            }
            double[] withShape = replay(target, impactFor(target, before, known, hourly, zone, true), baseline);
            replayed++;
            flat += err[0];
            shaped += withShape == null ? err[0] : withShape[0];
            without += err[1];
        }
        // Strictly better in the replay, as the gate asks of any effect (ties, to rounding, keep the flat one).
        boolean useShape = shaped < flat * (1 - 1e-6);
        double with = Math.min(flat, shaped);
        Double score = feedback.get("event:" + type);
        if (score != null && score < MIN_FEEDBACK) {
            return new Decision(
                    type,
                    false,
                    replayed,
                    String.format(Locale.ROOT, "not applied, feedback scored it %.2f on recent predictions", score));
        }
        if (replayed == 0) {
            boolean priorOnly = ofType.isEmpty() && !Double.isNaN(prior) && prior != 0;
            return new Decision(
                    type,
                    priorOnly,
                    0,
                    priorOnly
                            ? ""
                            : ofType.isEmpty()
                                    ? "no effect: no past " + type + " and no expected impact"
                                    : "not applied, not yet tested on a past event");
        }
        boolean helped = with < without;
        return new Decision(
                type,
                helped,
                replayed,
                helped
                        ? ""
                        : String.format(
                                Locale.ROOT,
                                "not applied, it has not helped on %d past event%s",
                                replayed,
                                replayed == 1 ? "" : "s"),
                useShape);
    }

    /** Absolute error with and without the impact over one past event's window; null if nothing to compare. */
    private static double[] replay(KnownEvent e, EventImpact impact, EventImpact.Baseline baseline) {
        Instant from = Instant.ofEpochSecond(Math.floorDiv(e.start().getEpochSecond(), 3600) * 3600)
                .minus(Duration.ofHours(EventImpact.MAX_LEAD_HOURS));
        Instant to = e.end().plus(Duration.ofHours(EventImpact.MAX_TAIL_HOURS));
        double with = 0;
        double without = 0;
        boolean moved = false;
        for (Instant h = from; h.isBefore(to); h = h.plusSeconds(3600)) {
            double a = baseline.actual(h);
            double b = baseline.at(h);
            if (Double.isNaN(a) || Double.isNaN(b)) {
                continue;
            }
            double f = impact.factor(e, h);
            moved |= f != 1;
            with += Math.abs(a - b * f);
            without += Math.abs(a - b);
        }
        return moved ? new double[] {with, without} : null;
    }

    static double prior(KnownEvent e) {
        return e.expectedImpact();
    }

    static String name(KnownEvent e) {
        return e.name().trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    }

    /**
     * The history a forecaster should learn from: the hours past events touched become gaps, so that a holiday
     * does not teach next week's forecast (the events themselves are applied by {@link #apply}).
     */
    public static RegularSeries withoutPastEvents(RegularSeries history, List<KnownEvent> calendar, Instant now) {
        List<KnownEvent> past =
                calendar.stream().filter(e -> !e.end().isAfter(now)).toList();
        if (past.isEmpty() || history == null) {
            return history;
        }
        double[] v = history.values().clone();
        long step = history.step().getSeconds();
        for (KnownEvent e : past) {
            long from =
                    Math.floorDiv(e.start().getEpochSecond() - history.start().getEpochSecond(), step);
            long to =
                    Math.floorDiv(e.end().getEpochSecond() - 1 - history.start().getEpochSecond(), step);
            for (long i = Math.max(0, from); i <= to && i < v.length; i++) {
                v[(int) i] = Double.NaN;
            }
        }
        return new RegularSeries(history.start(), history.step(), v);
    }

    /** Events in [from, to) of the calendar, for callers that keep a long one. */
    public static List<KnownEvent> between(List<KnownEvent> calendar, Instant from, Instant to) {
        List<KnownEvent> out = new ArrayList<>();
        for (KnownEvent e : calendar) {
            if (e.touches(from, to)) {
                out.add(e);
            }
        }
        return out;
    }
}
