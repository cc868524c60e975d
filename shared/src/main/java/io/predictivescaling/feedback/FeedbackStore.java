package io.predictivescaling.feedback;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The port to the predictions (read back and annotated) and the accuracy table. */
public interface FeedbackStore {

    /** The target's predictions with forecast times in {@code [from, to)}, scored or not. */
    List<MaturedPrediction> predictions(String targetId, Instant from, Instant to);

    /** Writes actualLoad, error and whether the actual fell inside the bounds onto the prediction item. */
    void recordActual(MaturedPrediction scored, Instant at);

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
