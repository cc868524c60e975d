package io.predictivescaling.scaling;

import io.predictivescaling.forecast.LoadPrediction;
import java.time.Instant;

/** One row of the predictions table: a prediction with what the plan made of it. */
public record PredictionRecord(String targetId, LoadPrediction prediction, int predictedCapacity,
                               Severity severity, String recommendedAction, Instant createdAt) {
}
