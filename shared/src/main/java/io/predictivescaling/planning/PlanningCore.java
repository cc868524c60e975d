package io.predictivescaling.planning;

import io.predictivescaling.common.TimeWindow;
import io.predictivescaling.events.EventAdjuster;
import io.predictivescaling.events.EventEffects;
import io.predictivescaling.events.EventImpact;
import io.predictivescaling.events.KnownEvent;
import io.predictivescaling.forecast.LoadPrediction;
import io.predictivescaling.forecast.LoadPredictor;
import io.predictivescaling.forecast.LocalHours;
import io.predictivescaling.metrics.RegularSeries;
import io.predictivescaling.patterns.LoadPatterns;
import io.predictivescaling.sentiment.Signal;
import io.predictivescaling.sentiment.SocialImpact;
import io.predictivescaling.targets.ScalingPolicy;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one planning core: history, the target's zone and exclusions, known events and social trends in;
 * predictions, capacity steps and scheduled actions out. predict-and-scale and the backtest both call it and
 * neither re-implements a step of it; they only read and write around it. Pure: no AWS, no clock but the
 * {@code now} it is given.
 *
 * <p>The hourly path is forecast on the target's wall clock ({@link LocalHours}), so a daylight-saving change moves
 * the daily shape the day it happens; hours inside the target's {@code excludeFromLearning} windows and inside past
 * events (and events under way, up to now) are left out of what the forecast learns and taken from the same local
 * hour a week earlier.
 */
public final class PlanningCore {
    /** The hourly path: every hour from the current one to 48 hours ahead. */
    public static final Duration PATH = Duration.ofHours(48);
    /**
     * How far ahead events are read: the path ends {@link #PATH} after the history's end (at most an hour ago), and
     * an event starting up to its type's longest learned lead after that still reaches into the path.
     */
    public static final Duration EVENT_REACH = PATH.plusHours(2 + EventImpact.MAX_LEAD_HOURS);
    /** How long one plan's floors may stand: its path plus the hour after it, in which its restore runs. */
    public static final Duration FLOOR_REACH = PATH.plusHours(2);
    /** Which quantile of each hour's samples the Lambdas forecast: capacity must serve the busy part of an hour. */
    public static final double LIVE_HOUR_QUANTILE = 0.95;
    /** The 5-minute and 1-hour predictions, from 5-minute means. */
    public static final List<Duration> SHORT_HORIZONS = List.of(Duration.ofMinutes(5), Duration.ofHours(1));

    /** A keyword of the target that is trending now, its past firings and feedback's confidence in it. */
    public record SocialTrend(String keyword, Signal trend, List<Signal> pastFirings, double confidence) {}

    /**
     * What one target's forecast is made from.
     *
     * @param hourly each UTC hour's load statistic (P95 in the Lambdas), gaps NaN, the last complete hour last
     * @param fine 5-minute means of the last days for the short horizons, or null (the backtest)
     * @param zone the target's {@code timeZone}: daily and weekly shapes are counted in it
     * @param excluded the target's {@code excludeFromLearning} windows
     * @param events known events around now (past ones are left out of learning, upcoming ones applied)
     * @param social keywords trending now
     * @param confidence feedback's confidence per signal ({@code pattern:<method>}); empty for none
     * @param patterns the metric's learned patterns, for the reason only; may be null
     */
    public record Inputs(
            RegularSeries hourly,
            RegularSeries fine,
            ZoneId zone,
            List<TimeWindow> excluded,
            List<KnownEvent> events,
            List<SocialTrend> social,
            Map<String, Double> confidence,
            LoadPatterns patterns) {
        /** Just the hourly history: UTC, nothing excluded, no events or signals. */
        public static Inputs hourly(RegularSeries hourly) {
            return new Inputs(hourly, null, java.time.ZoneOffset.UTC, List.of(), List.of(), List.of(), Map.of(), null);
        }
    }

    private final LoadPredictor predictor;
    private final CapacityPlanner planner;

    /** What the Lambdas use: methods validated on every call, the default action budget. */
    public PlanningCore() {
        this(new LoadPredictor(), new CapacityPlanner());
    }

    /** @param predictor stateful when it caches its method choice (the backtest's, one per trace) */
    public PlanningCore(LoadPredictor predictor, CapacityPlanner planner) {
        this.predictor = predictor;
        this.planner = planner;
    }

