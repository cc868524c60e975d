package io.predictivescaling.fleet;

import java.time.Duration;
import java.time.Instant;

/**
 * The port to the leases that keep two runs from planning the same target at once (a run that overruns its
 * five minutes and the next one, or a redelivered message and its first delivery).
 */
public interface LeaseStore {

    /**
     * Takes the lease on {@code key} for {@code holder} until {@code now + ttl}, unless another holder has an
     * unexpired one. An expired lease (its holder died) is taken over. Atomic: of two concurrent callers at
     * most one gets it.
     *
     * @return true when {@code holder} now holds the lease
     */
    boolean acquire(String key, String holder, Instant now, Duration ttl);

    /** Gives the lease back if {@code holder} still holds it; a lease taken over meanwhile is left alone. */
    void release(String key, String holder);
}
