package io.predictivescaling.testing.fakes;

import io.predictivescaling.events.EventStore;
import io.predictivescaling.events.KnownEvent;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The events table in memory: keyed by {@link KnownEvent#id()}, a known id is not replaced; reads sorted by start. */
public final class InMemoryEventStore implements EventStore {
    private final Map<String, KnownEvent> events = new ConcurrentHashMap<>();

    @Override
    public boolean addIfNew(KnownEvent event, Instant at) {
        return events.putIfAbsent(event.id(), event) == null;
    }

    @Override
    public List<KnownEvent> between(Instant from, Instant to) {
        return events.values().stream()
                .filter(e -> e.touches(from, to))
                .sorted(Comparator.comparing(KnownEvent::start))
                .toList();
    }
}
