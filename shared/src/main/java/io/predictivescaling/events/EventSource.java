package io.predictivescaling.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The port to one source of known events. Adding a source (an esports schedule API, a ticketing feed) is
 * one class implementing this and one entry in EVENT_SOURCES.
 *
 * <p>A source that cannot answer throws {@link io.predictivescaling.common.SourceException}
 * naming the kind of failure; fetch-events skips it and the other sources still run.
 */
public interface EventSource {

    String name();

    /**
     * The source's events that touch the look-ahead window after {@code now} (recurring ones expanded into
     * their occurrences), and every item it read but did not turn into an event, counted by reason.
     */
    Fetched fetch(Instant now);

    /**
     * @param skipped items read but not kept, by reason (e.g. {@code no-keyword}, {@code cancelled})
     * @param notes things a user should know about what was kept (e.g. a date read as UTC)
     */
    record Fetched(List<KnownEvent> events, Map<String, Integer> skipped, List<String> notes) {
        public Fetched {
            events = List.copyOf(events);
            skipped = new TreeMap<>(skipped);
            notes = List.copyOf(notes);
        }
    }
}
