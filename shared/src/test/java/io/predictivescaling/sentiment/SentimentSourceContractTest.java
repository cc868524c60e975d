package io.predictivescaling.sentiment;

import io.predictivescaling.common.HttpJsonClient;
import io.predictivescaling.testing.SourceFailureContract;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;

/** {@link SourceFailureContract} for every {@link SentimentSource}, built as SENTIMENT_SOURCES configures them. */
class SentimentSourceContractTest extends SourceFailureContract {
    static final Instant SINCE = Instant.parse("2026-11-27T00:00:00Z");

    static Named<Fetcher> configured(String name, String fields) {
        return Named.of(
                name,
                (base, timeout) -> SentimentSourceRegistry.fromJson(
                                "[{" + fields.replace("BASE", base) + "}]",
                                new HttpJsonClient(timeout, Duration.ZERO),
                                null,
                                timeout)
                        .get(0)
                        .fetch("yourgame", SINCE));
    }

    @Override
    protected Stream<Named<Fetcher>> sources() {
        return Stream.of(
                configured("reddit", "\"type\": \"reddit\", \"baseUrl\": \"BASE\""),
                configured("mastodon", "\"type\": \"mastodon\", \"baseUrl\": \"BASE\""),
                configured("bluesky", "\"type\": \"bluesky\", \"baseUrl\": \"BASE\""),
                configured("hackernews", "\"type\": \"hackernews\", \"baseUrl\": \"BASE\""),
                configured("rss", "\"type\": \"rss\", \"name\": \"patch-notes\", \"url\": \"BASE/feed.xml\""),
                configured(
                        "reddit, own keywords",
                        "\"type\": \"reddit\", \"baseUrl\": \"BASE\", \"keywords\": [\"yourgame\"]"));
    }
}
