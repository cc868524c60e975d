package io.predictivescaling.functions.fetchevents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.predictivescaling.aws.Retry;
import io.predictivescaling.aws.local.TemplateTables;
import io.predictivescaling.events.DynamoDbEventStore;
import io.predictivescaling.events.FetchEventsService;
import io.predictivescaling.events.KnownEvent;
import io.predictivescaling.testing.LoopbackHttp;
import io.predictivescaling.testing.TestAws;
import io.predictivescaling.testing.TestContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/** fetch-events against moto, with .ics and RSS fixtures served on loopback (the real HTTP client path). */
class FetchEventsHandlerIT {
    static final Instant NOW = Instant.parse("2026-11-27T20:00:00Z");
    static final Retry RETRY = new Retry(3, Duration.ofMillis(1), Duration.ofMillis(5));
    static final String ICS = """
            BEGIN:VCALENDAR
            VERSION:2.0
            PRODID:-//esports//schedule//EN
            BEGIN:VEVENT
            UID:worlds-final@example.com
            DTSTAMP:20261101T000000Z
            DTSTART:20261129T150000Z
            DTEND:20261129T200000Z
            SUMMARY:Worlds Grand Final
            END:VEVENT
            BEGIN:VEVENT
            UID:old@example.com
            DTSTAMP:20261101T000000Z
            DTSTART:20261101T150000Z
            DTEND:20261101T200000Z
            SUMMARY:Already over
            END:VEVENT
            BEGIN:VEVENT
            UID:holiday@example.com
            DTSTAMP:20261101T000000Z
            DTSTART;VALUE=DATE:20261225
            SUMMARY:Christmas Day
            END:VEVENT
            END:VCALENDAR
            """.replace("\n", "\r\n");
    static final String RSS = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0"><channel><title>Game news</title>
            <item><title>YourGame 2 release date set</title><link>https://example.com/r</link>
              <pubDate>Sat, 28 Nov 2026 18:00:00 GMT</pubDate></item>
            <item><title>Patch 1.2 notes</title><link>https://example.com/p</link>
              <pubDate>Sat, 28 Nov 2026 10:00:00 GMT</pubDate></item>
            </channel></rss>""";

    final DynamoDbClient dynamo = TestAws.dynamoDb();
    LoopbackHttp server;
    String base;
    String table;
    String bus;

    @BeforeEach
    void setUp() {
        server = new LoopbackHttp();
        base = server.base();
        table = TemplateTables.create(dynamo, "EventsTable");
        bus = "bus-" + UUID.randomUUID().toString().substring(0, 8);
        try (EventBridgeClient events =
                TestAws.configure(EventBridgeClient.builder()).build()) {
            events.createEventBus(r -> r.name(bus));
        }
    }

    @AfterEach
    void stop() {
        server.close();
    }

    void serve(String path, int status, String body) {
        server.serve(path, status, body);
    }

    FetchEventsHandler handler(String sourcesJson) {
        return handler(sourcesJson, Duration.ofMillis(1500));
    }

    FetchEventsHandler handler(String sourcesJson, Duration timeout) {
        return new FetchEventsHandler(
                FetchEventsWiring.of(
                        dynamo,
                        TestAws.configure(EventBridgeClient.builder()).build(),
                        RETRY,
                        new FetchEventsWiring.Tables(table, bus),
                        sourcesJson,
                        timeout,
                        "{\"game_server_down\": [{\"after\": \"PT1M\", \"type\": \"traffic_spike\", "
                                + "\"impact\": 0.8, \"duration\": \"PT30M\"}, {\"after\": \"PT2M\", \"type\": "
                                + "\"support_flood\", \"impact\": 1.5, \"duration\": \"PT1H\"}]}"),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    String sources() {
        return "[{\"type\": \"ical\", \"name\": \"esports\", \"url\": \"" + base + "/worlds.ics\", "
                + "\"eventType\": \"tournament\", \"impact\": 0.6},"
                + "{\"type\": \"ical\", \"name\": \"esports-mirror\", \"url\": \"" + base + "/worlds.ics\", "
                + "\"eventType\": \"tournament\"},"
                + "{\"type\": \"rss\", \"name\": \"game-news\", \"url\": \"" + base + "/news.xml\", \"rules\": "
                + "[{\"keyword\": \"release date\", \"eventType\": \"game_release\", \"impact\": 0.8, \"duration\": \"PT12H\"}]}]";
    }

    @Test
    void upcomingEventsFromCalendarsAndFeedsAreStoredOnceAcrossSourcesAndRuns() {
        serve("/worlds.ics", 200, ICS);
        serve("/news.xml", 200, RSS);
        ScheduledEvent tick = EventLoader.loadScheduledEvent("events/fetch-events/scheduled.json");

        FetchEventsService.Result first = handler(sources()).handleRequest(tick, new TestContext());
        FetchEventsService.Result second = handler(sources()).handleRequest(tick, new TestContext());

        assertThat(first.added())
                .extracting(KnownEvent::id)
                .containsExactlyInAnyOrder(
                        "tournament|worlds grand final|2026-11-29",
                        "tournament|christmas day|2026-12-25",
                        "game_release|yourgame 2 release date set|2026-11-28");
        assertThat(first.problems()).isEmpty();
        // "Already over" is outside the look-ahead window; "Patch 1.2 notes" matches no rule: counted, not stored.
        assertThat(first.skipped())
                .containsEntry("esports: outside-window", 1)
                .containsEntry("game-news: no-keyword", 1);
        assertThat(second.added()).as("nothing is new the second time").isEmpty();
        List<KnownEvent> stored =
                new DynamoDbEventStore(dynamo, table, RETRY).between(NOW, NOW.plus(Duration.ofDays(40)));
        assertThat(stored).hasSize(3);
        assertThat(stored.stream()
                        .filter(e -> e.name().equals("Worlds Grand Final"))
                        .findFirst()
                        .orElseThrow()
                        .expectedImpact())
                .isEqualTo(0.6);
        assertThat(stored.stream()
                        .filter(e -> e.name().equals("Christmas Day"))
                        .findFirst()
                        .orElseThrow()
                        .end())
                .isEqualTo(Instant.parse("2026-12-26T00:00:00Z"));
    }

    @Test
    void aFailingSourceIsSkippedWithItsReasonAndTheOthersStillRun() {
        serve("/worlds.ics", 500, "down");
        serve("/news.xml", 200, "<rss><channel><item>");
        serve("/big.ics", 200, "X".repeat(3 * 1024 * 1024));
        server.handle("/slow.ics", exchange -> {
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        serve("/good.ics", 200, ICS);
        String json = "[{\"type\": \"ical\", \"name\": \"broken\", \"url\": \"" + base + "/worlds.ics\"},"
                + "{\"type\": \"rss\", \"name\": \"garbled\", \"url\": \"" + base + "/news.xml\"},"
                + "{\"type\": \"ical\", \"name\": \"huge\", \"url\": \"" + base + "/big.ics\"},"
                + "{\"type\": \"ical\", \"name\": \"slow\", \"url\": \"" + base + "/slow.ics\"},"
                + "{\"type\": \"ical\", \"name\": \"good\", \"url\": \"" + base
                + "/good.ics\", \"eventType\": \"tournament\"}]";

        FetchEventsService.Result result = handler(json)
                .handleRequest(EventLoader.loadScheduledEvent("events/fetch-events/scheduled.json"), new TestContext());

        assertThat(result.failures()).containsOnlyKeys("broken", "garbled", "huge", "slow");
        assertThat(result.problems())
                .anySatisfy(p -> assertThat(p).contains("broken: server-error: HTTP 500"))
                .anySatisfy(p -> assertThat(p).contains("garbled: malformed"))
                .anySatisfy(p -> assertThat(p).contains("huge: oversized"))
                .anySatisfy(p -> assertThat(p).contains("slow: timeout"));
        assertThat(result.added()).hasSize(2);
    }

    @Test
    void aFileUrlOrAnUnparseableUrlFailsOnlyItsOwnSource() {
        serve("/good.ics", 200, ICS);
        String json = "[{\"type\": \"ical\", \"name\": \"local-file\", \"url\": \"file:///etc/passwd\"},"
                + "{\"type\": \"rss\", \"name\": \"typo\", \"url\": \"https://exa mple.com/feed\"},"
                + "{\"type\": \"ical\", \"name\": \"good\", \"url\": \"" + base
                + "/good.ics\", \"eventType\": \"tournament\"}]";

        FetchEventsService.Result result = handler(json, Duration.ofSeconds(10))
                .handleRequest(EventLoader.loadScheduledEvent("events/fetch-events/scheduled.json"), new TestContext());

        assertThat(result.failures()).as(result.problems().toString()).containsOnlyKeys("local-file", "typo");
        assertThat(result.problems())
                .anySatisfy(p -> assertThat(p).contains("local-file: refused: URL scheme 'file'"))
                .anySatisfy(p -> assertThat(p).contains("typo: refused: url 'https://exa mple.com/feed' is not a URL"));
        assertThat(result.added()).hasSize(2);
    }

    @Test
    void aPushedOutageIsStoredWithTheFollowOnLoadItsCascadePredicts() {
        ScheduledEvent pushed = EventLoader.loadScheduledEvent("events/fetch-events/external-event.json");

        FetchEventsService.Result result = handler("[]").handleRequest(pushed, new TestContext());

        assertThat(result.added())
                .extracting(KnownEvent::type, KnownEvent::start)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("game_server_down", NOW),
                        org.assertj.core.groups.Tuple.tuple("traffic_spike", NOW.plus(Duration.ofMinutes(1))),
                        org.assertj.core.groups.Tuple.tuple("support_flood", NOW.plus(Duration.ofMinutes(2))));
        pushed.setDetail(java.util.Map.of("name", "no type"));
        assertThatThrownBy(() -> handler("[]").handleRequest(pushed, new TestContext()))
                .hasMessageContaining("needs detail.type and detail.start");
    }
}
