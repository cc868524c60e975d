package io.predictivescaling.functions.scorefeedback;

import io.predictivescaling.aws.AwsClients;
import io.predictivescaling.aws.Retry;
import io.predictivescaling.common.Env;
import io.predictivescaling.feedback.AccuracyMetrics;
import io.predictivescaling.feedback.DynamoDbFeedbackStore;
import io.predictivescaling.feedback.MetricsEmitter;
import io.predictivescaling.feedback.ScoreFeedbackService;
import io.predictivescaling.metrics.DynamoDbTimeSeriesStore;
import io.predictivescaling.targets.DynamoDbTargetRepository;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The one place score-feedback is wired: the Lambda handler, the CLI's {@code demo} and the tests build the service
 * here, so none of them can wire it differently.
 */
public final class ScoreFeedbackWiring {
    /**
     * The environment variables this function reads (template.yaml sets exactly these for it; TemplateSafetyTest
     * checks that); names and defaults are in {@link Env}.
     */
    public static final Set<Env> ENVIRONMENT = Collections.unmodifiableSet(EnumSet.of(
            Env.TARGETS_TABLE,
            Env.METRICS_TABLE,
            Env.PREDICTIONS_TABLE,
            Env.ACCURACY_TABLE,
            Env.METRICS_RETENTION_DAYS,
            Env.PER_TARGET_METRICS));

    private ScoreFeedbackWiring() {}

    /**
     * The tables the function reads and writes (template.yaml's names for them).
     *
     * @param targets     the targets table
     * @param metrics     the metrics table the actual load is read from
     * @param predictions the predictions table whose matured predictions are scored
     * @param accuracy    the accuracy table the scores are aggregated into
     */
    public record Tables(String targets, String metrics, String predictions, String accuracy) {

        /** From the function's environment (TARGETS_TABLE, METRICS_TABLE, PREDICTIONS_TABLE, ACCURACY_TABLE). */
        public static Tables fromEnvironment() {
            return new Tables(
                    Env.TARGETS_TABLE.text(),
                    Env.METRICS_TABLE.text(),
                    Env.PREDICTIONS_TABLE.text(),
                    Env.ACCURACY_TABLE.text());
        }
    }

    /**
     * @param dynamo    client for all four tables
     * @param retry     retry policy for every DynamoDB call
     * @param tables    the tables' names
     * @param retention the metrics table's retention (items' TTL; 400 days in production)
     * @param emitter   where the accuracy metrics go ({@link MetricsEmitter#NONE} to drop them)
     */
    public static ScoreFeedbackService of(
            DynamoDbClient dynamo, Retry retry, Tables tables, Duration retention, MetricsEmitter emitter) {
        return new ScoreFeedbackService(
                new DynamoDbTargetRepository(dynamo, tables.targets(), retry),
                new DynamoDbTimeSeriesStore(dynamo, tables.metrics(), retention, retry),
                new DynamoDbFeedbackStore(dynamo, tables.predictions(), tables.accuracy(), retry),
                emitter);
    }

    /**
     * What the Lambda runs: clients built once per container, {@link Retry#standard()}, retention from
     * METRICS_RETENTION_DAYS (default 400), metrics as embedded-metric-format lines on stdout, per target too only when
     * PER_TARGET_METRICS is true.
     *
     * @param clock the clock that stamps the metrics (the handler's, so a run's metrics carry its "now")
     */
    public static ScoreFeedbackService fromEnvironment(Clock clock) {
        return of(
                AwsClients.dynamoDb(),
                Retry.standard(),
                Tables.fromEnvironment(),
                Env.METRICS_RETENTION_DAYS.days(),
                new AccuracyMetrics(System.out, clock, Env.PER_TARGET_METRICS.flag()));
    }
}
