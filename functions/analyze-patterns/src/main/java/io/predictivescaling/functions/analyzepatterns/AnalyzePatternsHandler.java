package io.predictivescaling.functions.analyzepatterns;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import io.predictivescaling.aws.AwsClients;
import io.predictivescaling.aws.Retry;
import io.predictivescaling.aws.Settings;
import io.predictivescaling.metrics.DynamoDbTimeSeriesStore;
import io.predictivescaling.patterns.AnalyzePatternsService;
import io.predictivescaling.patterns.DynamoDbPatternStore;
import io.predictivescaling.targets.DynamoDbTargetRepository;
import java.time.Clock;
import java.time.Duration;

/** analyze-patterns: hourly, re-learns every target metric's patterns from its hourly history. */
public class AnalyzePatternsHandler implements RequestHandler<ScheduledEvent, AnalyzePatternsService.Result> {
    private final AnalyzePatternsService service;
    private final Clock clock;

    public AnalyzePatternsHandler() {
        this(fromEnvironment(), Clock.systemUTC());
    }

    public AnalyzePatternsHandler(AnalyzePatternsService service, Clock clock) {
        this.service = service;
        this.clock = clock;
    }

    @Override
    public AnalyzePatternsService.Result handleRequest(ScheduledEvent event, Context context) {
        AnalyzePatternsService.Result result = service.run(clock.instant());
        result.learned().forEach(line -> context.getLogger().log("learned " + line, LogLevel.INFO));
        result.problems().forEach(line -> context.getLogger().log("skipped " + line, LogLevel.WARN));
        return result;
    }

    private static AnalyzePatternsService fromEnvironment() {
        Retry retry = Retry.standard();
        var dynamo = AwsClients.dynamoDb();
        return new AnalyzePatternsService(
                new DynamoDbTargetRepository(dynamo, Settings.required("TARGETS_TABLE"), retry),
                new DynamoDbTimeSeriesStore(dynamo, Settings.required("METRICS_TABLE"),
                        Settings.days("METRICS_RETENTION_DAYS", 400), retry),
                new DynamoDbPatternStore(dynamo, Settings.required("PATTERNS_TABLE"), retry),
                Duration.ofDays(Settings.number("PATTERN_HISTORY_DAYS", 56)));
    }
}
