package io.predictivescaling.scaling;

import io.predictivescaling.events.EventAdjuster;
import io.predictivescaling.events.EventImpact;
import io.predictivescaling.events.EventStore;
import io.predictivescaling.events.KnownEvent;
import io.predictivescaling.feedback.Accuracy;
import io.predictivescaling.feedback.FeedbackStore;
import io.predictivescaling.forecast.LoadPrediction;
import io.predictivescaling.forecast.LoadPredictor;
import io.predictivescaling.metrics.LoadSample;
import io.predictivescaling.metrics.RegularSeries;
import io.predictivescaling.metrics.Rollup;
import io.predictivescaling.metrics.Rollups;
import io.predictivescaling.metrics.TimeSeriesStore;
import io.predictivescaling.patterns.LoadPatterns;
import io.predictivescaling.patterns.PatternStore;
import io.predictivescaling.sentiment.Signal;
import io.predictivescaling.sentiment.SignalStore;
import io.predictivescaling.sentiment.SocialImpact;
import io.predictivescaling.targets.ScalableTarget;
import io.predictivescaling.targets.TargetRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.ToDoubleFunction;

/**
 * The predict-and-scale run: for every target with a scaling configuration, predict its load (5 min and
 * 1 h from 5-minute means, every hour to 48 h from each hour's 95th percentile), plan capacity, record every prediction,
 * apply the plan (unless ForecastOnly) and publish what was planned. One failing target never stops the
 * others; it is reported.
 */
public final class PredictAndScaleService {
    static final List<Duration> SHORT_HORIZONS = List.of(Duration.ofMinutes(5), Duration.ofHours(1));
    static final Duration PATH = Duration.ofHours(48);
    static final Duration FINE_HISTORY = Duration.ofDays(7);

    private final TargetRepository targets;
    private final TimeSeriesStore metrics;
    private final PatternStore patterns;
    private final PredictionStore predictions;
    private final CapacityGateway gateway;
    private final EventPublisher events;
    private final FeedbackStore feedback;
    private final SignalStore signals;
    private final EventStore knownEvents;
    private final Duration history;
    private final int threads;
    private final LoadPredictor predictor = new LoadPredictor();
    private final CapacityPlanner planner = new CapacityPlanner();

    /** @param history how much hourly history predictions learn from (28 days: four weekly cycles) */
    public PredictAndScaleService(TargetRepository targets, TimeSeriesStore metrics, PatternStore patterns,
                                  PredictionStore predictions, CapacityGateway gateway, EventPublisher events,
                                  Signals inputs, Duration history, int threads) {
        this.targets = targets;
        this.metrics = metrics;
        this.patterns = patterns;
        this.predictions = predictions;
        this.gateway = gateway;
        this.events = events;
        this.feedback = inputs.feedback();
        this.signals = inputs.social();
        this.knownEvents = inputs.events();
        this.history = history;
        this.threads = threads;
    }

    /** @param lines one line per target that was planned; @param problems targets skipped and why */
    public record Result(int planned, int applied, List<String> lines, List<String> problems) {
    }

    public Result run(Instant now) {
        return run(now, 0, 1);
    }

