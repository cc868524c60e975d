package io.predictivescaling.testing.fakes;

import io.predictivescaling.feedback.Accuracy;
import io.predictivescaling.feedback.DynamoDbFeedbackStore;
import io.predictivescaling.feedback.FeedbackRows;
import io.predictivescaling.feedback.FeedbackStore;
import io.predictivescaling.feedback.MaturedPrediction;
import io.predictivescaling.feedback.SizingTuner;
import io.predictivescaling.forecast.LoadPrediction;
import io.predictivescaling.scaling.DynamoDbPredictionStore;
import io.predictivescaling.scaling.PredictionRecord;
import io.predictivescaling.scaling.PredictionStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The predictions and accuracy tables in memory, as predict-and-scale writes them and score-feedback reads them:
 * one row per target and sort key {@code forecastTime#horizon} (a rerun replaces the row), numbers kept to three
 * decimals as the adapter stores them, a 5-minute prediction scored as a mean and an hourly one as a P95. Feedback
 * reads back a prediction's typed {@code signals}, or, for a prediction without them, the signals its reason names,
 * exactly as the adapter reads its rows. An interval's actual is one entry per target, forecast time and resolution
 * (the adapter's {@code <forecastTime>#actual#<resolution>} item), read back by every prediction of the interval.
 */
public final class InMemoryPredictions implements PredictionStore, FeedbackStore {
    private final Map<String, NavigableMap<String, PredictionRecord>> records = new ConcurrentHashMap<>();
    private final Map<String, Double> actuals = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Accuracy>> accuracy = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Double>> confidence = new ConcurrentHashMap<>();
    private final Map<String, SizingTuner.TunedSizing> sizing = new ConcurrentHashMap<>();
    private final AtomicInteger saves = new AtomicInteger();
    private final AtomicInteger itemsRead = new AtomicInteger();
    private final AtomicInteger actualWrites = new AtomicInteger();

    @Override
    public void save(List<PredictionRecord> batch) {
        saves.incrementAndGet();
        for (PredictionRecord r : batch) {
            String key = DynamoDbPredictionStore.sortKey(r.prediction());
            records.computeIfAbsent(r.targetId(), k -> new ConcurrentSkipListMap<>())
                    .put(key, r);
        }
    }

    /** Every row of {@code targetId}, in sort-key order (forecast time, then horizon). */
    public List<PredictionRecord> of(String targetId) {
        return new ArrayList<>(
                records.getOrDefault(targetId, new ConcurrentSkipListMap<>()).values());
    }

    /** The planned capacity of each hour, from the hourly predictions (horizon a whole number of hours). */
    public Map<Instant, Integer> hourlyCapacity(String targetId) {
        Map<Instant, Integer> capacity = new LinkedHashMap<>();
        records.getOrDefault(targetId, new ConcurrentSkipListMap<>()).forEach((key, r) -> {
            if (key.contains("#PT") && !key.contains("M")) {
                capacity.put(r.prediction().forecastTime(), r.predictedCapacity());
            }
        });
        return capacity;
    }

    /** How many prediction items {@link #predictions} has returned in all (what a Query pays for). */
    public int itemsRead() {
        return itemsRead.get();
    }

    /** How many actual items {@link #recordActual} has written in all (one write unit each in the adapter). */
    public int actualWrites() {
        return actualWrites.get();
    }

    /** How many times {@link #save} was called. */
    public int saves() {
        return saves.get();
    }

    @Override
    public List<MaturedPrediction> predictions(String targetId, Instant from, Instant to) {
        List<MaturedPrediction> out = new ArrayList<>();
        // The adapter's key condition: forecast BETWEEN from and to + "~", compared as strings.
        records.getOrDefault(targetId, new ConcurrentSkipListMap<>())
                .subMap(from.toString(), true, to + "~", true)
                .forEach((key, r) -> {
                    LoadPrediction p = r.prediction();
                    boolean fine = DynamoDbPredictionStore.isFine(p);
                    Map<String, Double> signals = new LinkedHashMap<>();
                    if (p.signals().isEmpty()) {
                        signals.putAll(FeedbackRows.signalsOfReason(p.reason()));
                    } else {
                        p.signals().forEach((k, v) -> signals.put(k, round(v)));
                    }
                    out.add(new MaturedPrediction(
                            targetId,
                            key,
                            p.forecastTime(),
                            p.horizon(),
                            fine ? Duration.ofMinutes(5) : Duration.ofHours(1),
                            fine ? "mean" : "p95",
                            round(p.predictedLoad()),
                            round(p.lower()),
                            round(p.upper()),
                            r.predictedCapacity(),
                            signals,
                            actuals.get(targetId + "|"
                                    + DynamoDbFeedbackStore.actualKey(
                                            p.forecastTime(), fine ? Duration.ofMinutes(5) : Duration.ofHours(1)))));
                });
        // The adapter's Query also returns the actual items in the range.
        String prefix = targetId + "|";
        int actualItems = (int) actuals.keySet().stream()
                .filter(k -> k.startsWith(prefix))
                .map(k -> k.substring(prefix.length()))
                .filter(k -> k.compareTo(from.toString()) >= 0 && k.compareTo(to + "~") <= 0)
                .count();
        itemsRead.addAndGet(out.size() + actualItems);
        return out;
    }

    @Override
    public void recordActual(List<MaturedPrediction> scored, Instant at) {
        MaturedPrediction first = scored.get(0);
        actualWrites.incrementAndGet();
        actuals.put(
                first.targetId() + "|" + DynamoDbFeedbackStore.actualKey(first.forecastTime(), first.resolution()),
                first.actual());
    }

    /** The actual load feedback recorded for the interval of the prediction with sort key {@code key}, if scored. */
    public Optional<Double> actual(String targetId, String key) {
        PredictionRecord r =
                records.getOrDefault(targetId, new ConcurrentSkipListMap<>()).get(key);
        if (r == null) {
            return Optional.empty();
        }
        boolean fine = DynamoDbPredictionStore.isFine(r.prediction());
        return Optional.ofNullable(actuals.get(targetId + "|"
                + DynamoDbFeedbackStore.actualKey(
                        r.prediction().forecastTime(), fine ? Duration.ofMinutes(5) : Duration.ofHours(1))));
    }

    @Override
    public void saveAccuracy(String targetId, String scope, Accuracy a, Instant at) {
        accuracy.computeIfAbsent(targetId, k -> new ConcurrentHashMap<>()).put(scope, a);
    }

    @Override
    public Optional<Accuracy> accuracy(String targetId, String scope) {
        return Optional.ofNullable(accuracy.getOrDefault(targetId, Map.of()).get(scope));
    }

    @Override
    public Map<String, Accuracy> accuracies(String targetId) {
        return new java.util.TreeMap<>(accuracy.getOrDefault(targetId, Map.of()));
    }

    @Override
    public Map<String, Double> signalConfidence(String targetId) {
        return new LinkedHashMap<>(confidence.getOrDefault(targetId, Map.of()));
    }

    @Override
    public void saveSignalConfidence(String targetId, Map<String, Double> values, Instant at) {
        confidence.put(targetId, new LinkedHashMap<>(values));
    }

    @Override
    public Optional<SizingTuner.TunedSizing> sizing(String targetId) {
        return Optional.ofNullable(sizing.get(targetId));
    }

    @Override
    public void saveSizing(String targetId, SizingTuner.TunedSizing tuned) {
        sizing.put(targetId, tuned);
    }

    private static double round(double v) {
        return Double.parseDouble(String.format(java.util.Locale.ROOT, "%.3f", v));
    }
}
