package io.predictivescaling.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link LeaseStore} does, run against the DynamoDB adapter (moto) and the in-memory fake. */
public abstract class LeaseStoreContract {
    static final Instant T = Instant.parse("2026-03-02T10:00:00Z");
    static final Duration TTL = Duration.ofMinutes(5);

    /** A store with no lease held. */
    protected abstract LeaseStore store();

    @Test
    void aLiveLeaseIsTheHoldersUntilItExpiresOrIsReleased() {
        LeaseStore leases = store();
        String key = "target-" + UUID.randomUUID();

        assertThat(leases.acquire(key, "run-a", T, TTL)).isTrue();
        assertThat(leases.acquire(key, "run-b", T.plusSeconds(60), TTL))
                .as("held by run-a")
                .isFalse();
        assertThat(leases.acquire(key, "run-a", T.plusSeconds(60), TTL))
                .as("the holder takes it again")
                .isTrue();
        assertThat(leases.acquire(key, "run-b", T.plusSeconds(60).plus(TTL), TTL))
                .as("expired")
                .isTrue();

        leases.release(key, "run-a");
        assertThat(leases.acquire(key, "run-c", T.plusSeconds(61).plus(TTL), TTL))
                .as("only the holder releases")
                .isFalse();
        leases.release(key, "run-b");
        assertThat(leases.acquire(key, "run-c", T.plusSeconds(62).plus(TTL), TTL))
                .isTrue();
    }
}
