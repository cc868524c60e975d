package io.predictivescaling.peers;

import java.util.List;

/** The open peers the backtest compares the product with ({@code backtest --peers}). */
public final class Peers {
    private Peers() {}

    /**
     * AWS predictive scaling (proxy), Crane's DSP predictor, the PHPA's Holt-Winters with the documented example's
     * constants and with mid-range ones: in the order they are shown.
     */
    public static List<PeerPolicy> all() {
        return List.of(
                new AwsPredictiveScaling(), new CraneEhpa(), PhpaHoltWinters.documented(), PhpaHoltWinters.midRange());
    }

    /** The peer's few words for the report, or "" for a name that is not a peer's. */
    public static String summary(String name) {
        return all().stream()
                .filter(p -> p.name().equals(name))
                .map(PeerPolicy::summary)
                .findFirst()
                .orElse("");
    }
}
