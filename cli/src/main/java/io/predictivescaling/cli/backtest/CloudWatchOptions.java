package io.predictivescaling.cli.backtest;

import io.predictivescaling.aws.AwsClients;
import io.predictivescaling.aws.Retry;
import io.predictivescaling.cli.local.AwsEndpoint;
import io.predictivescaling.metrics.CloudWatchHistory;
import io.predictivescaling.targets.CloudWatchMetric;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/** Where a metric's history is read from CloudWatch: {@code --cloudwatch NAMESPACE:METRIC} and its options. */
public final class CloudWatchOptions {
    @Option(
            names = "--cloudwatch",
            paramLabel = "NAMESPACE:METRIC",
            description = "Read the history from CloudWatch "
                    + "with GetMetricData, e.g. AWS/ApplicationELB:RequestCount (instead of --trace)")
    String metric;

    @Option(
            names = "--dimension",
            paramLabel = "NAME=VALUE",
            description = "A dimension of the metric, repeatable "
                    + "(all of the metric's dimensions are needed), e.g. LoadBalancer=app/web/123")
    List<String> dimensions = List.of();

    @Option(
            names = "--stat",
            defaultValue = "Sum",
            description = "Statistic: Sum, Average, Maximum, p95, ... "
                    + "(for Sum and SampleCount a period without a datapoint is 0)")
    String stat;

    @Option(
            names = "--period",
            defaultValue = "5m",
            description = "Period, e.g. 1m, 5m, 1h (" + "raised where CloudWatch no longer keeps it for data this old)")
    String period;

    @Option(names = "--days", defaultValue = "14", description = "How many days back from now")
    int days;

    @Mixin
    AwsEndpoint aws = new AwsEndpoint();

    boolean given() {
        return metric != null;
    }

    /** The metric as the targets table would configure it. */
    CloudWatchMetric cloudWatchMetric() {
        int colon = metric.lastIndexOf(':');
        if (colon <= 0 || colon == metric.length() - 1) {
            throw new IllegalArgumentException(
                    "--cloudwatch '" + metric + "' is not NAMESPACE:METRIC, e.g. " + "AWS/ApplicationELB:RequestCount");
        }
        Map<String, String> dims = new LinkedHashMap<>();
        for (String d : dimensions) {
            int eq = d.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(
                        "--dimension '" + d + "' is not NAME=VALUE, e.g. LoadBalancer=app/web/123");
            }
            dims.put(d.substring(0, eq), d.substring(eq + 1));
        }
        Duration p = BacktestCommand.duration(period);
        if (days <= 0) {
            throw new IllegalArgumentException("--days must be at least 1, got " + days);
        }
        return new CloudWatchMetric(
                metric.substring(0, colon), metric.substring(colon + 1), dims, stat, (int) p.getSeconds(), "");
    }

    /** The history of the last {@code --days}, up to the last whole period. */
    CloudWatchHistory.History read() {
        CloudWatchMetric m = cloudWatchMetric();
        aws.use();
        Instant to = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        return new CloudWatchHistory(AwsClients.build(CloudWatchClient.builder()), Retry.standard())
                .read(m, to.minus(Duration.ofDays(days)), to);
    }

    /** A name for the trace, e.g. {@code AWS/ApplicationELB:RequestCount Sum}. */
    String label() {
        return metric + " " + stat;
    }
}
