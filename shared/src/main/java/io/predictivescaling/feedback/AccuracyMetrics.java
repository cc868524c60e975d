package io.predictivescaling.feedback;

import io.predictivescaling.common.EmbeddedMetricFormat;
import java.io.PrintStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Accuracy as CloudWatch metrics (one {@link EmbeddedMetricFormat} line per target, dimension {@code TargetId}):
 * sMAPE, MAPE and bias in percent, interval coverage in percent, under-, over- and right-sized intervals, how many
 * predictions were scored and how many had no actual, and the mean predicted and actual load when known. The
 * dashboard and the accuracy-collapse alarm read them.
 */
public final class AccuracyMetrics implements MetricsEmitter {
    private final PrintStream out;
    private final Clock clock;

    public AccuracyMetrics(PrintStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
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
        Map<String, String> units = new LinkedHashMap<>();
        metrics.keySet()
                .forEach(name -> units.put(
                        name,
                        name.startsWith("Forecast") || name.equals("IntervalCoverage")
                                ? "Percent"
                                : name.endsWith("Load") ? "None" : "Count"));
        EmbeddedMetricFormat.metrics(out, clock, "TargetId", targetId, metrics, units);
    }
}
