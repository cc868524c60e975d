package io.predictivescaling.backtest;

import io.predictivescaling.forecast.LoadPrediction;
import io.predictivescaling.metrics.RegularSeries;
import io.predictivescaling.planning.CapacityStep;
import io.predictivescaling.planning.PlanningCore;
import io.predictivescaling.planning.ScalingPlan;
import io.predictivescaling.sentiment.FetchSentimentService;
import io.predictivescaling.sentiment.Signal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The replay told as decisions: one row per plan (and per trend the detector starts), with what was seen, what
 * was planned and why (the planner's own reason for the step, which carries the forecast's, the events' and the
 * social signal's notes, as the predictions table does). Also keeps, per load interval, the hype of the mentions
 * and the factors events and social signals put on the forecast behind its floor, for the timeline.
 *
 * <p>Row kinds: {@code trend} (the detector fired), {@code event} (an upcoming event first moved the forecast),
 * {@code raise} / {@code full} (the floor for the next hour goes up; {@code full} when it is within 10% of the
 * highest floor the plan foresees for the next 6 hours), {@code prepare-for-spike} (a high or critical step within the next 3 hours that the last plan
 * did not expect, or expected a quarter smaller: the plan publishes {@code PrepareForSpike}), {@code scale-down},
 * {@code hold}.
 */
public final class DecisionLog implements ReplayHook {
    private static final Pattern EVENT = Pattern.compile("event: ([^;]*?'[^']*')");
    private static final Duration SPIKE_SOON = Duration.ofHours(3);
    private static final int FULL_WITHIN = 6;

    /** One decision: UTC time, kind (see the class comment), what was seen, what was planned, why. */
    public record Row(Instant time, String kind, String seen, String planned, String why) {}

    private final Trace load;
    private final SocialReplay social;
    private final double unit;
    private final double[] hype;
    private final double[] eventFactor;
    private final double[] socialFactor;
    private final List<Row> rows = new ArrayList<>();
    private final Set<String> eventsSeen = new LinkedHashSet<>();
    private Map<Instant, Double> lastSpikes = Map.of();

    /**
     * @param social the mentions replayed beside the load, or null (no social signal)
     * @param unit load one capacity unit serves, to say what a floor serves
     */
    public DecisionLog(Trace load, SocialReplay social, double unit) {
        this.load = load;
        this.social = social;
        this.unit = unit;
        this.hype = new double[load.size()];
        this.eventFactor = new double[load.size()];
        this.socialFactor = new double[load.size()];
        Arrays.fill(hype, Double.NaN);
        Arrays.fill(eventFactor, 1);
        Arrays.fill(socialFactor, 1);
    }

    @Override
    public boolean advance(Instant now) {
        if (social == null) {
            return false;
        }
        int before = social.firings().size();
        boolean starts = social.advance(now);
        int s = index(now) - 1;
        if (s >= 0 && s < hype.length) {
            hype[s] = social.hype(load.time(s), now);
        }
        for (Signal f : social.firings().subList(before, social.firings().size())) {
            rows.add(
                    new Row(
                            now,
                            "trend",
                            String.format(Locale.ROOT, "%s, hype %.2f", FetchSentimentService.describe(f), f.hype()),
                            "plan at once (TrendDetected)",
                            "trend detector: mentions jumped or climbed above "
                                    + "the last day's baseline (robust score over 4 deviations, or 60% of it for 4 intervals)"));
        }
        return starts;
    }

    @Override
    public List<PlanningCore.SocialTrend> social(Instant now, RegularSeries history) {
        return social == null ? List.of() : social.trends(now, Duration.between(history.start(), now));
    }

    @Override
    public void planned(Planned p) {
        factors(p);
        for (LoadPrediction x : p.path()) {
            Matcher m = EVENT.matcher(x.reason());
            while (m.find()) {
                String name = m.group(1).replaceAll(" (in \\d+ h|under way)", "");
                if (eventsSeen.add(name)) {
                    rows.add(new Row(
                            p.now(),
                            "event",
                            m.group(1),
                            "forecast raised where it touches",
                            x.reason().substring(m.start())));
                }
            }
        }
        if (p.plan() == null || p.first() >= load.size()) {
            return;
        }
        int perHour = (int) Math.max(1, 3600 / load.step().getSeconds());
        int next = max(p.after(), p.first(), p.first() + perHour);
        int inForce = max(p.before(), Math.max(0, p.first() - perHour), p.first());
        int peak = max(p.after(), p.first(), p.first() + 48 * perHour);
        Instant peakAt = load.time(p.first());
        for (int i = p.first(); i < Math.min(load.size(), p.first() + 48 * perHour); i++) {
            if (p.after()[i] == peak) {
                peakAt = load.time(i);
                break;
            }
        }
        // Full: within 10% of the most the plan foresees for the next 6 hours.
        int soonPeak = max(p.after(), p.first(), p.first() + FULL_WITHIN * perHour);
        String kind =
                next > inForce ? (next >= 0.9 * soonPeak ? "full" : "raise") : next < inForce ? "scale-down" : "hold";
        Instant slot = load.time(p.first());
        ScalingPlan plan = p.plan();
        String why = plan.stepAt(slot)
                .or(() -> plan.steps().stream().findFirst())
                .map(CapacityStep::reason)
                .orElse(plan.summary());
        String planned = String.format(
                Locale.ROOT,
                "floor %d -> %d units for the next hour (serves %.0f); " + "plan peak %d at %s",
                inForce,
                next,
                next * unit,
                peak,
                peakAt);
        rows.add(new Row(p.now(), kind, seen(p), planned, why));
        Instant soon = p.now().plus(SPIKE_SOON);
        Map<Instant, Double> spikes = new HashMap<>();
        plan.spikes().forEach(x -> spikes.put(x.at(), x.predictedLoad()));
        plan.spikes().stream().filter(x -> x.at().isBefore(soon)).findFirst().ifPresent(spike -> {
            // Production publishes PrepareForSpike every run a spike stays ahead: the log notes it when the spike is
            // new to the plan, or a quarter larger than the last plan expected (a surprise, not the daily peak).
            Double expected = lastSpikes.get(spike.at());
            if (expected == null || spike.predictedLoad() > 1.25 * expected) {
                rows.add(new Row(
                        p.now(),
                        "prepare-for-spike",
                        seen(p),
                        String.format(
                                Locale.ROOT,
                                "PrepareForSpike: %s load %.0f at %s, capacity %d (cache warm-up, prefetch, notify ops)",
                                spike.severity().name().toLowerCase(Locale.ROOT),
                                spike.predictedLoad(),
                                spike.at(),
                                spike.capacity()),
                        spike.reason()));
            }
        });
        lastSpikes = spikes;
    }

    private String seen(Planned p) {
        RegularSeries h = p.history();
        double last = h.size() == 0 ? Double.NaN : h.values()[h.size() - 1];
        StringBuilder b = new StringBuilder(String.format(
                Locale.ROOT, "load %.0f in the hour to %s", last, p.now().truncatedTo(ChronoUnit.HOURS)));
        Signal s = social == null ? null : social.latest(p.now());
        if (s != null) {
            b.append(String.format(
                    Locale.ROOT,
                    "; %s, hype %.2f%s",
                    FetchSentimentService.describe(s),
                    s.hype(),
                    s.trending() ? ", trending" : ""));
        }
        return b.toString();
    }

    /**
     * Per interval from the plan's first: how the signals scaled the forecast behind the floor (the planned path over
     * the load-alone forecast), credited to events and to the social signal by the signals the core says moved each
     * prediction; where both moved one, both columns carry their combined (capped) factor.
     */
    private void factors(Planned p) {
        Map<Instant, double[]> byHour = new HashMap<>();
        Map<Instant, Double> alone = new HashMap<>();
        p.alone().forEach(x -> alone.put(x.forecastTime(), x.predictedLoad()));
        for (LoadPrediction x : p.path()) {
            Double base = alone.get(x.forecastTime());
            double f = base == null || base <= 0 ? 1 : x.predictedLoad() / base;
            boolean event = x.signals().keySet().stream().anyMatch(k -> k.startsWith("event:"));
            boolean mentions = x.signals().keySet().stream().anyMatch(k -> k.startsWith("sentiment:"));
            byHour.put(x.forecastTime().truncatedTo(ChronoUnit.HOURS), new double[] {event ? f : 1, mentions ? f : 1});
        }
        for (int i = p.first(); i < load.size(); i++) {
            double[] f = byHour.get(load.time(i).truncatedTo(ChronoUnit.HOURS));
            if (f == null) {
                break;
            }
            eventFactor[i] = f[0];
            socialFactor[i] = f[1];
        }
    }

    private static int max(int[] v, int from, int to) {
        int most = 0;
        for (int i = from; i < Math.min(v.length, to); i++) {
            most = Math.max(most, v[i]);
        }
        return most;
    }

    private int index(Instant t) {
        return (int) Math.floorDiv(
                t.getEpochSecond() - load.start().getEpochSecond(), load.step().getSeconds());
    }

    public List<Row> rows() {
        return List.copyOf(rows);
    }

    /** Per load interval: the largest hype of the mentions that ended in it (NaN without a social signal). */
    public double[] hype() {
        return hype.clone();
    }

    /** Per load interval: the factor upcoming events put on the forecast behind its floor (1: none). */
    public double[] eventFactor() {
        return eventFactor.clone();
    }

    /** Per load interval: the factor the social signal put on the forecast behind its floor (1: none). */
    public double[] socialFactor() {
        return socialFactor.clone();
    }

    /**
     * The headline of a story around {@code moment} (a release, a burst), from the rows in {@code [from, to]}: the
     * first trend and event seen before it, the raises leading up to it (the first and the one that reached full
     * capacity), the PrepareForSpike notes of the 3 hours before it, and the first scale-down after it. In time order.
     */
    public static List<String> headlines(List<Row> rows, Instant from, Instant moment, Instant to) {
        List<Row> picked = new ArrayList<>();
        List<Row> window = rows.stream()
                .filter(r -> !r.time().isBefore(from) && !r.time().isAfter(to))
                .toList();
        for (String kind : List.of("event", "trend")) {
            window.stream()
                    .filter(r -> r.kind().equals(kind) && r.time().isBefore(moment))
                    .findFirst()
                    .ifPresent(picked::add);
        }
        List<Row> run = raisesBefore(window, moment);
        if (!run.isEmpty()) {
            picked.add(run.get(0));
            run.stream()
                    .filter(r -> r.kind().equals("full"))
                    .findFirst()
                    .filter(r -> r != run.get(0))
                    .ifPresent(picked::add);
        }
        window.stream()
                .filter(r -> r.kind().equals("prepare-for-spike")
                        && r.time().isBefore(moment.plusSeconds(1))
                        && !r.time().isBefore(moment.minus(SPIKE_SOON)))
                .forEach(picked::add);
        window.stream()
                .filter(r -> r.kind().equals("scale-down") && r.time().isAfter(moment))
                .findFirst()
                .ifPresent(picked::add);
        List<String> out = new ArrayList<>();
        picked.stream()
                .distinct()
                .sorted(java.util.Comparator.comparing(Row::time))
                .forEach(r -> out.add(headline(r, r == (run.isEmpty() ? null : run.get(0)) ? run.size() : 1)));
        return out;
    }

    /** The raises (and holds between them) that lead up to {@code moment}: the last unbroken run before it. */
    public static List<Row> raisesBefore(List<Row> rows, Instant moment) {
        List<Row> run = new ArrayList<>();
        for (Row r : rows) {
            if (!r.time().isBefore(moment)) {
                break;
            }
            if (r.kind().equals("scale-down")) {
                run.clear();
            } else if (r.kind().equals("raise") || r.kind().equals("full")) {
                run.add(r);
            }
        }
        return run;
    }

    private static String headline(Row r, int run) {
        return String.format(
                Locale.ROOT,
                "%s  %-17s %s%s%n      seen: %s%n      why: %s",
                r.time(),
                r.kind(),
                r.planned(),
                run > 1 ? " (first of " + run + " raises up to the moment)" : "",
                r.seen(),
                gist(r.why()));
    }

    /** The planner's first clause and the signals' notes: what a reader needs of a long reason. */
    static String gist(String why) {
        String[] parts = why.split("; ");
        StringBuilder b = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            if (parts[i].startsWith("event:")
                    || parts[i].startsWith("social:")
                    || parts[i].startsWith("critical")
                    || parts[i].startsWith("high")
                    || parts[i].startsWith("trend detector")) {
                b.append("; ").append(parts[i]);
            }
        }
        return b.toString();
    }
}
