package io.predictivescaling.feedback;

import io.predictivescaling.metrics.LoadSample;
import io.predictivescaling.metrics.Rollups;
import io.predictivescaling.metrics.TimeSeriesStore;
import io.predictivescaling.simulation.TuningSchedule;
import io.predictivescaling.targets.ScalableTarget;
import io.predictivescaling.targets.TargetRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;

/**
 * The score-feedback run: every interval whose predictions have ended gets the load that really came (the
 * same statistic they predicted), stored once per target, forecast time and resolution and read back by every
 * prediction of it; a prediction is only ever scored against the statistic it predicted, also when the target
 * changed statistic (p95 or mean) within the day; accuracy and scaling
 * efficiency are aggregated per target, horizon and signal over the last day; and each signal's confidence
 * moves toward how well it just did. A prediction whose interval has no data is reported, never scored as
 * zero, and tried again next run.
 */
public final class ScoreFeedbackService {
    /**
     * How far back predictions are read every run: the day scored (WINDOW) plus an hour, so a prediction whose
     * interval had no data is tried again for a day. Predictions are keyed by the time they forecast, whatever their
     * horizon, so this need not cover the longest horizon: reading 3 days every hour (about 5,000 items per target,
     * $0.029 per target-month) read each scored prediction 72 times.
     */
    static final Duration LOOKBACK = Duration.ofHours(25);

    static final Duration WINDOW = Duration.ofHours(24);
    /** How far one run moves a signal's confidence toward its latest skill. */
    static final double LEARNING_RATE = 0.3;

    public static final double MIN_CONFIDENCE = 0.05;

    private final TargetRepository targets;
    private final TimeSeriesStore metrics;
    private final FeedbackStore store;
    private final MetricsEmitter emitter;

    public ScoreFeedbackService(
            TargetRepository targets, TimeSeriesStore metrics, FeedbackStore store, MetricsEmitter emitter) {
        this.targets = targets;
        this.metrics = metrics;
        this.store = store;
        this.emitter = emitter;
    }

    /** @param missing predictions whose interval had no data: reported, left unscored */
    public record Result(int scored, int missing, List<String> lines, List<String> problems) {}

    public Result run(Instant now) {
        TargetRepository.Loaded loaded = targets.loadAll();
        List<String> lines = new ArrayList<>();
        List<String> problems = new ArrayList<>(loaded.problems());
        int scored = 0;
        int missing = 0;
        for (ScalableTarget target : loaded.targets()) {
            if (target.scaling().isEmpty()) {
                continue;
            }
            try {
                int[] counts = score(target, now, lines, problems);
                scored += counts[0];
                missing += counts[1];
            } catch (RuntimeException e) {
                problems.add("target " + target.targetId() + ": " + e.getMessage());
            }
        }
        return new Result(scored, missing, lines, problems);
    }

