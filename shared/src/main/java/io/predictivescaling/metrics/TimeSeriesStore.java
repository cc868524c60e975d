package io.predictivescaling.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The port to the time-series store of load samples. */
public interface TimeSeriesStore {

    /**
     * Stores samples idempotently: a sample with the same metric and second as a stored one replaces it,
     * and the order of arrival does not matter.
     *
     * @return how many distinct samples were written
     * @throws StoreWriteException when a write still fails after retries; nothing is silently dropped
     */
    int append(Collection<LoadSample> samples);

    /** Samples of {@code metricId} with {@code from <= timestamp < to}, oldest first. */
    List<LoadSample> read(String metricId, Instant from, Instant to);

    /**
     * Samples of {@code metricId} in {@code [from, to)} summarised per bucket of {@code resolution}
     * (which must divide an hour or be a whole number of hours), oldest first; empty buckets are left out.
     */
    List<Rollup> rollup(String metricId, Instant from, Instant to, Duration resolution);

    /** The newest stored sample time of {@code metricId}, if any. */
    Optional<Instant> latestTimestamp(String metricId);

    /**
     * Records that a pull of {@code metricId} succeeded at {@code at} even though it brought no sample (a quiet
     * metric whose missing data is a gap): the metric is quiet, not stale.
     */
    default void markPulled(String metricId, Instant at) {}

    /** When a pull of {@code metricId} last succeeded without a sample, if ever ({@link #markPulled}). */
    default Optional<Instant> lastPulled(String metricId) {
        return Optional.empty();
    }
}
