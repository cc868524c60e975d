package io.predictivescaling.testing.fakes;

import io.predictivescaling.fleet.LeaseStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The lease table in memory, with the adapter's condition: a lease is taken when nobody holds it, when it has
 * expired ({@code expiresAt <= now}, to the second) or when the holder takes it again; only the holder releases it.
 */
public final class InMemoryLeaseStore implements LeaseStore {
    private record Lease(String holder, long expiresAt) {}

    private final Map<String, Lease> leases = new ConcurrentHashMap<>();

    @Override
    public boolean acquire(String key, String holder, Instant now, Duration ttl) {
        Lease mine = new Lease(holder, now.plus(ttl).getEpochSecond());
        boolean[] taken = {false};
        leases.compute(key, (k, held) -> {
            if (held == null
                    || held.expiresAt() <= now.getEpochSecond()
                    || held.holder().equals(holder)) {
                taken[0] = true;
                return mine;
            }
            return held;
        });
        return taken[0];
    }

    @Override
    public void release(String key, String holder) {
        leases.computeIfPresent(key, (k, held) -> held.holder().equals(holder) ? null : held);
    }

    /** Who holds {@code key} now, or null. */
    public String holder(String key) {
        Lease lease = leases.get(key);
        return lease == null ? null : lease.holder();
    }
}