    private int[] score(ScalableTarget target, Instant now, List<String> lines, List<String> problems) {
        String id = target.targetId();
        double loadPerUnit = target.scaling().orElseThrow().policy().loadPerUnit();
        OptionalDouble price = target.scaling().orElseThrow().unitPricePerHour();
        List<MaturedPrediction> all = store.predictions(id, now.minus(LOOKBACK), now);
        // The store hands every prediction of an interval (forecast time and resolution) the one actual stored for
        // it, whatever statistic that actual is of. Where a target changed statistic (p95 <-> mean) within the day,
        // an interval holds predictions of both: those are scored from the samples, each against its own statistic.
        Map<String, Set<String>> statistics = new HashMap<>();
        for (MaturedPrediction p : all) {
            statistics.computeIfAbsent(interval(p), k -> new TreeSet<>()).add(p.statistic());
        }
        List<MaturedPrediction> fresh = new ArrayList<>();
        Map<String, MaturedPrediction> scoredNow = new HashMap<>();
        Set<String> unmeasured = new HashSet<>();
        Map<String, Optional<Double>> actuals = new HashMap<>();
        List<LoadSample> samples = null;
        int missing = 0;
        for (MaturedPrediction p : all) {
            boolean mixed = statistics.get(interval(p)).size() > 1;
            if ((p.actual() != null && !mixed) || p.end().isAfter(now)) {
                continue;
            }
            if (samples == null) {
                samples = metrics.read(target.metricId(), now.minus(LOOKBACK), now);
            }
            List<LoadSample> read = samples;
            Optional<Double> actual = actuals.computeIfAbsent(
                    interval(p) + "#" + p.statistic(), k -> Optional.ofNullable(actual(read, p)));
            if (actual.isEmpty()) {
                // Never scored against another statistic's actual: left out until its own can be measured.
                missing += p.actual() == null ? 1 : 0;
                unmeasured.add(p.key());
                continue;
            }
            MaturedPrediction done = p.withActual(actual.get());
            scoredNow.put(p.key(), done);
            if (p.actual() == null) {
                fresh.add(done);
            }
        }
        recordActuals(fresh, now);
        if (missing > 0) {
            problems.add(String.format(
                    Locale.ROOT,
                    "target %s: %d matured predictions have no actual load (a gap in "
                            + "the metric): not scored, tried again next run",
                    id,
                    missing));
        }
        List<MaturedPrediction> window = new ArrayList<>();
        for (MaturedPrediction p : all) {
            MaturedPrediction s = scoredNow.getOrDefault(p.key(), p);
            if (!unmeasured.contains(p.key())
                    && s.actual() != null
                    && !s.forecastTime().isBefore(now.minus(WINDOW))) {
                window.add(s);
            }
        }
        Map<String, List<MaturedPrediction>> scopes = new LinkedHashMap<>();
        scopes.put("last24h#all", window);
        for (MaturedPrediction p : window) {
            scopes.computeIfAbsent("last24h#horizon=" + p.horizonBucket(), k -> new ArrayList<>())
                    .add(p);
            p.signals()
                    .keySet()
                    .forEach(signal -> scopes.computeIfAbsent("last24h#signal=" + signal, k -> new ArrayList<>())
                            .add(p));
        }
        for (var scope : scopes.entrySet()) {
            store.saveAccuracy(id, scope.getKey(), Accuracy.of(scope.getValue(), loadPerUnit, price), now);
        }
        Accuracy overall = Accuracy.of(window, loadPerUnit, price);
        Map<String, Double> confidence = learn(store.signalConfidence(id), fresh);
        if (!fresh.isEmpty()) {
            store.saveSignalConfidence(id, confidence, now);
        }
        emitter.emit(
                id,
                overall,
                fresh.size(),
                missing,
                fresh.stream()
                        .mapToDouble(MaturedPrediction::predicted)
                        .average()
                        .orElse(Double.NaN),
                fresh.stream().mapToDouble(MaturedPrediction::actual).average().orElse(Double.NaN));
        tuneSizing(target, now, lines);
        lines.add(String.format(
                Locale.ROOT,
                "%s: scored %d (missing %d); last 24 h: %d predictions, sMAPE %.1f%%, "
                        + "coverage %.0f%%, under-scaled %d, over-scaled %d, right-sized %d",
                id,
                fresh.size(),
                missing,
                overall.count(),
                overall.smape(),
                100 * overall.coverage(),
                overall.underScaled(),
                overall.overScaled(),
                overall.rightSized()));
        return new int[] {fresh.size(), missing};
    }

    /** An interval's predictions share one stored actual: the forecast time and the resolution. */
    private static String interval(MaturedPrediction p) {
        return p.forecastTime() + "#" + p.resolution();
    }

