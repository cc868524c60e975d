package io.predictivescaling.functions.analyzepatterns;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import io.predictivescaling.patterns.AnalyzePatternsService;
import java.time.Clock;

/** analyze-patterns: every 6 hours by default (PatternSchedule), re-learns every target metric's patterns from its hourly history. */
public class AnalyzePatternsHandler implements RequestHandler<ScheduledEvent, AnalyzePatternsService.Result> {
    private final AnalyzePatternsService service;
    private final Clock clock;

    public AnalyzePatternsHandler() {
        this(AnalyzePatternsWiring.fromEnvironment(), Clock.systemUTC());
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
}