    /**
     * The hourly path to {@link #PATH} (and the short horizons when {@code fine} is given), with social trends and
     * upcoming events applied. Forecast times are UTC instants; the first hourly slot is the current hour.
     */
    /**
     * Whether {@code e} lasts more than a day and an earlier event of its type ended before {@code now} with the same
     * length and local start time: then {@link io.predictivescaling.events.EventImpact} learns its effect hour by hour
     * over a no-event baseline.
     */
    static boolean learnedHourByHour(KnownEvent e, List<KnownEvent> calendar, ZoneId zone, Instant now) {
        if (Duration.between(e.start(), e.end()).compareTo(Duration.ofDays(1)) <= 0) {
            return false;
        }
        List<KnownEvent> pastOfType = calendar.stream()
                .filter(p -> p.type().equals(e.type()) && !p.end().isAfter(now))
                .toList();
        return !EventImpact.aligned(pastOfType, e, zone).isEmpty();
    }

    public List<LoadPrediction> forecast(Inputs in, Instant now) {
        // Past events, and the hours so far of a multi-day event under way whose effect is learned hour by hour
        // (EventImpact's shape): that shape is load over a no-event baseline, so the forecast it multiplies must not
        // carry the event's own first day into its second (a release's launch day, raised twice). An event without
        // such a shape keeps its hours: they are the best sign of its level (NYC's blizzard; leaving every multi-day
        // event out made the prior-less calendar's event days worse, backtest MAE 3674.4 -> 4349.2).
        List<KnownEvent> begun = in.events().stream()
                .filter(e -> !e.end().isAfter(now)
                        || e.start().isBefore(now) && learnedHourByHour(e, in.events(), in.zone(), now))
                .toList();
        List<TimeWindow> leftOut = new ArrayList<>(in.excluded());
        begun.forEach(e -> {
            Instant end = e.end().isAfter(now) ? now : e.end();
            leftOut.add(new TimeWindow(
                    e.start(), end.isAfter(e.start()) ? end : e.start().plusSeconds(1)));
        });
        List<LoadPrediction> predicted = new ArrayList<>();
        if (in.fine() != null) {
            predicted.addAll(shortHorizons(blank(in.fine(), leftOut), in));
        }
        if (in.hourly().size() > 0) {
            LocalHours local = LocalHours.of(in.hourly(), in.zone(), leftOut);
            if (local.series().values().length > 0
                    && local.series().gapCount() < local.series().size()) {
                List<LoadPrediction> path = predictor.path(
                        local.series(), Duration.ofHours(local.stepsFor(PATH)), in.patterns(), in.confidence());
                predicted.addAll(local.toUtc(path, PATH));
            }
        }
        List<LoadPrediction> base = predicted;
        List<LoadPrediction> adjusted = withEvents(social(predicted, in, now), in, now);
        // However many signals agree, together they move a prediction at most EventAdjuster.maxUplift() times.
        return EventAdjuster.capCombined(base, adjusted, EventAdjuster.maxUplift());
    }

    /**
     * Capacity steps and scheduled actions (see {@link CapacityPlanner#plan}) from the hourly path only: the short
     * horizons are recorded and scored, but floors are planned from what the backtest replays.
     */
    public ScalingPlan plan(
            String targetId,
            ScalingPolicy policy,
            int currentCapacity,
            List<LoadPrediction> predictions,
            Instant now,
            Optional<Instant> lastSample,
            Optional<String> unhealthy) {
        return planner.plan(
                targetId,
                policy,
                currentCapacity,
                predictions.stream().filter(PlanningCore::onPath).toList(),
                now,
                lastSample,
                unhealthy);
    }

    /** Whether a prediction is one of the hourly path's (not a 5-minute or 1-hour short-horizon one). */
    public static boolean onPath(LoadPrediction p) {
        return p.horizon().getSeconds() % 3600 == 0 && p.forecastTime().getEpochSecond() % 3600 == 0;
    }

    /**
     * The value standing for one hour: the {@code quantile} of its values, by index {@code round(q (n - 1))} of
     * the sorted values (always a value really observed). The Lambdas and the backtest both use it.
     *
     * @param sorted the hour's values, ascending, at least one
     */
    public static double hourValue(double[] sorted, double quantile) {
        return sorted[(int) Math.round(quantile * (sorted.length - 1))];
    }

