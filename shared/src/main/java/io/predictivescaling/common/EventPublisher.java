package io.predictivescaling.common;

import java.util.List;
import java.util.Map;

/** The port to the project's event bus. */
public interface EventPublisher {

    /** An event: its detail-type (e.g. {@code ScalingPlanned}) and detail (serialised as JSON). */
    record Event(String detailType, Map<String, Object> detail) {}

    /** Publishes all events; throws if some could not be published after retries. */
    void publish(List<Event> events);
}
