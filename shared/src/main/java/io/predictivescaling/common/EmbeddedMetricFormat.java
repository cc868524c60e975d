package io.predictivescaling.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.predictivescaling.feedback.Accuracy;
import io.predictivescaling.feedback.MetricsEmitter;
import java.io.PrintStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Accuracy as CloudWatch metrics in the embedded metric format: one JSON line on standard output, which
 * Lambda's log pipeline turns into metrics (namespace {@code PredictiveScaling}, dimension {@code TargetId})
 * without any API call. The dashboard and the accuracy-collapse alarm read them.
 */
public final class EmbeddedMetricFormat implements MetricsEmitter {
    public static final String NAMESPACE = "PredictiveScaling";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final PrintStream out;
    private final Clock clock;

    public EmbeddedMetricFormat(PrintStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    /** One count metric with one dimension, e.g. SourceFailures by Source, as an EMF line on {@code out}. */
    public static void count(PrintStream out, Clock clock, String metric, String dimension, String value, int count) {
        count(out, clock, metric, dimension, value, count, List.of(List.of(dimension)));
    }

    /**
     * Like {@link #count}, and the same count also without dimensions, so one alarm (e.g. on PlanFailed)
     * watches every value of the dimension.
     */
    public static void countWithTotal(PrintStream out, Clock clock, String metric, String dimension, String value,
                                      int count) {
        count(out, clock, metric, dimension, value, count, List.of(List.of(dimension), List.of()));
    }

    private static void count(PrintStream out, Clock clock, String metric, String dimension, String value, int count,
                              List<List<String>> dimensionSets) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("_aws", Map.of("Timestamp", clock.millis(), "CloudWatchMetrics", List.of(Map.of("Namespace", NAMESPACE,
                "Dimensions", dimensionSets, "Metrics", List.of(Map.of("Name", metric, "Unit", "Count"))))));
        line.put(dimension, value);
        line.put(metric, count);
        try {
            out.println(JSON.writeValueAsString(line));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void emit(String targetId, Accuracy a, int scored, int missing, double predictedLoad, double actualLoad) {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("ForecastSMAPE", a.smape());
        metrics.put("ForecastMAPE", a.mape());
        metrics.put("ForecastBias", a.bias());
        metrics.put("IntervalCoverage", 100 * a.coverage());
        metrics.put("UnderScaledIntervals", a.underScaled());
        metrics.put("OverScaledIntervals", a.overScaled());
        metrics.put("RightSizedIntervals", a.rightSized());
        metrics.put("PredictionsScored", scored);
        metrics.put("ActualsMissing", missing);
        if (!Double.isNaN(predictedLoad) && !Double.isNaN(actualLoad)) {
            metrics.put("PredictedLoad", predictedLoad);
            metrics.put("ActualLoad", actualLoad);
        }
        List<Map<String, String>> definitions = metrics.keySet().stream()
                .map(name -> Map.of("Name", name, "Unit", name.startsWith("Forecast") || name.equals("IntervalCoverage")
                        ? "Percent" : name.endsWith("Load") ? "None" : "Count")).toList();
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("_aws", Map.of("Timestamp", clock.millis(), "CloudWatchMetrics", List.of(Map.of(
                "Namespace", NAMESPACE, "Dimensions", List.of(List.of("TargetId")), "Metrics", definitions))));
        line.put("TargetId", targetId);
        line.putAll(metrics);
        try {
            out.println(JSON.writeValueAsString(line));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
