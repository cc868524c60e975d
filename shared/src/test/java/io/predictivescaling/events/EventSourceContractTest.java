package io.predictivescaling.events;

import io.predictivescaling.testing.SourceFailureContract;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;

/** {@link SourceFailureContract} for every {@link EventSource}, built as EVENT_SOURCES configures them. */
class EventSourceContractTest extends SourceFailureContract {
    static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");

    static Named<Fetcher> configured(String type, String extra) {
        return Named.of(
                type,
                (base, timeout) -> EventSourceRegistry.fromJson(
                                "[{\"type\": \"" + type + "\", \"name\": \"" + type + "-feed\", \"url\": \"" + base
                                        + "/feed\"" + extra + "}]",
                                timeout)
                        .get(0)
                        .fetch(NOW));
    }

    @Override
    protected Stream<Named<Fetcher>> sources() {
        return Stream.of(
                configured("ical", ", \"eventType\": \"tournament\""),
                configured("rss", ", \"rules\": [{\"keyword\": \"release\", \"eventType\": \"game_release\"}]"),
                configured("csv", ""));
    }
}