    /**
     * Complete UTC hours of samples before {@code now}, at most {@code span} of them, each summarised by
     * {@link #hourValue}; hours without samples are gaps. The series starts at the first sample's hour.
     *
     * @param samples sorted by time, oldest first
     */
    public static RegularSeries hourly(
            List<io.predictivescaling.metrics.LoadSample> samples, Instant now, Duration span, double quantile) {
        long end = Math.floorDiv(now.getEpochSecond(), 3600) * 3600;
        long start = end - span.getSeconds();
        java.util.TreeMap<Long, List<Double>> byHour = new java.util.TreeMap<>();
        for (var x : samples) {
            long t = x.timestamp().getEpochSecond();
            if (t >= start && t < end) {
                byHour.computeIfAbsent(Math.floorDiv(t, 3600) * 3600, k -> new ArrayList<>())
                        .add(x.value());
            }
        }
        long first = byHour.isEmpty() ? start : byHour.firstKey();
        double[] values = new double[(int) ((end - first) / 3600)];
        java.util.Arrays.fill(values, Double.NaN);
        byHour.forEach((hour, v) -> {
            double[] sorted =
                    v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            values[(int) ((hour - first) / 3600)] = hourValue(sorted, quantile);
        });
        return new RegularSeries(Instant.ofEpochSecond(first), Duration.ofHours(1), values);
    }

    private List<LoadPrediction> shortHorizons(RegularSeries fine, Inputs in) {
        List<LoadPrediction> out = new ArrayList<>();
        // Short horizons need a metric reported at least every 5 minutes: gap-filled coarser data would look
        // smoother than it is and give falsely narrow intervals. The hourly path covers such metrics.
        if (fine.size() == 0 || fine.gapCount() > 0.2 * fine.size()) {
            return out;
        }
        for (LoadPrediction p : predictor.predict(fine, SHORT_HORIZONS, in.patterns(), in.confidence())) {
            // A 5-minute prediction landing on the hour would share its key with an hourly one: the hourly path
            // covers that slot.
            if (p.horizon().compareTo(Duration.ofHours(1)) < 0
                    || p.forecastTime().getEpochSecond() % 3600 != 0) {
                out.add(p);
            }
        }
        return out;
    }

    /** A keyword trending now raises the predictions its learned impact reaches. */
    private static List<LoadPrediction> social(List<LoadPrediction> predicted, Inputs in, Instant now) {
        for (SocialTrend t : in.social()) {
            SocialImpact impact =
                    in.hourly().size() == 0 ? SocialImpact.PRIOR : SocialImpact.learn(t.pastFirings(), in.hourly());
            predicted = attributed(
                    predicted, impact.apply(predicted, t.trend(), t.confidence(), now), "sentiment:" + t.keyword());
        }
        return predicted;
    }

    /**
     * The adjusted predictions, keeping the signals of the ones they came from, plus {@code signal} (unless null)
     * on those the adjustment moved (at weight 1: it shaped them wholly on top of the methods' combination).
     */
    static List<LoadPrediction> attributed(List<LoadPrediction> before, List<LoadPrediction> after, String signal) {
        java.util.Map<String, LoadPrediction> byKey = new java.util.HashMap<>();
        before.forEach(p -> byKey.put(p.forecastTime() + "#" + p.horizon(), p));
        List<LoadPrediction> out = new ArrayList<>(after.size());
        for (LoadPrediction p : after) {
            LoadPrediction was = byKey.get(p.forecastTime() + "#" + p.horizon());
            java.util.Map<String, Double> signals =
                    new java.util.LinkedHashMap<>(was == null ? p.signals() : was.signals());
            if (signal != null && (was == null || was.predictedLoad() != p.predictedLoad())) {
                signals.put(signal, 1.0);
            }
            out.add(p.withSignals(signals));
        }
        return out;
    }

    /**
     * Upcoming events raise or lower the predictions their window (with the lead and tail learned for the type)
     * touches, by the impact learned from this target's load over past events of the type, and only where that
     * impact has helped on them ({@link EventEffects}: the skill gate, in the target's zone). Each prediction an
     * applied type moved carries {@code event:<type>} with the multiplier it applied.
     */
    private static List<LoadPrediction> withEvents(List<LoadPrediction> predicted, Inputs in, Instant now) {
        if (in.events().isEmpty() || in.hourly().size() == 0 || predicted.isEmpty()) {
            return predicted;
        }
        return EventEffects.apply(predicted, in.events(), in.hourly(), in.zone(), now, in.confidence());
    }

    /** Intervals touching a window become gaps. */
    static RegularSeries blank(RegularSeries series, List<TimeWindow> windows) {
        if (windows.isEmpty()) {
            return series;
        }
        double[] v = series.values().clone();
        for (int i = 0; i < v.length; i++) {
            Instant at = series.time(i);
            Instant until = at.plus(series.step());
            if (windows.stream().anyMatch(w -> w.overlaps(at, until))) {
                v[i] = Double.NaN;
            }
        }
        return new RegularSeries(series.start(), series.step(), v);
    }
}
