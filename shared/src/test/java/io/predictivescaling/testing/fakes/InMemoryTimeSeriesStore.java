package io.predictivescaling.testing.fakes;

import io.predictivescaling.metrics.LoadSample;
import io.predictivescaling.metrics.Rollup;
import io.predictivescaling.metrics.Rollups;
import io.predictivescaling.metrics.TimeSeriesStore;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The metrics table in memory, with the adapter's rules: one sample per metric and second (the last written wins,
 * as a re-pulled minute overwrites its attribute), reads over {@code [from, to)} in time order, roll-ups from
 * {@link Rollups}, and the "last successful pull" mark kept apart from the samples.
 */
public final class InMemoryTimeSeriesStore implements TimeSeriesStore {
    private final Map<String, NavigableMap<Instant, LoadSample>> samples = new ConcurrentHashMap<>();
    private final Map<String, Instant> pulled = new ConcurrentHashMap<>();
    private final AtomicInteger reads = new AtomicInteger();

    @Override
    public int append(Collection<LoadSample> batch) {
        Map<String, java.util.Set<Instant>> distinct = new java.util.HashMap<>();
        for (LoadSample s : batch) {
            Instant second = s.timestamp().truncatedTo(ChronoUnit.SECONDS);
            samples.computeIfAbsent(s.metricId(), k -> new ConcurrentSkipListMap<>())
                    .put(second, new LoadSample(s.metricId(), second, s.value(), s.unit(), s.source()));
            distinct.computeIfAbsent(s.metricId(), k -> new java.util.HashSet<>())
                    .add(second);
        }
        return distinct.values().stream().mapToInt(java.util.Set::size).sum();
    }

    /** As {@code DynamoDbTimeSeriesStore.importHistory}: a fixture's history, stored as appended. */
    public int importHistory(Collection<LoadSample> batch) {
        return append(batch);
    }

    @Override
    public List<LoadSample> read(String metricId, Instant from, Instant to) {
        reads.incrementAndGet();
        if (!from.isBefore(to)) {
            return new ArrayList<>();
        }
        return new ArrayList<>(samples.getOrDefault(metricId, new ConcurrentSkipListMap<>())
                .subMap(from, true, to, false)
                .values());
    }

    @Override
    public List<Rollup> rollup(String metricId, Instant from, Instant to, Duration resolution) {
        return Rollups.of(read(metricId, from, to), resolution);
    }

    @Override
    public Optional<Instant> latestTimestamp(String metricId) {
        NavigableMap<Instant, LoadSample> held = samples.get(metricId);
        return held == null || held.isEmpty() ? Optional.empty() : Optional.of(held.lastKey());
    }

    @Override
    public void markPulled(String metricId, Instant at) {
        pulled.put(metricId, at);
    }

    @Override
    public Optional<Instant> lastPulled(String metricId) {
        return Optional.ofNullable(pulled.get(metricId));
    }

    /** How many times {@link #read} (and {@link #rollup}) was called: what a test of "read once" counts. */
    public int reads() {
        return reads.get();
    }
}
