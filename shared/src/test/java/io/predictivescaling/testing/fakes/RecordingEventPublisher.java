package io.predictivescaling.testing.fakes;

import io.predictivescaling.common.EventPublisher;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** An event bus that keeps every event published, in order, for a test to read. */
public final class RecordingEventPublisher implements EventPublisher {
    private final List<Event> published = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void publish(List<Event> events) {
        published.addAll(events);
    }

    /** Every event published so far. */
    public List<Event> published() {
        synchronized (published) {
            return List.copyOf(published);
        }
    }

    /** The events of one detail type (e.g. {@code Scaling Plan Applied}). */
    public List<Event> ofType(String detailType) {
        return published().stream()
                .filter(e -> e.detailType().equals(detailType))
                .toList();
    }
}
