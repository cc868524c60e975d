package io.predictivescaling.scaling;

import java.time.Instant;
import java.util.Optional;

/**
 * The port to what a target's spike events last announced, so that a spike a plan keeps predicting run after run is
 * announced ({@code SpikePredicted}, {@code PrepareForSpike}) once, and again only when it changes: its time,
 * severity or capacity. Without it every 5-minute run re-sent both events while the spike stayed in the plan (about
 * 1.8 events per target per run, $0.016 per target-month at EventBridge's $1.00 per million custom events).
 */
public interface SpikeAnnouncements {
    /** The fingerprint last remembered for {@code targetId} (see {@link PlanEvents#spikeFingerprint}), or empty. */
    Optional<String> last(String targetId);

    /**
     * Remembers that {@code fingerprint} was announced for {@code targetId}, replacing what was remembered.
     *
     * @param keepUntil after this the memory may be dropped (the spike has passed)
     */
    void remember(String targetId, String fingerprint, Instant keepUntil);
}
