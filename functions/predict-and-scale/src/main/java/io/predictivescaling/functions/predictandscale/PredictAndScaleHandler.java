package io.predictivescaling.functions.predictandscale;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import io.predictivescaling.aws.AwsClients;
import io.predictivescaling.aws.Retry;
import io.predictivescaling.aws.Settings;
import io.predictivescaling.feedback.DynamoDbFeedbackStore;
import io.predictivescaling.metrics.DynamoDbTimeSeriesStore;
import io.predictivescaling.patterns.DynamoDbPatternStore;
import io.predictivescaling.scaling.ApplicationAutoScalingGateway;
import io.predictivescaling.scaling.WriteOnChangePredictionStore;
import io.predictivescaling.scaling.EventBridgePublisher;
import io.predictivescaling.events.DynamoDbEventStore;
import io.predictivescaling.scaling.PredictAndScaleService;
import io.predictivescaling.scaling.Signals;
import io.predictivescaling.sentiment.DynamoDbSignalStore;
import io.predictivescaling.targets.DynamoDbTargetRepository;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** predict-and-scale: every 5 minutes, predictions become capacity scheduled ahead of the load. */
public class PredictAndScaleHandler implements RequestHandler<ScheduledEvent, PredictAndScaleService.Result> {
    private final PredictAndScaleService service;
    private final Clock clock;

    public PredictAndScaleHandler() {
        this(fromEnvironment(), Clock.systemUTC());
    }

    public PredictAndScaleHandler(PredictAndScaleService service, Clock clock) {
        this.service = service;
        this.clock = clock;
    }

    @Override
    public PredictAndScaleService.Result handleRequest(ScheduledEvent event, Context context) {
        // A sharded schedule passes {"detail": {"shard": 2, "shards": 4}}; the default is one shard.
        Map<String, Object> detail = event.getDetail() == null ? Map.of() : event.getDetail();
        int shard = number(detail.get("shard"), 0);
        int shards = number(detail.get("shards"), 1);
        PredictAndScaleService.Result result = service.run(clock.instant(), shard, shards);
        result.lines().forEach(line -> context.getLogger().log(line, LogLevel.INFO));
        result.problems().forEach(line -> context.getLogger().log(line, LogLevel.ERROR));
        return result;
    }

    private static int number(Object value, int fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            return value instanceof Number n ? n.intValue() : Integer.parseInt(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("detail.shard and detail.shards must be whole numbers, got " + value, e);
        }
    }

    /** The service wired to the tables, Application Auto Scaling and the bus named in the environment. */
    static PredictAndScaleService fromEnvironment() {
        Retry retry = Retry.standard();
        var dynamo = AwsClients.dynamoDb();
        return new PredictAndScaleService(
                new DynamoDbTargetRepository(dynamo, Settings.required("TARGETS_TABLE"), retry),
                new DynamoDbTimeSeriesStore(dynamo, Settings.required("METRICS_TABLE"),
                        Settings.days("METRICS_RETENTION_DAYS", 400), retry),
                new DynamoDbPatternStore(dynamo, Settings.required("PATTERNS_TABLE"), retry),
                new WriteOnChangePredictionStore(dynamo, Settings.required("PREDICTIONS_TABLE"), retry),
                new ApplicationAutoScalingGateway(AwsClients.applicationAutoScaling(), retry),
                new EventBridgePublisher(AwsClients.eventBridge(), Settings.required("EVENT_BUS_NAME"), retry),
                new Signals(new DynamoDbFeedbackStore(dynamo, Settings.required("PREDICTIONS_TABLE"),
                        Settings.required("ACCURACY_TABLE"), retry),
                        new DynamoDbSignalStore(dynamo, Settings.required("SIGNALS_TABLE"), retry),
                        new DynamoDbEventStore(dynamo, Settings.required("EVENTS_TABLE"), retry)),
                Duration.ofDays(Settings.number("PREDICTION_HISTORY_DAYS", 28)),
                (int) Settings.number("PARALLEL_TARGETS", 8));
    }
}
