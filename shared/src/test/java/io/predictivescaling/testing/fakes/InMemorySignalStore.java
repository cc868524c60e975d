package io.predictivescaling.testing.fakes;

import io.predictivescaling.sentiment.Signal;
import io.predictivescaling.sentiment.SignalStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** The signals table in memory: one signal per keyword and interval start; reads over {@code [from, to)}, in order. */
public final class InMemorySignalStore implements SignalStore {
    private final Map<String, NavigableMap<Instant, Signal>> signals = new ConcurrentHashMap<>();

    @Override
    public void save(Signal signal) {
        signals.computeIfAbsent(signal.keyword(), k -> new ConcurrentSkipListMap<>())
                .put(signal.intervalStart(), signal);
    }

    @Override
    public List<Signal> read(String keyword, Instant from, Instant to) {
        return new ArrayList<>(signals.getOrDefault(keyword, new ConcurrentSkipListMap<>())
                .subMap(from, true, to, false)
                .values());
    }
}