    /**
     * Writes each interval's actual once. The store keeps one actual per interval, so an interval predicted with two
     * statistics stores the actual of the statistic its shortest-horizon prediction was made with (the target's
     * latest); the other statistic's predictions are scored from the samples again by every run (see {@link #score}).
     */
    private void recordActuals(List<MaturedPrediction> fresh, Instant now) {
        Map<String, List<MaturedPrediction>> intervals = new LinkedHashMap<>();
        fresh.forEach(p ->
                intervals.computeIfAbsent(interval(p), k -> new ArrayList<>()).add(p));
        for (List<MaturedPrediction> interval : intervals.values()) {
            String latest = interval.stream()
                    .min(Comparator.comparing(MaturedPrediction::horizon))
                    .orElseThrow()
                    .statistic();
            store.recordActual(
                    interval.stream().filter(p -> p.statistic().equals(latest)).toList(), now);
        }
    }

    /** Once a day, re-chooses how the target's floors are sized from its last week (unless fixed). */
    private void tuneSizing(ScalableTarget target, Instant now, List<String> lines) {
        var config = target.scaling().orElseThrow();
        if (!config.tuneSizing()) {
            return;
        }
        var last = store.sizing(target.targetId());
        if (!TuningSchedule.due(last.map(SizingTuner.TunedSizing::tunedAt).orElse(null), now)) {
            return;
        }
        Instant from = now.minus(SizingTuner.WINDOW);
        var tuned = SizingTuner.tune(
                config.policy(),
                config.targetUtilization(),
                store.predictions(target.targetId(), from, now),
                metrics.read(target.metricId(), from, now),
                now);
        if (tuned.isPresent()) {
            store.saveSizing(target.targetId(), tuned.get());
            lines.add(target.targetId() + ": floors now sized " + tuned.get().reason());
        }
    }

    /** The statistic the prediction was of, over its interval; null when the interval has no data. */
    static Double actual(List<LoadSample> samples, MaturedPrediction p) {
        List<LoadSample> in = samples.stream()
                .filter(s -> !s.timestamp().isBefore(p.forecastTime())
                        && s.timestamp().isBefore(p.end()))
                .toList();
        if (in.isEmpty()) {
            return null;
        }
        var rollup = Rollups.of(in, p.resolution()).get(0);
        return "p95".equals(p.statistic()) ? rollup.p95() : rollup.mean();
    }

    /**
     * Moves each signal's confidence toward its skill on the predictions just scored (1 = exact, 0 = off by
     * the whole load or more), by a bounded step weighted by the signal's share, never below 0.05. An event type
     * ({@code event:<type>}) moves toward the share of its predictions it improved over the unadjusted ones.
     */
    static Map<String, Double> learn(Map<String, Double> previous, List<MaturedPrediction> scored) {
        Map<String, double[]> skill = new HashMap<>();
        for (MaturedPrediction p : scored) {
            double scale = Math.max(Math.max(p.actual(), p.predicted()), 1e-9);
            double s = 1 - Math.min(1, Math.abs(p.predicted() - p.actual()) / scale);
            p.signals().forEach((signal, share) -> {
                double[] acc = skill.computeIfAbsent(signal, k -> new double[2]);
                if (signal.startsWith("event:")) {
                    // An event's value is the multiplier it applied: it scores 1 when it moved the prediction
                    // closer to what happened than the unadjusted one, 0 when it moved it away.
                    double unadjusted = share > 0 ? p.predicted() / share : p.predicted();
                    acc[0] += Math.abs(p.predicted() - p.actual()) < Math.abs(unadjusted - p.actual()) ? 1 : 0;
                    acc[1] += 1;
                    return;
                }
                acc[0] += share * s;
                acc[1] += share;
            });
        }
        Map<String, Double> next = new LinkedHashMap<>(previous);
        skill.forEach((signal, acc) -> {
            if (acc[1] <= 0) {
                return;
            }
            double current = previous.getOrDefault(signal, 1.0);
            double target = acc[0] / acc[1];
            double step = LEARNING_RATE * Math.min(1, acc[1] / 4);
            next.put(signal, Math.max(MIN_CONFIDENCE, Math.min(1, current + step * (target - current))));
        });
        return next;
    }
}
