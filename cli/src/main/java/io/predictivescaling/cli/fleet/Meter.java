package io.predictivescaling.cli.fleet;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what the in-memory fakes of the ports would have cost in AWS: calls per API (e.g.
 * {@code dynamodb:Query}), DynamoDB read and write request units, events and messages. Thread-safe.
 */
public final class Meter {
    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    private final DoubleAdder readUnits = new DoubleAdder();
    private final DoubleAdder writeUnits = new DoubleAdder();
    private final LongAdder events = new LongAdder();

    public void call(String api) {
        calls.computeIfAbsent(api, k -> new LongAdder()).increment();
    }

    /** An eventually consistent read of {@code bytes} in one request: half a unit per started 4 KB. */
    public void read(String api, long bytes) {
        call(api);
        readUnits.add(0.5 * Math.max(1, (bytes + 4095) / 4096));
    }

    /** A batch read of {@code items} items of {@code bytesEach}: half a unit per started 4 KB of each item. */
    public void readItems(String api, int items, long bytesEach) {
        call(api);
        readUnits.add(items * 0.5 * Math.max(1, (bytesEach + 4095) / 4096));
    }

    /** Read units on top of what {@link #read} counted (a strongly consistent read costs double). */
    public void readUnitsExtra(double units) {
        readUnits.add(units);
    }

    /** Writes of items of {@code bytes} each: one unit per started 1 KB per item. */
    public void write(String api, int items, long bytesPerItem) {
        call(api);
        writeUnits.add(items * (double) Math.max(1, (bytesPerItem + 1023) / 1024));
    }

    /** One batch write of items of the given sizes: one unit per started 1 KB of each item. */
    public void batchWrite(String api, List<Long> itemBytes) {
        call(api);
        itemBytes.forEach(bytes -> writeUnits.add(Math.max(1, (bytes + 1023) / 1024)));
    }

    public void events(int n) {
        events.add(n);
    }

    /** A copy of the counters, to subtract one run's from the next. */
    public Snapshot snapshot() {
        Map<String, Long> c = new TreeMap<>();
        calls.forEach((k, v) -> c.put(k, v.sum()));
        return new Snapshot(c, readUnits.sum(), writeUnits.sum(), events.sum());
    }

    public record Snapshot(Map<String, Long> calls, double readUnits, double writeUnits, long events) {
        public Snapshot minus(Snapshot before) {
            Map<String, Long> c = new TreeMap<>(calls);
            before.calls.forEach((k, v) -> c.merge(k, -v, Long::sum));
            c.values().removeIf(v -> v == 0);
            return new Snapshot(
                    c, readUnits - before.readUnits, writeUnits - before.writeUnits, events - before.events);
        }

        public long calls(String prefix) {
            return calls.entrySet().stream()
                    .filter(e -> e.getKey().startsWith(prefix))
                    .mapToLong(Map.Entry::getValue)
                    .sum();
        }
    }
}
