package io.predictivescaling.events;

import java.time.Instant;
import java.util.List;

/** The port to the events table. */
public interface EventStore {

    /** Stores the event unless one with its id exists. @return true when it was new */
    boolean addIfNew(KnownEvent event, Instant at);

    /** Events touching {@code [from, to)}: past ones to learn from, upcoming ones to apply. */
    List<KnownEvent> between(Instant from, Instant to);
}
