package io.predictivescaling.feedback;

import io.predictivescaling.common.EmbeddedMetricFormat;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Accuracy as CloudWatch metrics (one {@link EmbeddedMetricFormat} line per target): sMAPE, MAPE and bias in percent,
 * interval coverage in percent, under-, over- and right-sized intervals, how many predictions were scored and how many
 * had no actual. By default these 9 are fleet-wide metrics (no dimension: the accuracy-collapse alarm watches their
 * Maximum) and {@code TargetId} is a property of the line, which the dashboard's Logs Insights table of the worst
 * targets reads: 9 custom metrics per deployment. The mean predicted and actual load, when known, are properties of
 * the line too: each target's load has its own unit (requests, % CPU), so a fleet-wide average of them means nothing.
 * With {@code perTarget} every metric also carries a {@code TargetId} dimension and the two loads become metrics under
 * it: 11 custom metrics per target (about $3.30 a target-month at CloudWatch's $0.30 per metric-month, against the
 * rest of the system's $0.10).
 */
public final class AccuracyMetrics implements MetricsEmitter {
    /** The fleet-wide metrics (no dimension), 9 custom metrics for the whole deployment. */
    public static final List<String> NAMES = List.of(
            "ForecastSMAPE",
            "ForecastMAPE",
            "ForecastBias",
            "IntervalCoverage",
            "UnderScaledIntervals",
            "OverScaledIntervals",
            "RightSizedIntervals",
            "PredictionsScored",
            "ActualsMissing");

    /** With per-target metrics, the metrics each target has under its {@code TargetId} dimension (11). */
    public static final List<String> PER_TARGET_NAMES = java.util.stream.Stream.concat(
                    NAMES.stream(), java.util.stream.Stream.of("PredictedLoad", "ActualLoad"))
            .toList();

    private final PrintStream out;
    private final Clock clock;
    private final boolean perTarget;

    /** Fleet-wide metrics, the target a property of each line. */
    public AccuracyMetrics(PrintStream out, Clock clock) {
        this(out, clock, false);
    }

    /** @param perTarget also a {@code TargetId} dimension: {@link #PER_TARGET_NAMES}, 11 custom metrics per target */
    public AccuracyMetrics(PrintStream out, Clock clock, boolean perTarget) {
        this.out = out;
        this.clock = clock;
        this.perTarget = perTarget;
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
        List<EmbeddedMetricFormat.Directive> directives = new ArrayList<>();
        directives.add(new EmbeddedMetricFormat.Directive(
                List.of(List.of()), NAMES.stream().filter(metrics::containsKey).toList()));
        if (perTarget) {
            directives.add(new EmbeddedMetricFormat.Directive(
                    List.of(List.of("TargetId")),
                    PER_TARGET_NAMES.stream().filter(metrics::containsKey).toList()));
        }
        EmbeddedMetricFormat.metrics(out, clock, "TargetId", targetId, directives, metrics, units);
    }
}
