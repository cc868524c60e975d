package io.predictivescaling.functions.predictandscale;

import io.predictivescaling.aws.AwsClients;
import io.predictivescaling.aws.Retry;
import io.predictivescaling.aws.Settings;
import io.predictivescaling.events.DynamoDbEventStore;
import io.predictivescaling.feedback.DynamoDbFeedbackStore;
import io.predictivescaling.metrics.DynamoDbTimeSeriesStore;
import io.predictivescaling.patterns.DynamoDbPatternStore;
import io.predictivescaling.scaling.ApplicationAutoScalingGateway;
import io.predictivescaling.scaling.WriteOnChangePredictionStore;
import io.predictivescaling.common.EventBridgePublisher;
import io.predictivescaling.scaling.PredictAndScaleService;
import io.predictivescaling.scaling.PlanInputs;
import io.predictivescaling.sentiment.DynamoDbSignalStore;
import io.predictivescaling.targets.DynamoDbTargetRepository;
import java.time.Duration;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * The one place predict-and-scale is wired: the Lambda handler, the CLI's {@code demo}, {@code bench-scale} and
 * {@code invoke}, and the tests all build the service here, so none of them can wire it differently.
 */
public final class PredictAndScaleWiring {
    private PredictAndScaleWiring() {
    }

    /** The tables and the event bus the function reads and writes (template.yaml's names for them). */
    public record Tables(String targets, String metrics, String patterns, String predictions, String accuracy,
                         String signals, String events, String eventBus) {

        /** From the function's environment (TARGETS_TABLE, ..., EVENT_BUS_NAME); a missing one is a clear error. */
        public static Tables fromEnvironment() {
            return new Tables(Settings.required("TARGETS_TABLE"), Settings.required("METRICS_TABLE"),
                    Settings.required("PATTERNS_TABLE"), Settings.required("PREDICTIONS_TABLE"),
                    Settings.required("ACCURACY_TABLE"), Settings.required("SIGNALS_TABLE"),
                    Settings.required("EVENTS_TABLE"), Settings.required("EVENT_BUS_NAME"));
        }
    }

    /**
     * @param history how much history predictions learn from (28 days: four weekly cycles)
     * @param threads how many targets are planned in parallel
     */
    public static PredictAndScaleService of(DynamoDbClient dynamo, ApplicationAutoScalingClient aas,
                                            EventBridgeClient bridge, Retry retry, Tables tables, Duration history,
                                            int threads) {
        // The same table keeps each metric's history digest: a run reads it and the samples since, not 28 days.
        DynamoDbTimeSeriesStore metrics = new DynamoDbTimeSeriesStore(dynamo, tables.metrics(),
                Settings.days("METRICS_RETENTION_DAYS", 400), retry);
        return new PredictAndScaleService(
                new DynamoDbTargetRepository(dynamo, tables.targets(), retry),
                metrics,
                new DynamoDbPatternStore(dynamo, tables.patterns(), retry),
                new WriteOnChangePredictionStore(dynamo, tables.predictions(), retry),
                new ApplicationAutoScalingGateway(aas, retry),
                new EventBridgePublisher(bridge, tables.eventBus(), retry),
                new PlanInputs(new DynamoDbFeedbackStore(dynamo, tables.predictions(), tables.accuracy(), retry),
                        new DynamoDbSignalStore(dynamo, tables.signals(), retry),
                        new DynamoDbEventStore(dynamo, tables.events(), retry)),
                history, threads, metrics);
    }

    /** What the Lambda runs: clients built once per container, settings from the environment. */
    public static PredictAndScaleService fromEnvironment() {
        return of(AwsClients.dynamoDb(), AwsClients.applicationAutoScaling(), AwsClients.eventBridge(),
                Retry.standard(), Tables.fromEnvironment(),
                Duration.ofDays(Settings.number("PREDICTION_HISTORY_DAYS", 28)),
                (int) Settings.number("PARALLEL_TARGETS", 8));
    }
}
