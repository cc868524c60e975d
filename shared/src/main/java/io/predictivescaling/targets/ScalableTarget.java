package io.predictivescaling.targets;

import java.util.Optional;

/**
 * A scalable target and the metric its load is predicted from, as configured in the targets table.
 *
 * @param targetId the table's key, a name the operator chooses (e.g. {@code checkout-ecs})
 * @param metricId the time series the load is stored under
 * @param cloudWatchMetric where record-metrics pulls the load from; empty when applications push it
 */
public record ScalableTarget(String targetId, String metricId, Optional<CloudWatchMetric> cloudWatchMetric) {
}
