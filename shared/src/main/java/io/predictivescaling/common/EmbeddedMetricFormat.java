package io.predictivescaling.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CloudWatch metrics in the embedded metric format: one JSON line on standard output, which Lambda's log pipeline
 * turns into metrics (namespace {@code PredictiveScaling}) without any API call. The dashboard and the alarms read
 * them. Every function emits its metrics through here; what a metric means belongs to the feature that emits it
 * (e.g. {@code feedback.AccuracyMetrics}).
 */
public final class EmbeddedMetricFormat {
    public static final String NAMESPACE = "PredictiveScaling";
    private static final ObjectMapper JSON = new ObjectMapper();

    private EmbeddedMetricFormat() {}

    /** One count metric with one dimension, e.g. SourceFailures by Source, as an EMF line on {@code out}. */
    public static void count(PrintStream out, Clock clock, String metric, String dimension, String value, int count) {
        count(out, clock, metric, dimension, value, count, List.of(List.of(dimension)));
    }

    /**
     * Like {@link #count}, and the same count also without dimensions, so one alarm (e.g. on PlanFailed)
     * watches every value of the dimension.
     */
    public static void countWithTotal(
            PrintStream out, Clock clock, String metric, String dimension, String value, int count) {
        count(out, clock, metric, dimension, value, count, List.of(List.of(dimension), List.of()));
    }

    private static void count(
            PrintStream out,
            Clock clock,
            String metric,
            String dimension,
            String value,
            int count,
            List<List<String>> dimensionSets) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put(
                "_aws",
                Map.of(
                        "Timestamp",
                        clock.millis(),
                        "CloudWatchMetrics",
                        List.of(Map.of(
                                "Namespace",
                                NAMESPACE,
                                "Dimensions",
                                dimensionSets,
                                "Metrics",
                                List.of(Map.of("Name", metric, "Unit", "Count"))))));
        line.put(dimension, value);
        line.put(metric, count);
        try {
            out.println(JSON.writeValueAsString(line));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Which of a line's values are metrics, and with which dimension sets (one entry of the line's
     * {@code CloudWatchMetrics} array, EMF specification). Each distinct dimension value of a set is a custom metric of
     * its own, billed monthly (CloudWatch pricing), so a per-target dimension costs per target.
     *
     * @param dimensionSets e.g. {@code [[]]} for one fleet-wide metric each, {@code [[TargetId]]} for one per target
     * @param names the values of the line that are metrics under these dimension sets
     */
    public record Directive(List<List<String>> dimensionSets, List<String> names) {}

    /**
     * One EMF line on {@code out}, {@code dimension = value} written as a property of the line (searchable in
     * CloudWatch Logs Insights, and a metric dimension where a directive's sets name it), its values metrics only where
     * a {@link Directive} names them: a value no directive names is a plain property of the line, searchable but no
     * custom metric (and not billed as one).
     *
     * @param out where the line goes (Lambda's standard output, which CloudWatch Logs reads)
     * @param clock the line's timestamp (epoch milliseconds, UTC)
     * @param dimension the property naming what the line is about, e.g. {@code TargetId}
     * @param value its value, e.g. the target's id
     * @param directives which values are metrics, under which dimension sets; an empty one is left out
     * @param values name to value, in the order they are written
     * @param units metric name to its CloudWatch unit
     */
    public static void metrics(
            PrintStream out,
            Clock clock,
            String dimension,
            String value,
            List<Directive> directives,
            Map<String, ? extends Object> values,
            Map<String, String> units) {
        List<Map<String, Object>> cloudWatchMetrics = directives.stream()
                .filter(d -> !d.names().isEmpty())
                .map(d -> Map.<String, Object>of(
                        "Namespace",
                        NAMESPACE,
                        "Dimensions",
                        d.dimensionSets(),
                        "Metrics",
                        d.names().stream()
                                .map(name -> Map.of("Name", name, "Unit", units.getOrDefault(name, "None")))
                                .toList()))
                .toList();
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("_aws", Map.of("Timestamp", clock.millis(), "CloudWatchMetrics", cloudWatchMetrics));
        line.put(dimension, value);
        line.putAll(values);
        try {
            out.println(JSON.writeValueAsString(line));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
