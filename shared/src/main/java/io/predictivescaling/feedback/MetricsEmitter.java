package io.predictivescaling.feedback;

/** Where accuracy goes as metrics (CloudWatch embedded metric format in the Lambda). */
public interface MetricsEmitter {
    /**
     * @param predictedLoad mean predicted load of the predictions just scored (NaN when none)
     * @param actualLoad mean actual load of the same predictions
     */
    void emit(String targetId, Accuracy last24h, int scored, int missing, double predictedLoad, double actualLoad);

    MetricsEmitter NONE = (targetId, accuracy, scored, missing, predicted, actual) -> {};
}
