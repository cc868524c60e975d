package io.predictivescaling.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the configured event sources from JSON (EVENT_SOURCES), e.g.
 * {@code [{"type": "ical", "name": "esports", "url": "https://example.com/lol-worlds.ics", "eventType": "tournament",
 * "impact": 0.6}, {"type": "rss", "name": "game-news", "url": "https://example.com/news.xml", "rules":
 * [{"keyword": "release date", "eventType": "game_release", "impact": 0.8, "duration": "PT12H"}]}]}.
 * An {@code ical} source may also set {@code timeZone} (where its floating times and all-day dates are when the
 * calendar declares no X-WR-TIMEZONE: the zone of the targets it serves; default UTC; IANA or Windows names) and
 * {@code lookAhead} (ISO-8601 duration, default P60D: how far ahead recurring events are expanded). A {@code csv}
 * source is a calendar file at a URL in the layout the backtest's {@code --events} takes.
 */
public final class EventSourceRegistry {
    private EventSourceRegistry() {}

    public static List<EventSource> fromJson(String json, Duration timeout) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("EVENT_SOURCES is not JSON: " + e.getMessage(), e);
        }
        List<EventSource> sources = new ArrayList<>();
        for (JsonNode s : root) {
            String name = s.path("name").asText(s.path("type").asText());
            URI url;
            try {
                url = new URI(s.path("url").asText());
            } catch (java.net.URISyntaxException e) {
                sources.add(unusable(name, "url '" + s.path("url").asText() + "' is not a URL: " + e.getReason()));
                continue;
            }
            sources.add(
                    switch (s.path("type").asText()) {
                        case "ical" ->
                            new ICalendarSource(
                                    name,
                                    url,
                                    s.path("eventType").asText("event"),
                                    s.path("impact").asDouble(0),
                                    timeout,
                                    zone(s.path("timeZone").asText("UTC")),
                                    Duration.parse(s.path("lookAhead").asText(ICalendarSource.LOOK_AHEAD.toString())));
                        case "rss" -> {
                            List<RssEventSource.Rule> rules = new ArrayList<>();
                            s.path("rules")
                                    .forEach(r -> rules.add(new RssEventSource.Rule(
                                            r.path("keyword").asText(),
                                            r.path("eventType").asText("event"),
                                            r.path("impact").asDouble(0),
                                            Duration.parse(r.path("duration").asText("PT6H")))));
                            yield new RssEventSource(name, url, rules, timeout);
                        }
                        case "csv" -> new CsvEventSource(name, url, timeout);
                        default ->
                            throw new IllegalArgumentException("unknown event source type '"
                                    + s.path("type").asText() + "': ical, rss or csv");
                    });
        }
        return sources;
    }

    /** A misconfigured source: it fails on every pull, alone, with the reason (the others still run). */
    private static EventSource unusable(String name, String why) {
        return new EventSource() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Fetched fetch(java.time.Instant now) {
                throw new io.predictivescaling.common.SourceException(name, "refused", why, null);
            }
        };
    }

    private static java.time.ZoneId zone(String name) {
        return TimeZones.resolve(name)
                .orElseThrow(() -> new IllegalArgumentException(
                        "EVENT_SOURCES: unknown timeZone '" + name + "': use an IANA zone such as America/New_York"));
    }
}
