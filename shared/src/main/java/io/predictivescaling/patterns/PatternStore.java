package io.predictivescaling.patterns;

import java.time.Instant;
import java.util.Optional;

/** The port to where learned patterns are kept. */
public interface PatternStore {

    void save(String metricId, LoadPatterns patterns, Instant learnedAt);

    Optional<LoadPatterns> load(String metricId);
}
