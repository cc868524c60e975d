package io.predictivescaling.feedback;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The port to the predictions (read back and annotated) and the accuracy table. */
public interface FeedbackStore {

    /** The target's predictions with forecast times in {@code [from, to)}, scored or not. */
    List<MaturedPrediction> predictions(String targetId, Instant from, Instant to);

    /**
     * Stores the load that really came in one interval (target, forecast time, resolution) once, whatever number of
     * predictions of it there are (up to 48 hourly horizons plus the short ones): every prediction of the interval
     * reads it back through {@link #predictions}. One write per interval instead of one per prediction (issue 19:
     * annotating each of about 72 predictions per target-hour cost about $0.03 per target-month).
     *
     * @param scored every prediction of one interval, each with the same actual load; not empty
     */
    void recordActual(List<MaturedPrediction> scored, Instant at);

    /** @param scope e.g. {@code last24h#all}, {@code last24h#horizon=PT1H}, {@code last24h#signal=pattern:daily-naive} */
    void saveAccuracy(String targetId, String scope, Accuracy accuracy, Instant at);

    Optional<Accuracy> accuracy(String targetId, String scope);

    /** Every stored scope of a target (for reports). */
    Map<String, Accuracy> accuracies(String targetId);

    /** Confidence per signal in [0.05, 1]; a signal never scored is absent (confidence 1). */
    Map<String, Double> signalConfidence(String targetId);

    void saveSignalConfidence(String targetId, Map<String, Double> confidence, Instant at);

    /** The sizing the tuner chose last, if any. */
    Optional<SizingTuner.TunedSizing> sizing(String targetId);

    void saveSizing(String targetId, SizingTuner.TunedSizing sizing);
}
