package io.predictivescaling.functions.recordmetrics;

import io.predictivescaling.aws.AwsClients;
import io.predictivescaling.aws.Retry;
import io.predictivescaling.common.Env;
import io.predictivescaling.metrics.CloudWatchMetricSource;
import io.predictivescaling.metrics.DynamoDbTimeSeriesStore;
import io.predictivescaling.metrics.RecordMetricsService;
import io.predictivescaling.targets.DynamoDbTargetRepository;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The one place record-metrics is wired: the Lambda handler, the CLI and the tests build the service here, so none
 * of them can wire it differently.
 */
public final class RecordMetricsWiring {
    /**
     * The environment variables this function reads (template.yaml sets exactly these for it; TemplateSafetyTest
     * checks that); names and defaults are in {@link Env}.
     */
    public static final Set<Env> ENVIRONMENT = Collections.unmodifiableSet(
            EnumSet.of(Env.TARGETS_TABLE, Env.METRICS_TABLE, Env.METRICS_RETENTION_DAYS, Env.MAX_CATCH_UP_HOURS));

    private RecordMetricsWiring() {}

    /**
     * The tables the function reads and writes (template.yaml's names for them).
     *
     * @param targets the targets table (which metrics to pull)
     * @param metrics the metrics table the samples are written to
     */
    public record Tables(String targets, String metrics) {

        /** From the function's environment (TARGETS_TABLE, METRICS_TABLE); a missing one is a clear error. */
        public static Tables fromEnvironment() {
            return new Tables(Env.TARGETS_TABLE.text(), Env.METRICS_TABLE.text());
        }
    }

    /**
     * @param dynamo     client for the targets and metrics tables
     * @param cloudWatch client the scheduled pull reads metrics with ({@code GetMetricData})
     * @param retry      retry policy for every AWS call
     * @param tables     the tables' names
     * @param maxCatchUp how far back a pull reaches after missed runs (3 hours in production)
     * @param retention  how long stored samples are kept (the items' TTL; 400 days in production)
     */
    public static RecordMetricsService of(
            DynamoDbClient dynamo,
            CloudWatchClient cloudWatch,
            Retry retry,
            Tables tables,
            Duration maxCatchUp,
            Duration retention) {
        return new RecordMetricsService(
                new DynamoDbTargetRepository(dynamo, tables.targets(), retry),
                new CloudWatchMetricSource(cloudWatch, retry),
                new DynamoDbTimeSeriesStore(dynamo, tables.metrics(), retention, retry),
                maxCatchUp,
                retention);
    }

    /**
     * What the Lambda runs: clients built once per container, {@link Retry#standard()}, catch-up from
     * MAX_CATCH_UP_HOURS (default 3) and retention from METRICS_RETENTION_DAYS (default 400).
     */
    public static RecordMetricsService fromEnvironment() {
        return of(
                AwsClients.dynamoDb(),
                AwsClients.build(CloudWatchClient.builder()),
                Retry.standard(),
                Tables.fromEnvironment(),
                Duration.ofHours(Env.MAX_CATCH_UP_HOURS.number()),
                Env.METRICS_RETENTION_DAYS.days());
    }
}
