package io.predictivescaling.functions.fetchevents;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import io.predictivescaling.common.EmbeddedMetricFormat;
import io.predictivescaling.events.FetchEventsService;
import io.predictivescaling.events.KnownEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** fetch-events: hourly pulls of calendars and feeds, and pushed {@code ExternalEvent}s with their cascades. */
public class FetchEventsHandler implements RequestHandler<ScheduledEvent, FetchEventsService.Result> {
    public static final String EXTERNAL_EVENT = "ExternalEvent";
    private final FetchEventsService service;
    private final Clock clock;

    public FetchEventsHandler() {
        this(FetchEventsWiring.fromEnvironment(), Clock.systemUTC());
    }

    public FetchEventsHandler(FetchEventsService service, Clock clock) {
        this.service = service;
        this.clock = clock;
    }

    @Override
    public FetchEventsService.Result handleRequest(ScheduledEvent event, Context context) {
        FetchEventsService.Result result = EXTERNAL_EVENT.equals(event.getDetailType())
                ? service.push(pushed(event.getDetail(), event.getSource()), clock.instant())
                : service.pull(clock.instant());
        result.added()
                .forEach(e -> context.getLogger().log("new event " + e.id() + " from " + e.source(), LogLevel.INFO));
        result.problems().forEach(p -> context.getLogger().log(p, LogLevel.ERROR));
        result.skipped()
                .forEach((why, count) ->
                        context.getLogger().log("skipped " + count + " item(s), " + why, LogLevel.INFO));
        result.failures()
                .forEach((source, count) ->
                        EmbeddedMetricFormat.count(System.out, clock, "EventSourceFailures", "Source", source, count));
        return result;
    }

    /** {"type": "game_server_down", "name": "...", "start": ISO, "end": ISO (default start + 1 h), "impact": 0.5} */
    static KnownEvent pushed(Map<String, Object> detail, String source) {
        if (detail == null || detail.get("type") == null || detail.get("start") == null) {
            throw new IllegalArgumentException("an ExternalEvent needs detail.type and detail.start (ISO-8601)");
        }
        Instant start = Instant.parse(detail.get("start").toString());
        Instant end = detail.get("end") == null
                ? start.plus(Duration.ofHours(1))
                : Instant.parse(detail.get("end").toString());
        Object name = detail.getOrDefault("name", detail.get("type"));
        double impact = detail.get("impact") instanceof Number n ? n.doubleValue() : Double.NaN;
        return new KnownEvent(detail.get("type").toString(), name.toString(), start, end, source, impact);
    }
}
