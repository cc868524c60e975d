package io.predictivescaling.metrics;

import java.time.Instant;
import java.util.Objects;

/**
 * One observation of a metric's load: what the whole system learns from.
 *
 * @param metricId the metric's id, as named in the targets table
 * @param timestamp when the load was observed (stored to the second)
 * @param value the load, finite and not negative, in {@code unit}
 * @param unit the metric's unit, e.g. {@code Count/Second}; may be empty
 * @param source who reported it, e.g. {@code cloudwatch} or the pushing application's event source
 */
public record LoadSample(String metricId, Instant timestamp, double value, String unit, String source) {

    public LoadSample {
        Objects.requireNonNull(metricId, "metricId");
        Objects.requireNonNull(timestamp, "timestamp");
        if (!Double.isFinite(value) || value < 0) {
            throw new IllegalArgumentException("load must be finite and not negative, got " + value);
        }
        unit = unit == null ? "" : unit;
        source = source == null ? "" : source;
    }
}
