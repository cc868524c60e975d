package io.predictivescaling.events;

import io.predictivescaling.common.Stats;
import io.predictivescaling.metrics.RegularSeries;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * An event's expected effect on load, learned from the target's own history over each past event's own window.
 *
 * <p>For every past event of the type, the load during the event is set against the baseline the forecaster
 * would have predicted for those hours: the median of the same local hour of the week (in the target's zone,
 * so DST moves it) in the four nearest earlier weeks that no known event touched. The effect of one
 * event is its total load over its total baseline; the type's effect is the median over its events, shrunk
 * toward the prior (the source's expected impact, else no effect) as {@code (n * median + K * prior) / (n + K)}
 * with {@code K = 2}: one event moves the estimate a third of the way. When an event recurs under one name (two
 * or more past events), its own events are used instead of the whole type's. Hours before the start (lead) and
 * after the end (tail) are learned the same way, per hour offset, and kept only while most events agree.
 *
 * @param type the event type
 * @param uplift the effect during the event, a fraction (-0.28 = 28% less load)
 * @param lead multipliers for the hours before the start, index 0 = the hour just before
 * @param tail multipliers for the hours after the end, index 0 = the hour just after
 * @param samples past events it was learned from (0: the prior alone)
 * @param prior the source's expected impact, NaN when none
 * @param shape when past events had the same length and local start time as the one forecast (all-day holidays):
 *     the effect hour by hour from its start, learned the same way (empty: the flat {@code uplift})
 */
public record EventImpact(
        String type, double uplift, double[] lead, double[] tail, int samples, double prior, double[] shape) {
    /** Shrinkage toward the prior, in events. */
    static final double K = 2;
    /** The longest lead and tail learned. */
    public static final int MAX_LEAD_HOURS = 6;

    public static final int MAX_TAIL_HOURS = 6;
    /** A lead or tail hour is kept when its shrunk effect is at least this large. */
    static final double MIN_EDGE_EFFECT = 0.05;

    static final int BASELINE_WEEKS = 4;

    public EventImpact(String type, double uplift, double[] lead, double[] tail, int samples, double prior) {
        this(type, uplift, lead, tail, samples, prior, new double[0]);
    }

    public static EventImpact none(String type) {
        return new EventImpact(type, 0, new double[0], new double[0], 0, Double.NaN);
    }

    /** No history: the prior (NaN = none: no effect). */
    public static EventImpact prior(String type, double expectedImpact) {
        return new EventImpact(
                type,
                Double.isNaN(expectedImpact) ? 0 : expectedImpact,
                new double[0],
                new double[0],
                0,
                expectedImpact);
    }

    /**
     * @param past events of one type (or one recurring name) that ended before the forecast is made
     * @param calendar every known past event: their hours are not used as anyone's baseline
     * @param hourly the target's hourly load up to the forecast time
     * @param zone the target's zone, in which weeks repeat
     */
    public static EventImpact learn(
            String type,
            List<KnownEvent> past,
            List<KnownEvent> calendar,
            RegularSeries hourly,
            ZoneId zone,
            double prior) {
        return learn(type, past, calendar, hourly, zone, prior, null);
    }

    /**
     * @param shapeFor when not null, also learn the hour-by-hour shape of the past events that match its length
     *     and local start time (two or more needed)
     */
    public static EventImpact learn(
            String type,
            List<KnownEvent> past,
            List<KnownEvent> calendar,
            RegularSeries hourly,
            ZoneId zone,
            double prior,
            KnownEvent shapeFor) {
        Baseline baseline = new Baseline(hourly, calendar, zone);
        List<Double> effects = new ArrayList<>();
        List<double[]> leads = new ArrayList<>();
        List<double[]> tails = new ArrayList<>();
        for (KnownEvent e : past) {
            double effect = baseline.effect(e.start(), e.end());
            if (Double.isNaN(effect)) {
                continue;
            }
            effects.add(effect);
            leads.add(baseline.edges(e.start(), -1, MAX_LEAD_HOURS));
            tails.add(baseline.edges(e.end(), 1, MAX_TAIL_HOURS));
        }
        int n = effects.size();
        if (n == 0) {
            return prior(type, prior);
        }
        double p = Double.isNaN(prior) ? 0 : prior;
        double uplift = (n * Stats.median(effects) + K * p) / (n + K);
        double[] shape = shapeFor == null ? new double[0] : shape(past, shapeFor, baseline, zone, p);
        return new EventImpact(type, uplift, edge(leads, uplift), edge(tails, uplift), n, prior, shape);
    }

    /**
     * The past events whose hour-by-hour effect is learned for {@code e} (its {@code shape}): those with its length
     * and its local start time in {@code zone}. Empty when {@code e} is not a whole number of hours between 2 and 72
     * long, which is never shaped.
     */
    public static List<KnownEvent> aligned(List<KnownEvent> past, KnownEvent e, ZoneId zone) {
        Duration length = Duration.between(e.start(), e.end());
        long hours = length.toHours();
        if (hours < 2 || length.toSeconds() % 3600 != 0 || hours > 72) {
            return List.of();
        }
        var startTime = e.start().atZone(zone).toLocalTime();
        return past.stream()
                .filter(p -> p != e
                        && Duration.between(p.start(), p.end()).equals(length)
                        && p.start().atZone(zone).toLocalTime().equals(startTime))
                .toList();
    }

    /** Hour by hour from the start, over past events aligned with {@code e}: shrunk medians of load over baseline. */
    private static double[] shape(List<KnownEvent> past, KnownEvent e, Baseline baseline, ZoneId zone, double prior) {
        List<KnownEvent> aligned = aligned(past, e, zone);
        if (aligned.isEmpty()) {
            return new double[0];
        }
        int hours = (int) Duration.between(e.start(), e.end()).toHours();
        double[] shape = new double[hours];
        for (int k = 0; k < hours; k++) {
            List<Double> values = new ArrayList<>();
            for (KnownEvent a : aligned) {
                Instant h = a.start().plusSeconds(3600L * k);
                double actual = baseline.actual(h);
                double base = baseline.at(h);
                if (!Double.isNaN(actual) && !Double.isNaN(base) && base > 0) {
                    values.add(actual / base - 1);
                }
            }
            if (values.size() < 2) {
                return new double[0];
            }
            shape[k] = 1 + (values.size() * Stats.median(values) + K * prior) / (values.size() + K);
        }
        return shape;
    }

    /** Per hour offset, the shrunk median effect, kept while most events agree in sign and it is not tiny. */
    private static double[] edge(List<double[]> perEvent, double uplift) {
        int n = perEvent.size();
        List<Double> kept = new ArrayList<>();
        for (int k = 0; k < perEvent.get(0).length; k++) {
            List<Double> values = new ArrayList<>();
            for (double[] v : perEvent) {
                if (!Double.isNaN(v[k])) {
                    values.add(v[k]);
                }
            }
            if (values.size() < Math.max(2, (n + 1) / 2)) {
                break;
            }
            double m = Stats.median(values);
            long agree = values.stream()
                    .filter(v -> Math.signum(v) == Math.signum(m))
                    .count();
            double shrunk = values.size() * m / (values.size() + K);
            if (Math.abs(shrunk) < MIN_EDGE_EFFECT
                    || agree * 3 < values.size() * 2
                    || Math.signum(m) != Math.signum(uplift)) {
                break;
            }
            kept.add(1 + shrunk);
        }
        return kept.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * The multiplier for the hour starting at {@code hour}: the event's effect in proportion to how much of the
     * hour it covers, the learned lead before it and tail after it, 1 elsewhere.
     */
    public double factor(KnownEvent e, Instant hour) {
        Instant end = hour.plus(Duration.ofHours(1));
        long overlap = Math.max(
                0,
                Math.min(end.getEpochSecond(), e.end().getEpochSecond())
                        - Math.max(hour.getEpochSecond(), e.start().getEpochSecond()));
        if (overlap > 0 || (e.end().equals(e.start()) && !hour.isAfter(e.start()) && end.isAfter(e.start()))) {
            double share = e.end().equals(e.start()) ? 1 : Math.min(1, overlap / 3600.0);
            long k = Math.floorDiv(hour.getEpochSecond() - e.start().getEpochSecond(), 3600);
            double effect = shape.length > 0
                            && k >= 0
                            && k < shape.length
                            && Duration.between(e.start(), e.end()).toHours() == shape.length
                    ? shape[(int) k] - 1
                    : uplift;
            return 1 + effect * share;
        }
        if (!end.isAfter(e.start())) {
            int k = (int) ((e.start().getEpochSecond() - end.getEpochSecond()) / 3600);
            return k < lead.length ? lead[k] : 1;
        }
        int k = (int) ((hour.getEpochSecond() - e.end().getEpochSecond()) / 3600);
        return k >= 0 && k < tail.length ? tail[k] : 1;
    }

    /** "-28% learned from 4 past events" or "+50% (prior, no past game_release yet)". */
    public String describe() {
        String edges = (lead.length + tail.length == 0
                        ? ""
                        : String.format(Locale.ROOT, ", lead %d h, tail %d h", lead.length, tail.length))
                + (shape.length == 0 ? "" : ", hour by hour");
        return samples == 0
                ? String.format(Locale.ROOT, "%+.0f%% (prior, no past %s yet)", 100 * uplift, type)
                : String.format(
                        Locale.ROOT,
                        "%+.0f%% learned from %d past event%s%s",
                        100 * uplift,
                        samples,
                        samples == 1 ? "" : "s",
                        edges);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EventImpact i
                && type.equals(i.type)
                && uplift == i.uplift
                && Arrays.equals(lead, i.lead)
                && Arrays.equals(tail, i.tail)
                && samples == i.samples
                && Arrays.equals(shape, i.shape);
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + Double.hashCode(uplift);
    }

    @Override
    public String toString() {
        return type + " " + describe();
    }

    /**
     * The baseline the forecaster would have predicted for an hour: the median of the same local hour of the week
     * in the {@link #BASELINE_WEEKS} nearest earlier weeks (within eight) that known events did not touch.
     */
    static final class Baseline {
        private static final long WEEK_SECONDS = 7 * 24 * 3600L;
        private final RegularSeries hourly;
        private final ZoneId zone;
        /** A zone without daylight saving (UTC): a week back is always 168 hours, no time-zone arithmetic. */
        private final boolean fixedOffset;

        private final boolean[] eventful;

        Baseline(RegularSeries hourly, List<KnownEvent> calendar, ZoneId zone) {
            this.hourly = hourly;
            this.zone = zone;
            this.fixedOffset = zone.getRules().isFixedOffset();
            this.eventful = new boolean[hourly.size()];
            for (KnownEvent e : calendar) {
                int from = Math.max(0, index(e.start()));
                int to = Math.min(hourly.size(), index(e.end().minusNanos(1)) + 1);
                for (int i = from; i < to; i++) {
                    eventful[i] = true;
                }
            }
        }

        int index(Instant t) {
            return (int) Math.floorDiv(t.getEpochSecond() - hourly.start().getEpochSecond(), 3600);
        }

        double actual(Instant hour) {
            int i = index(hour);
            return i < 0 || i >= hourly.size() ? Double.NaN : hourly.values()[i];
        }

        /** NaN when fewer than two earlier weeks have a clean value. */
        double at(Instant hour) {
            var local = fixedOffset ? null : hour.atZone(zone).toLocalDateTime();
            List<Double> values = new ArrayList<>(BASELINE_WEEKS);
            // Up to four clean weeks, looking back as far as eight: an event that recurs weekly at the same hour
            // would otherwise have no baseline of its own.
            for (int w = 1; w <= 2 * BASELINE_WEEKS && values.size() < BASELINE_WEEKS; w++) {
                int i = index(
                        fixedOffset
                                ? hour.minusSeconds(WEEK_SECONDS * w)
                                : local.minusWeeks(w).atZone(zone).toInstant());
                if (i >= 0 && i < hourly.size() && !eventful[i] && !Double.isNaN(hourly.values()[i])) {
                    values.add(hourly.values()[i]);
                }
            }
            return values.size() < 2 ? Double.NaN : Stats.median(values);
        }

        /** Load over baseline during [start, end), minus 1; NaN when under half the hours can be compared. */
        double effect(Instant start, Instant end) {
            double actual = 0;
            double base = 0;
            int hours = 0;
            int known = 0;
            for (Instant h = floor(start);
                    h.isBefore(end) || (hours == 0 && !h.isAfter(start));
                    h = h.plusSeconds(3600)) {
                hours++;
                double a = actual(h);
                double b = at(h);
                if (!Double.isNaN(a) && !Double.isNaN(b) && b > 0) {
                    actual += a;
                    base += b;
                    known++;
                }
            }
            return known == 0 || known * 2 < hours ? Double.NaN : actual / base - 1;
        }

        /** Per hour before ({@code direction} -1, from {@code at} backwards) or after (+1): load over baseline - 1. */
        double[] edges(Instant at, int direction, int hours) {
            double[] out = new double[hours];
            for (int k = 0; k < hours; k++) {
                Instant h = direction < 0 ? floor(at).minusSeconds(3600L * (k + 1)) : ceil(at).plusSeconds(3600L * k);
                double a = actual(h);
                double b = at(h);
                out[k] = Double.isNaN(a) || Double.isNaN(b) || b <= 0 ? Double.NaN : a / b - 1;
            }
            return out;
        }

        private static Instant floor(Instant t) {
            return Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), 3600) * 3600);
        }

        private static Instant ceil(Instant t) {
            long s = t.getEpochSecond();
            return Instant.ofEpochSecond(Math.floorDiv(s + 3599, 3600) * 3600);
        }
    }

    static final Comparator<KnownEvent> BY_START = Comparator.comparing(KnownEvent::start);
}
