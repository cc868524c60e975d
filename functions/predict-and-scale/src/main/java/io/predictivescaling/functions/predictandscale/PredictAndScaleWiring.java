package io.predictivescaling.functions.predictandscale;

import io.predictivescaling.aws.AwsClients;
import io.predictivescaling.aws.Retry;
import io.predictivescaling.aws.Settings;
import io.predictivescaling.common.Env;
import io.predictivescaling.common.EventBridgePublisher;
import io.predictivescaling.events.DynamoDbEventStore;
import io.predictivescaling.feedback.DynamoDbFeedbackStore;
import io.predictivescaling.metrics.DynamoDbTimeSeriesStore;
import io.predictivescaling.patterns.DynamoDbPatternStore;
import io.predictivescaling.scaling.ApplicationAutoScalingGateway;
import io.predictivescaling.scaling.DynamoDbSpikeAnnouncements;
import io.predictivescaling.scaling.PlanInputs;
import io.predictivescaling.scaling.PredictAndScaleService;
import io.predictivescaling.scaling.WriteOnChangePredictionStore;
import io.predictivescaling.sentiment.DynamoDbSignalStore;
import io.predictivescaling.targets.DynamoDbTargetRepository;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * The one place predict-and-scale is wired: the Lambda handler, the CLI's {@code demo}, {@code bench-scale} and
 * {@code invoke}, and the tests all build the service here, so none of them can wire it differently.
 */
public final class PredictAndScaleWiring {
    /**
     * The environment variables this function reads (template.yaml sets exactly these for it; TemplateSafetyTest
     * checks that); names and defaults are in {@link Env}.
     */
    public static final Set<Env> ENVIRONMENT = Collections.unmodifiableSet(EnumSet.of(
            Env.TARGETS_TABLE,
            Env.METRICS_TABLE,
            Env.PATTERNS_TABLE,
            Env.PREDICTIONS_TABLE,
            Env.ACCURACY_TABLE,
            Env.SIGNALS_TABLE,
            Env.EVENTS_TABLE,
            Env.EVENT_BUS_NAME,
            Env.METRICS_RETENTION_DAYS,
            Env.PREDICTION_HISTORY_DAYS,
            Env.PARALLEL_TARGETS,
            Env.MAX_SIGNAL_UPLIFT,
            Env.LEASE_TABLE,
            Env.PLAN_QUEUE_URL,
            Env.LEASE_SECONDS));

    private PredictAndScaleWiring() {}

    /** The tables and the event bus the function reads and writes (template.yaml's names for them). */
    public record Tables(
            String targets,
            String metrics,
            String patterns,
            String predictions,
            String accuracy,
            String signals,
            String events,
            String eventBus) {

        /** From the function's environment (TARGETS_TABLE, ..., EVENT_BUS_NAME); a missing one is a clear error. */
        public static Tables fromEnvironment() {
            return new Tables(
                    Env.TARGETS_TABLE.text(),
                    Env.METRICS_TABLE.text(),
                    Env.PATTERNS_TABLE.text(),
                    Env.PREDICTIONS_TABLE.text(),
                    Env.ACCURACY_TABLE.text(),
                    Env.SIGNALS_TABLE.text(),
                    Env.EVENTS_TABLE.text(),
                    Env.EVENT_BUS_NAME.text());
        }
    }

    /**
     * @param history how much history predictions learn from (28 days: four weekly cycles)
     * @param threads how many targets are planned in parallel
     */
    public static PredictAndScaleService of(
            DynamoDbClient dynamo,
            ApplicationAutoScalingClient aas,
            EventBridgeClient bridge,
            Retry retry,
            Tables tables,
            Duration history,
            int threads) {
        return of(dynamo, aas, bridge, retry, tables, history, threads, null);
    }

    /**
     * @param leaseTable the lease table, which also remembers each target's last announced spike so an unchanged
     *     spike is not announced every run; null announces the plan's spike every run
     */
    public static PredictAndScaleService of(
            DynamoDbClient dynamo,
            ApplicationAutoScalingClient aas,
            EventBridgeClient bridge,
            Retry retry,
            Tables tables,
            Duration history,
            int threads,
            String leaseTable) {
        // The same table keeps each metric's history digest: a run reads it and the samples since, not 28 days.
        DynamoDbTimeSeriesStore metrics =
                new DynamoDbTimeSeriesStore(dynamo, tables.metrics(), Env.METRICS_RETENTION_DAYS.days(), retry);
        return PredictAndScaleService.builder()
                .targets(new DynamoDbTargetRepository(dynamo, tables.targets(), retry))
                .metrics(metrics)
                .patterns(new DynamoDbPatternStore(dynamo, tables.patterns(), retry))
                .predictions(new WriteOnChangePredictionStore(dynamo, tables.predictions(), retry))
                .gateway(new ApplicationAutoScalingGateway(aas, retry))
                .publisher(new EventBridgePublisher(bridge, tables.eventBus(), retry))
                .inputs(new PlanInputs(
                        new DynamoDbFeedbackStore(dynamo, tables.predictions(), tables.accuracy(), retry),
                        new DynamoDbSignalStore(dynamo, tables.signals(), retry),
                        new DynamoDbEventStore(dynamo, tables.events(), retry)))
                .history(history)
                .threads(threads)
                .digests(metrics)
                .announcements(leaseTable == null ? null : new DynamoDbSpikeAnnouncements(dynamo, leaseTable, retry))
                .build();
    }

    /** What the Lambda runs: clients built once per container, settings from the environment. */
    public static PredictAndScaleService fromEnvironment() {
        return fromEnvironment(AwsClients.dynamoDb());
    }

    /**
     * As {@link #fromEnvironment()}, on a DynamoDB client the caller shares (the queue handler's lease store uses
     * the same one: each client built costs the Lambda's cold start its own HTTP client and endpoint setup).
     */
    public static PredictAndScaleService fromEnvironment(DynamoDbClient dynamo) {
        return of(
                dynamo,
                AwsClients.build(ApplicationAutoScalingClient.builder()),
                AwsClients.build(EventBridgeClient.builder()),
                Retry.standard(),
                Tables.fromEnvironment(),
                Duration.ofDays(Env.PREDICTION_HISTORY_DAYS.number()),
                (int) Env.PARALLEL_TARGETS.number(),
                // Set by the template; a run without it (a local whole-table run) announces spikes every run.
                Settings.optional(Env.LEASE_TABLE.name(), null));
    }
}
