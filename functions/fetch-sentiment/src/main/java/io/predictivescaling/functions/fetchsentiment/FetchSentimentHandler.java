package io.predictivescaling.functions.fetchsentiment;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import io.predictivescaling.common.EmbeddedMetricFormat;
import io.predictivescaling.sentiment.FetchSentimentService;
import java.time.Clock;
import java.util.Locale;

/** fetch-sentiment: every few minutes, social mentions of each target's keywords become signals. */
public class FetchSentimentHandler implements RequestHandler<ScheduledEvent, FetchSentimentService.Result> {
    private final FetchSentimentService service;
    private final Clock clock;

    public FetchSentimentHandler() {
        this(FetchSentimentWiring.fromEnvironment(), Clock.systemUTC());
    }

    public FetchSentimentHandler(FetchSentimentService service, Clock clock) {
        this.service = service;
        this.clock = clock;
    }

    @Override
    public FetchSentimentService.Result handleRequest(ScheduledEvent event, Context context) {
        FetchSentimentService.Result result = service.run(clock.instant());
        result.signals()
                .forEach(s -> context.getLogger()
                        .log(
                                FetchSentimentService.describe(s)
                                        + (s.fired()
                                                ? " TRENDING (hype " + String.format(Locale.ROOT, "%.2f", s.hype())
                                                        + ")"
                                                : ""),
                                s.fired() ? LogLevel.WARN : LogLevel.INFO));
        result.problems().forEach(p -> context.getLogger().log(p, LogLevel.ERROR));
        // One embedded-metric-format line per failing source: the SourceFailures metric, by Source.
        result.failures()
                .forEach((source, count) ->
                        EmbeddedMetricFormat.count(System.out, clock, "SourceFailures", "Source", source, count));
        return result;
    }
}
