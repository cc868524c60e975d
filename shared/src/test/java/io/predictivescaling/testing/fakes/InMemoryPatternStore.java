package io.predictivescaling.testing.fakes;

import io.predictivescaling.patterns.LoadPatterns;
import io.predictivescaling.patterns.PatternStore;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The patterns table in memory: the last patterns saved per metric. */
public final class InMemoryPatternStore implements PatternStore {
    private final Map<String, LoadPatterns> patterns = new ConcurrentHashMap<>();

    @Override
    public void save(String metricId, LoadPatterns learned, Instant learnedAt) {
        patterns.put(metricId, learned);
    }

    @Override
    public Optional<LoadPatterns> load(String metricId) {
        return Optional.ofNullable(patterns.get(metricId));
    }
}
