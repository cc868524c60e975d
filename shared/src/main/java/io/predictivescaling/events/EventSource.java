package io.predictivescaling.events;

import java.util.List;

/**
 * The port to one source of known events. Adding a source (an esports schedule API, a ticketing feed) is
 * one class implementing this and one entry in EVENT_SOURCES.
 *
 * <p>A source that cannot answer throws {@link io.predictivescaling.sentiment.SentimentSource.SourceException}
 * naming the kind of failure; fetch-events skips it and the other sources still run.
 */
public interface EventSource {

    String name();

    List<KnownEvent> fetch();
}
