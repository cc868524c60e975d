package io.predictivescaling.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The port to what predict-and-scale keeps of a metric's settled hours (an opaque digest, see
 * {@code io.predictivescaling.scaling.HistoryDigest}), so a five-minute run reads the digest and the samples
 * since it instead of the whole history.
 *
 * <p>An hour is <em>settled</em> {@link #SETTLE} after it ends. Whoever stores samples into a settled hour (a
 * backfill, a late push) bumps the metric's revision after writing them; a digest is only handed out while it was
 * built at the revision in force, so late data is never hidden by a digest built before it arrived.
 */
public interface HistoryDigests {
    /**
     * How long after an hour ends its samples are treated as final: longer than record-metrics' pull interval (15
     * minutes by default, {@code MetricPullSchedule}) and its re-read of the latest periods (CloudWatch revises a
     * datapoint for a few minutes), so routine pulls never write into a settled hour and never bump.
     */
    Duration SETTLE = Duration.ofMinutes(20);

    /**
     * @param digest the stored digest, only if it was built at {@code revision} (empty when none or stale)
     * @param revision the metric's revision now: pass it back to {@link #save} with a digest built after this read
     * @param lastPulled when a pull last succeeded without a sample ({@link TimeSeriesStore#lastPulled})
     */
    record Loaded(Optional<byte[]> digest, long revision, Optional<Instant> lastPulled) {}

    /** The metric's digest, revision and last empty pull, read together (one request in DynamoDB). */
    Loaded load(String metricId);

    /** Stores a digest built from samples read after {@link #load} returned {@code revision}. */
    void save(String metricId, byte[] digest, long revision);

    /** Whether the hour starting at {@code hour} is settled at {@code now}. */
    static boolean settled(Instant hour, Instant now) {
        return !hour.plus(Duration.ofHours(1)).plus(SETTLE).isAfter(now);
    }
}
