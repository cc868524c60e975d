package io.predictivescaling.sentiment;

import java.time.Instant;
import java.util.List;

/** The port to the signals table. */
public interface SignalStore {

    void save(Signal signal);

    /** The keyword's signals with interval starts in {@code [from, to)}, oldest first. */
    List<Signal> read(String keyword, Instant from, Instant to);
}
