package io.predictivescaling.functions.scorefeedback;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import io.predictivescaling.aws.AwsClients;
import io.predictivescaling.aws.Retry;
import io.predictivescaling.aws.Settings;
import io.predictivescaling.feedback.DynamoDbFeedbackStore;
import io.predictivescaling.feedback.EmbeddedMetricFormat;
import io.predictivescaling.feedback.ScoreFeedbackService;
import io.predictivescaling.metrics.DynamoDbTimeSeriesStore;
import io.predictivescaling.targets.DynamoDbTargetRepository;
import java.time.Clock;

/** score-feedback: hourly, scores matured predictions and feeds the result back into signal confidence. */
public class ScoreFeedbackHandler implements RequestHandler<ScheduledEvent, ScoreFeedbackService.Result> {
    private final ScoreFeedbackService service;
    private final Clock clock;

    public ScoreFeedbackHandler() {
        this(Clock.systemUTC());
    }

    /** Wired from the environment, on {@code clock} for both the run's "now" and its metrics' timestamps. */
    ScoreFeedbackHandler(Clock clock) {
        this(fromEnvironment(clock), clock);
    }

    public ScoreFeedbackHandler(ScoreFeedbackService service, Clock clock) {
        this.service = service;
        this.clock = clock;
    }

    @Override
    public ScoreFeedbackService.Result handleRequest(ScheduledEvent event, Context context) {
        ScoreFeedbackService.Result result = service.run(clock.instant());
        result.lines().forEach(line -> context.getLogger().log(line, LogLevel.INFO));
        result.problems().forEach(line -> context.getLogger().log(line, LogLevel.WARN));
        return result;
    }

    private static ScoreFeedbackService fromEnvironment(Clock clock) {
        Retry retry = Retry.standard();
        var dynamo = AwsClients.dynamoDb();
        return new ScoreFeedbackService(
                new DynamoDbTargetRepository(dynamo, Settings.required("TARGETS_TABLE"), retry),
                new DynamoDbTimeSeriesStore(dynamo, Settings.required("METRICS_TABLE"),
                        Settings.days("METRICS_RETENTION_DAYS", 400), retry),
                new DynamoDbFeedbackStore(dynamo, Settings.required("PREDICTIONS_TABLE"),
                        Settings.required("ACCURACY_TABLE"), retry),
                new EmbeddedMetricFormat(System.out, clock));
    }
}
