package io.predictivescaling.functions.fetchsentiment;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.predictivescaling.aws.Retry;
import io.predictivescaling.aws.local.TemplateTables;
import io.predictivescaling.sentiment.DynamoDbSignalStore;
import io.predictivescaling.sentiment.FetchSentimentService;
import io.predictivescaling.sentiment.Signal;
import io.predictivescaling.testing.LoopbackHttp;
import io.predictivescaling.testing.TestAws;
import io.predictivescaling.testing.TestContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/** fetch-sentiment against moto and recorded-style answers from a loopback server. */
class FetchSentimentHandlerIT {
    static final Instant NOW = Instant.parse("2026-11-27T20:02:00Z");
    static final Instant START = Instant.parse("2026-11-27T19:55:00Z");
    static final Retry RETRY = new Retry(3, Duration.ofMillis(1), Duration.ofMillis(5));
    final DynamoDbClient dynamo = TestAws.dynamoDb();
    LoopbackHttp server;
    String base;
    String signalsTable;
    String targetsTable;
    String bus;
    volatile String authorization;

    @BeforeEach
    void setUp() {
        server = new LoopbackHttp();
        base = server.base();
        signalsTable = TemplateTables.create(dynamo, "SignalsTable");
        targetsTable = TemplateTables.create(dynamo, "TargetsTable");
        dynamo.putItem(r -> r.tableName(targetsTable)
                .item(Map.of(
                        "targetId",
                        AttributeValue.fromS("game-servers"),
                        "metricId",
                        AttributeValue.fromS("players"),
                        "socialKeywords",
                        AttributeValue.fromL(List.of(AttributeValue.fromS("yourgame"))))));
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
        server.handle(path, exchange -> {
            authorization = exchange.getRequestHeaders().getFirst("Authorization");
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
    }

    /** {@code n} Reddit posts inside the interval that just ended, and one older. */
    static String redditPosts(int n, String text) {
        StringBuilder b = new StringBuilder("{\"data\": {\"children\": [");
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ",")
                    .append("{\"data\": {\"id\": \"p")
                    .append(i)
                    .append("\", \"title\": \"")
                    .append(text)
                    .append("\", \"selftext\": \"\", \"created_utc\": ")
                    .append(START.getEpochSecond() + (i % 290))
                    .append("}}");
        }
        return b.append(",{\"data\": {\"id\": \"old\", \"title\": \"x\", \"selftext\": \"\", \"created_utc\": 1}}]}}")
                .toString();
    }

    FetchSentimentService.Result run(String sourcesJson) {
        SsmClient ssm = TestAws.configure(SsmClient.builder()).build();
        var service = FetchSentimentWiring.of(
                dynamo,
                ssm,
                TestAws.configure(EventBridgeClient.builder()).build(),
                RETRY,
                new FetchSentimentWiring.Tables(targetsTable, signalsTable, bus),
                sourcesJson,
                Duration.ofMillis(1500),
                Duration.ofSeconds(1),
                Duration.ofMinutes(5));
        ScheduledEvent tick = EventLoader.loadScheduledEvent("events/fetch-sentiment/scheduled.json");
        return new FetchSentimentHandler(service, Clock.fixed(NOW, ZoneOffset.UTC))
                .handleRequest(tick, new TestContext());
    }

    @Test
    void aKeywordWhoseMentionsJumpAboveItsDayTrendsAndAFailingSourceIsSkipped() {
        var store = new DynamoDbSignalStore(dynamo, signalsTable, RETRY);
        java.util.Random random = new java.util.Random(4);
        for (int i = 288; i >= 1; i--) {
            store.save(new Signal(
                    "yourgame",
                    START.minus(Duration.ofMinutes(5L * i)),
                    4 + random.nextInt(3),
                    0.1,
                    0.5,
                    0,
                    false,
                    false,
                    1,
                    Map.of("reddit", 5),
                    List.of()));
        }
        serve("/search.json", 200, redditPosts(60, "so hyped for the yourgame launch \uD83D\uDD25"));
        serve(
                "/api/v1/search_by_date",
                200,
                "{\"hits\": [{\"objectID\": \"h1\", \"title\": \"yourgame is awesome\", " + "\"created_at_i\": "
                        + (START.getEpochSecond() + 10) + "}]}");
        serve("/api/v1/timelines/tag/yourgame", 503, "busy");

        FetchSentimentService.Result result = run("[{\"type\": \"reddit\", \"baseUrl\": \"" + base + "\"},"
                + "{\"type\": \"hackernews\", \"baseUrl\": \"" + base + "\"},"
                + "{\"type\": \"mastodon\", \"baseUrl\": \"" + base + "\"}]");

        Signal signal = result.signals().get(0);
        assertThat(signal.volume()).isEqualTo(61);
        assertThat(signal.bySource()).containsEntry("reddit", 60).containsEntry("hackernews", 1);
        assertThat(signal.failedSources()).containsExactly("mastodon");
        assertThat(signal.fired()).isTrue();
        assertThat(signal.hype()).isBetween(0.3, 1.0);
        assertThat(signal.meanSentiment()).isGreaterThan(0.3);
        assertThat(signal.baselineMultiple()).isGreaterThan(10);
        assertThat(result.failures()).containsEntry("mastodon", 1);
        assertThat(result.problems()).singleElement().asString().contains("mastodon: server-error: HTTP 503");
        var item = dynamo.getItem(r -> r.tableName(signalsTable)
                        .key(Map.of(
                                "keyword",
                                AttributeValue.fromS("yourgame"),
                                "interval",
                                AttributeValue.fromS(START.toString()))))
                .item();
        assertThat(item.get("trending").bool()).isTrue();
        assertThat(item.get("volume").n()).isEqualTo("61");
    }

    @Test
    void credentialsComeFromSsmAndAQuietIntervalIsStoredWithoutATrend() {
        try (SsmClient ssm = TestAws.configure(SsmClient.builder()).build()) {
            ssm.putParameter(r -> r.name("/predictive-scaling/bluesky-token")
                    .value("s3cret")
                    .type(ParameterType.SECURE_STRING)
                    .overwrite(true));
        }
        serve(
                "/xrpc/app.bsky.feed.searchPosts",
                200,
                "{\"posts\": [{\"uri\": \"at://1\", \"record\": {\"text\": "
                        + "\"servers down again, unplayable\", \"createdAt\": \"" + START.plusSeconds(30) + "\"}}]}");

        FetchSentimentService.Result result = run("[{\"type\": \"bluesky\", \"baseUrl\": \"" + base
                + "\", \"credentialsParameter\": \"/predictive-scaling/bluesky-token\"}]");

        assertThat(authorization).isEqualTo("Bearer s3cret");
        Signal signal = result.signals().get(0);
        assertThat(signal.volume()).isEqualTo(1);
        assertThat(signal.fired()).isFalse();
        assertThat(signal.meanSentiment()).isNegative();
        assertThat(result.problems()).isEmpty();
        List<Signal> stored = new ArrayList<>(
                new DynamoDbSignalStore(dynamo, signalsTable, RETRY).read("yourgame", START, START.plusSeconds(300)));
        assertThat(stored).hasSize(1);
    }
}
