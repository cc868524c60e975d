package io.predictivescaling.targets;

import io.predictivescaling.common.TimeWindow;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * A scalable target and the metric its load is predicted from, as configured in the targets table.
 *
 * @param targetId the table's key, a name the operator chooses (e.g. {@code checkout-ecs})
 * @param metricId the time series the load is stored under
 * @param cloudWatchMetric where record-metrics pulls the load from; empty when applications push it
 * @param timeZone the zone the operator thinks in: hours and days of patterns are counted in it
 * @param excludedFromLearning anomalous windows (an outage, a one-off launch) patterns must not learn from
 * @param scaling what to scale and how; empty for a target that is only recorded and learned from
 * @param socialKeywords keywords whose social mentions signal this target's load (e.g. {@code yourgame})
 */
public record ScalableTarget(
        String targetId,
        String metricId,
        Optional<CloudWatchMetric> cloudWatchMetric,
        ZoneId timeZone,
        List<TimeWindow> excludedFromLearning,
        Optional<ScalingConfig> scaling,
        List<String> socialKeywords) {

    /** A target with only a metric: UTC, nothing excluded, not scaled. */
    public ScalableTarget(String targetId, String metricId, Optional<CloudWatchMetric> cloudWatchMetric) {
        this(targetId, metricId, cloudWatchMetric, java.time.ZoneOffset.UTC, List.of(), Optional.empty(), List.of());
    }
}
