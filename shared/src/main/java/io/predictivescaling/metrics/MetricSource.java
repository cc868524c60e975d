package io.predictivescaling.metrics;

import io.predictivescaling.targets.ScalableTarget;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The port to where load is pulled from (CloudWatch in production). */
public interface MetricSource {

    /** The target's load samples with {@code from <= timestamp < to}, stored under its metric id. */
    List<LoadSample> fetch(ScalableTarget target, Instant from, Instant to);

    /** One target's window to read: {@code from <= timestamp < to}. */
    record Window(ScalableTarget target, Instant from, Instant to) {}

    /**
     * What a pull of many targets returned.
     *
     * @param samples per target id, the samples read (possibly none: the metric was quiet)
     * @param failures per target id, why its metric could not be read
     */
    record Fetched(Map<String, List<LoadSample>> samples, Map<String, String> failures) {}

    /**
     * Reads many targets at once (CloudWatch: up to 500 queries per {@code GetMetricData} call). One
     * target's failure never costs the others their samples. This default reads them one by one.
     */
    default Fetched fetchAll(List<Window> windows) {
        Map<String, List<LoadSample>> samples = new LinkedHashMap<>();
        Map<String, String> failures = new LinkedHashMap<>();
        for (Window w : windows) {
            try {
                samples.put(w.target().targetId(), fetch(w.target(), w.from(), w.to()));
            } catch (RuntimeException e) {
                failures.put(w.target().targetId(), String.valueOf(e.getMessage()));
            }
        }
        return new Fetched(samples, failures);
    }
}
