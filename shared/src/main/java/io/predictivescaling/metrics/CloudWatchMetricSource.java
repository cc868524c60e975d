package io.predictivescaling.metrics;

import io.predictivescaling.aws.Retry;
import io.predictivescaling.targets.CloudWatchMetric;
import io.predictivescaling.targets.ScalableTarget;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;

/** Pulls a target's load with {@code GetMetricData}, following every page. */
public final class CloudWatchMetricSource implements MetricSource {
    private final CloudWatchClient cloudWatch;
    private final Retry retry;

    public CloudWatchMetricSource(CloudWatchClient cloudWatch, Retry retry) {
        this.cloudWatch = cloudWatch;
        this.retry = retry;
    }

    @Override
    public List<LoadSample> fetch(ScalableTarget target, Instant from, Instant to) {
        CloudWatchMetric metric = target.cloudWatchMetric().orElseThrow(() ->
                new IllegalArgumentException("target " + target.targetId() + " has no CloudWatch metric"));
        List<LoadSample> samples = new ArrayList<>();
        if (!from.isBefore(to)) {
            return samples;
        }
        List<MetricDataQuery> queries = queries(metric);
        String nextToken = null;
        do {
            GetMetricDataRequest request = GetMetricDataRequest.builder()
                    .metricDataQueries(queries)
                    .startTime(from)
                    .endTime(to)
                    .scanBy(ScanBy.TIMESTAMP_ASCENDING)
                    .nextToken(nextToken)
                    .build();
            GetMetricDataResponse page = retry.call("GetMetricData for " + target.targetId(),
                    () -> cloudWatch.getMetricData(request));
            for (MetricDataResult result : page.metricDataResults()) {
                if (!result.id().equals("load")) {
                    continue;
                }
                for (int i = 0; i < result.timestamps().size(); i++) {
                    double value = result.values().get(i);
                    // CloudWatch can return NaN/negative from metric math; such points are not load.
                    if (Double.isFinite(value) && value >= 0) {
                        samples.add(new LoadSample(target.metricId(), result.timestamps().get(i), value,
                                metric.name(), "cloudwatch"));
                    }
                }
            }
            nextToken = page.nextToken();
        } while (nextToken != null && !nextToken.isEmpty());
        return samples;
    }

    private static List<MetricDataQuery> queries(CloudWatchMetric metric) {
        List<Dimension> dimensions = new ArrayList<>();
        metric.dimensions().forEach((k, v) -> dimensions.add(Dimension.builder().name(k).value(v).build()));
        MetricStat stat = MetricStat.builder()
                .metric(Metric.builder().namespace(metric.namespace()).metricName(metric.name())
                        .dimensions(dimensions).build())
                .stat(metric.stat())
                .period(metric.periodSeconds())
                .build();
        if (metric.expression().isEmpty()) {
            return List.of(MetricDataQuery.builder().id("load").metricStat(stat).returnData(true).build());
        }
        return List.of(
                MetricDataQuery.builder().id("m1").metricStat(stat).returnData(false).build(),
                MetricDataQuery.builder().id("load").expression(metric.expression())
                        .period(metric.periodSeconds()).returnData(true).build());
    }
}
