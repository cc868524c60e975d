package io.predictivescaling.functions.analyzepatterns;

import io.predictivescaling.aws.AwsClients;
import io.predictivescaling.aws.Retry;
import io.predictivescaling.common.Env;
import io.predictivescaling.metrics.DynamoDbTimeSeriesStore;
import io.predictivescaling.patterns.AnalyzePatternsService;
import io.predictivescaling.patterns.DynamoDbPatternStore;
import io.predictivescaling.targets.DynamoDbTargetRepository;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The one place analyze-patterns is wired: the Lambda handler, the CLI's {@code demo} and the tests build the
 * service here, so none of them can wire it differently.
 */
public final class AnalyzePatternsWiring {
    /**
     * The environment variables this function reads (template.yaml sets exactly these for it; TemplateSafetyTest
     * checks that); names and defaults are in {@link Env}.
     */
    public static final Set<Env> ENVIRONMENT = Collections.unmodifiableSet(EnumSet.of(
            Env.TARGETS_TABLE,
            Env.METRICS_TABLE,
            Env.PATTERNS_TABLE,
            Env.METRICS_RETENTION_DAYS,
            Env.PATTERN_HISTORY_DAYS));

    private AnalyzePatternsWiring() {}

    /**
     * The tables the function reads and writes (template.yaml's names for them).
     *
     * @param targets  the targets table
     * @param metrics  the metrics table the history is read from
     * @param patterns the patterns table the learned patterns are written to
     */
    public record Tables(String targets, String metrics, String patterns) {

        /** From the function's environment (TARGETS_TABLE, METRICS_TABLE, PATTERNS_TABLE). */
        public static Tables fromEnvironment() {
            return new Tables(Env.TARGETS_TABLE.text(), Env.METRICS_TABLE.text(), Env.PATTERNS_TABLE.text());
        }
    }

    /**
     * @param dynamo    client for the three tables
     * @param retry     retry policy for every DynamoDB call
     * @param tables    the tables' names
     * @param retention the metrics table's retention (items' TTL; 400 days in production)
     * @param history   how much history patterns are learned from (56 days in production: eight weekly cycles)
     */
    public static AnalyzePatternsService of(
            DynamoDbClient dynamo, Retry retry, Tables tables, Duration retention, Duration history) {
        return new AnalyzePatternsService(
                new DynamoDbTargetRepository(dynamo, tables.targets(), retry),
                new DynamoDbTimeSeriesStore(dynamo, tables.metrics(), retention, retry),
                new DynamoDbPatternStore(dynamo, tables.patterns(), retry),
                history);
    }

    /**
     * What the Lambda runs: clients built once per container, {@link Retry#standard()}, retention from
     * METRICS_RETENTION_DAYS (default 400) and history from PATTERN_HISTORY_DAYS (default 56).
     */
    public static AnalyzePatternsService fromEnvironment() {
        return of(
                AwsClients.dynamoDb(),
                Retry.standard(),
                Tables.fromEnvironment(),
                Env.METRICS_RETENTION_DAYS.days(),
                Duration.ofDays(Env.PATTERN_HISTORY_DAYS.number()));
    }
}
