package io.predictivescaling.testing.fakes;

import io.predictivescaling.scaling.SpikeAnnouncements;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** What each target's spike events last announced, in memory, counting reads and writes as the adapter makes them. */
public final class InMemorySpikeAnnouncements implements SpikeAnnouncements {
    private final Map<String, String> announced = new ConcurrentHashMap<>();
    private int reads;
    private int writes;

    @Override
    public synchronized Optional<String> last(String targetId) {
        reads++;
        return Optional.ofNullable(announced.get(targetId));
    }

    @Override
    public synchronized void remember(String targetId, String fingerprint, Instant keepUntil) {
        writes++;
        announced.put(targetId, fingerprint);
    }

    public synchronized int reads() {
        return reads;
    }

    public synchronized int writes() {
        return writes;
    }
}