    /**
     * One shard of the targets: those whose id hashes to {@code shard} of {@code shards}. Beyond what one
     * invocation plans in time, schedule the function once per shard (see the README).
     */
    public Result run(Instant now, int shard, int shards) {
        if (shards < 1 || shard < 0 || shard >= shards) {
            throw new IllegalArgumentException("shard must be in [0, shards), got " + shard + " of " + shards);
        }
        TargetRepository.Loaded loaded = targets.loadAll();
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        List<String> problems = Collections.synchronizedList(new ArrayList<>(loaded.problems()));
        List<ScalableTarget> scalable = loaded.targets().stream().filter(t -> t.scaling().isPresent())
                .filter(t -> Math.floorMod(t.targetId().hashCode(), shards) == shard).toList();
        Map<String, Forecast> forecasts = new ConcurrentHashMap<>();
        List<KnownEvent> events = knownEvents.between(now.minus(history), now.plus(PATH).plus(Duration.ofHours(1)));
        int applied = 0;
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, scalable.size())));
        try {
            List<Future<Boolean>> futures = new ArrayList<>();
            for (ScalableTarget target : scalable) {
                futures.add(pool.submit(() -> {
                    try {
                        Map<String, Double> confidence = feedback.signalConfidence(target.targetId());
                        Forecast forecast = forecasts.computeIfAbsent(target.metricId() + "|" + confidence,
                                k -> forecast(target.metricId(), now, confidence));
                        Forecast adjusted = withEvents(social(target, forecast, confidence, now), events, now);
                        return handle(target, adjusted, now, lines, problems);
                    } catch (RuntimeException e) {
                        problems.add("target " + target.targetId() + ": " + e.getMessage());
                        return false;
                    }
                }));
            }
            for (Future<Boolean> f : futures) {
                applied += f.get() ? 1 : 0;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return new Result(lines.size(), applied, List.copyOf(lines), List.copyOf(problems));
    }

    /** A metric's predictions: computed once per run however many targets scale on that metric. */
    private record Forecast(List<LoadPrediction> predicted, Optional<Instant> lastSample, RegularSeries hourly) {
    }

    /**
     * A keyword of the target trending right now raises the predictions its learned impact reaches; the
     * impact is learned from the keyword's past trends and the target's own load.
     */
    private Forecast social(ScalableTarget target, Forecast forecast, Map<String, Double> confidence, Instant now) {
        List<LoadPrediction> predicted = forecast.predicted();
        for (String keyword : target.socialKeywords()) {
            List<Signal> recent = signals.read(keyword, now.minus(Duration.ofMinutes(20)), now);
            if (recent.isEmpty() || !recent.get(recent.size() - 1).trending()) {
                continue;
            }
            Signal trend = recent.get(recent.size() - 1);
            List<Signal> past = signals.read(keyword, now.minus(history), now.minus(Duration.ofHours(3))).stream()
                    .filter(Signal::fired).toList();
            SocialImpact impact = forecast.hourly() == null ? SocialImpact.PRIOR
                    : SocialImpact.learn(past, forecast.hourly());
            predicted = impact.apply(predicted, trend, confidence.getOrDefault("sentiment:" + keyword, 1.0), now);
        }
        return new Forecast(predicted, forecast.lastSample(), forecast.hourly());
    }

    private Forecast forecast(String metricId, Instant now, Map<String, Double> confidence) {
        List<LoadSample> samples = metrics.read(metricId, now.minus(history), now);
        // Stale means the pull or push has not succeeded, not that the metric was quiet: a successful empty pull counts.
        Optional<Instant> lastSample = metrics.lastPulled(metricId);
        if (!samples.isEmpty()) {
            Instant newest = samples.get(samples.size() - 1).timestamp();
            lastSample = Optional.of(lastSample.filter(p -> p.isAfter(newest)).orElse(newest));
        }
        LoadPatterns learned = patterns.load(metricId).orElse(null);
        List<LoadPrediction> predicted = new ArrayList<>();
        RegularSeries hourly = null;
        if (!samples.isEmpty()) {
            RegularSeries fine = series(samples, now, Duration.ofMinutes(5), FINE_HISTORY, Rollup::mean);
            // Short horizons need a metric reported at least every 5 minutes: gap-filled coarser data would look
            // smoother than it is and give falsely narrow intervals. The hourly path covers such metrics.
            if (fine.gapCount() <= 0.2 * fine.size()) {
                for (LoadPrediction p : predictor.predict(fine, SHORT_HORIZONS, learned, confidence)) {
                    // A 5-minute prediction landing on the hour would share its key with an hourly one: the
                    // hourly path covers that slot.
                    if (p.horizon().compareTo(Duration.ofHours(1)) < 0 || p.forecastTime().getEpochSecond() % 3600 != 0) {
                        predicted.add(p);
                    }
                }
            }
            // Capacity must serve the busy part of each hour, not its average: the path predicts each hour's P95.
            hourly = series(samples, now, Duration.ofHours(1), history, Rollup::p95);
            predicted.addAll(predictor.path(hourly, PATH, learned, confidence));
        }
        return new Forecast(List.copyOf(predicted), lastSample, hourly);
    }

    /** @return whether capacity was touched */
    private boolean handle(ScalableTarget target, Forecast forecast, Instant now, List<String> lines,
                           List<String> problems) {
        ScalingConfig config = target.scaling().orElseThrow();
        ScalingPolicy policy = sized(target.targetId(), config, now);
        List<LoadPrediction> predicted = forecast.predicted();
        Optional<Instant> lastSample = forecast.lastSample();
        boolean scale = policy.mode() == ScalingPolicy.Mode.ForecastAndScale;
        int current = policy.floor();
        if (!config.resource().applicationSide()) {
            OptionalInt registered = gateway.currentMinCapacity(config.resource());
            if (registered.isEmpty() && scale) {
                problems.add("target " + target.targetId() + ": " + config.resource()
                        + " is not registered with Application Auto Scaling; register it (and a target tracking "
                        + "policy) first");
                return false;
            }
            current = registered.orElse(policy.floor());
        }
        ScalingPlan plan = planner.plan(target.targetId(), policy, current, predicted, now, lastSample,
                health(target.targetId()));
        predictions.save(PredictionRecord.of(target.targetId(), policy, plan, predicted, now, scale));
        PlanApplier.Applied applied = null;
        if (scale && !config.resource().applicationSide()) {
            applied = new PlanApplier(gateway).apply(config.resource(), plan);
        }
        events.publish(PlanEvents.of(target, plan, applied, scale));
        String sizing = policy == config.policy() ? "" : String.format(java.util.Locale.ROOT,
                "; floors sized P%.0f at %.4g per unit (tuned by feedback)", 100 * policy.capacityQuantile(),
                policy.loadPerUnit());
        lines.add(target.targetId() + " (" + policy.mode() + "): " + plan.summary() + sizing
                + (applied == null ? "" : "; actions put " + applied.put() + ", deleted " + applied.deleted()
                + ", unchanged " + applied.unchanged()));
        return applied != null;
    }

    /**
     * Upcoming events raise or lower the predictions whose window they touch, by each type's impact learned
     * from this target's load around past events of the type (or the type's prior).
     */
    private static Forecast withEvents(Forecast forecast, List<KnownEvent> events, Instant now) {
        List<KnownEvent> upcoming = events.stream().filter(e -> e.end().isAfter(now)).toList();
        if (upcoming.isEmpty() || forecast.hourly() == null) {
            return forecast;
        }
        List<KnownEvent> past = events.stream().filter(e -> e.end().isBefore(now)).toList();
        List<LoadPrediction> adjusted = EventAdjuster.apply(forecast.predicted(), upcoming,
                e -> EventImpact.learn(e.type(), past.stream().filter(p -> p.type().equals(e.type())).toList(),
                        forecast.hourly(), Double.isNaN(e.expectedImpact()) ? 0 : e.expectedImpact()), now);
        return new Forecast(adjusted, forecast.lastSample(), forecast.hourly());
    }

    /** A tuned sizing older than this is not trusted: feedback has stopped running for the target. */
    static final Duration SIZING_FRESH = Duration.ofDays(3);

    /** The configured policy, sized as feedback last tuned it (when tuning is on and the tuning is fresh). */
    private ScalingPolicy sized(String targetId, ScalingConfig config, Instant now) {
        if (!config.tuneSizing()) {
            return config.policy();
        }
        return feedback.sizing(targetId)
                .filter(z -> z.tunedAt().isAfter(now.minus(SIZING_FRESH)))
                .map(z -> config.policy().withSizing(z.capacityQuantile(), z.loadPerUnit()))
                .orElse(config.policy());
    }

    /** Predictions whose recent accuracy collapsed must not drive capacity; feedback says when. */
    static final int MIN_SCORED_FOR_HEALTH = 12;
    static final double COLLAPSED_SMAPE = 60;
    static final double COLLAPSED_COVERAGE = 0.2;

    private Optional<String> health(String targetId) {
        Optional<Accuracy> recent = feedback.accuracy(targetId, "last24h#all");
        if (recent.isEmpty() || recent.get().count() < MIN_SCORED_FOR_HEALTH) {
            return Optional.empty();
        }
        Accuracy a = recent.get();
        if (a.smape() > COLLAPSED_SMAPE || a.coverage() < COLLAPSED_COVERAGE) {
            return Optional.of(String.format(java.util.Locale.ROOT,
                    "accuracy collapsed: sMAPE %.0f%%, coverage %.0f%% over %d predictions in the last 24 h",
                    a.smape(), 100 * a.coverage(), a.count()));
        }
        return Optional.empty();
    }

    /** Regular buckets of {@code step} over {@code span} before now (last complete bucket last). */
    static RegularSeries series(List<LoadSample> samples, Instant now, Duration step, Duration span,
                                ToDoubleFunction<Rollup> value) {
        long s = step.getSeconds();
        Instant end = Instant.ofEpochSecond(Math.floorDiv(now.getEpochSecond(), s) * s);
        Instant start = end.minus(span);
        List<LoadSample> window = samples.stream()
                .filter(x -> !x.timestamp().isBefore(start) && x.timestamp().isBefore(end)).toList();
        Instant first = window.isEmpty() ? start
                : Instant.ofEpochSecond(Math.floorDiv(window.get(0).timestamp().getEpochSecond(), s) * s);
        List<Rollup> rollups = Rollups.of(window, step);
        return RegularSeries.fromRollups(rollups, first, end, step, value);
    }
}
