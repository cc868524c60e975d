package io.predictivescaling.targets;

import java.util.Locale;
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
 * @param missingData what a period without a datapoint means, as CloudWatch alarms' TreatMissingData does
 */
public record CloudWatchMetric(
        String namespace,
        String name,
        Map<String, String> dimensions,
        String stat,
        int periodSeconds,
        String expression,
        MissingData missingData) {

    /**
     * What a period without a datapoint means. A load balancer publishes no {@code RequestCount} while idle,
     * so for counts (Sum, SampleCount) it is zero load; for an average or percentile it is unknown.
     */
    public enum MissingData {
        /** A pull that succeeds without a datapoint for a period records 0 for it. */
        ZERO,
        /** A period without a datapoint stays a gap. */
        GAP;

        /** {@code zero} or {@code gap} (any case). */
        public static MissingData parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("missingData must be 'zero' or 'gap', got '" + text + "'", e);
            }
        }

        /** {@code zero} for Sum and SampleCount, {@code gap} for every other statistic. */
        public static MissingData defaultFor(String stat) {
            return stat.equalsIgnoreCase("Sum") || stat.equalsIgnoreCase("SampleCount") ? ZERO : GAP;
        }
    }

    public CloudWatchMetric {
        dimensions = Map.copyOf(dimensions);
        expression = expression == null ? "" : expression;
        missingData = missingData == null ? MissingData.defaultFor(stat) : missingData;
        if (periodSeconds <= 0 || (periodSeconds >= 60 && periodSeconds % 60 != 0)) {
            throw new IllegalArgumentException(
                    "periodSeconds must be 1, 5, 10, 30 or a multiple of 60, got " + periodSeconds);
        }
    }

    /** With the statistic's default for missing data. */
    public CloudWatchMetric(
            String namespace,
            String name,
            Map<String, String> dimensions,
            String stat,
            int periodSeconds,
            String expression) {
        this(namespace, name, dimensions, stat, periodSeconds, expression, null);
    }
}
