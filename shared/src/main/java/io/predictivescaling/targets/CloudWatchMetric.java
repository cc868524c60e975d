package io.predictivescaling.targets;

import java.util.Map;

/**
 * Where a target's load is read in CloudWatch.
 *
 * @param namespace e.g. {@code AWS/ApplicationELB}
 * @param name e.g. {@code RequestCount}
 * @param dimensions e.g. {@code {LoadBalancer: app/web/123}}
 * @param stat e.g. {@code Sum}, {@code Average}, {@code p95}
 * @param periodSeconds the sample period (60 for one-minute load)
 * @param expression optional metric math over the metric, which is named {@code m1} (e.g. {@code m1/60}
 *     for per-second load); empty for the plain metric
 */
public record CloudWatchMetric(String namespace, String name, Map<String, String> dimensions, String stat,
                               int periodSeconds, String expression) {
    public CloudWatchMetric {
        dimensions = Map.copyOf(dimensions);
        expression = expression == null ? "" : expression;
        if (periodSeconds <= 0 || (periodSeconds >= 60 && periodSeconds % 60 != 0)) {
            throw new IllegalArgumentException("periodSeconds must be 1, 5, 10, 30 or a multiple of 60, got "
                    + periodSeconds);
        }
    }
}
