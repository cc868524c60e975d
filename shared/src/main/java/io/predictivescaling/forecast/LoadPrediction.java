package io.predictivescaling.forecast;

import java.time.Duration;
import java.time.Instant;

/**
 * The predicted load of one interval.
 *
 * @param forecastTime the start of the predicted interval
 * @param horizon how far ahead of the end of the history it lies (5 min, 1 h, 6 h, 1 day, ...)
 * @param predictedLoad the point forecast, in the metric's own unit
 * @param lower P10: 10% of outcomes are expected below it (calibrated on the series' past errors)
 * @param upper P90: 10% of outcomes are expected above it
 * @param confidence in [0, 1]: 1 minus the interval's half-width relative to the prediction
 * @param reason what drove it, for people: patterns, trend, methods
 * @param signals what shaped it, typed, for feedback to learn from: each forecasting method with its weight in
 *     the combination ({@code pattern:<method>}), a social trend ({@code sentiment:<keyword>}) and a known event
 *     ({@code event:<type>}) that moved it; empty when unknown
 */
public record LoadPrediction(
        Instant forecastTime,
        Duration horizon,
        double predictedLoad,
        double lower,
        double upper,
        double confidence,
        String reason,
        java.util.Map<String, Double> signals) {

    /** A prediction whose signals are not (yet) attributed. */
    public LoadPrediction(
            Instant forecastTime,
            Duration horizon,
            double predictedLoad,
            double lower,
            double upper,
            double confidence,
            String reason) {
        this(forecastTime, horizon, predictedLoad, lower, upper, confidence, reason, java.util.Map.of());
    }

    /** The same prediction attributed to {@code newSignals}. */
    public LoadPrediction withSignals(java.util.Map<String, Double> newSignals) {
        return new LoadPrediction(forecastTime, horizon, predictedLoad, lower, upper, confidence, reason, newSignals);
    }

    public LoadPrediction {
        signals = signals == null ? java.util.Map.of() : java.util.Map.copyOf(signals);
        if (!Double.isFinite(predictedLoad) || !Double.isFinite(lower) || !Double.isFinite(upper)) {
            throw new IllegalArgumentException(
                    "a prediction must be finite: " + predictedLoad + " [" + lower + ", " + upper + "]");
        }
    }

    static double confidenceOf(double predicted, double lower, double upper) {
        double halfWidth = (upper - lower) / 2;
        if (predicted <= 0) {
            return halfWidth <= 0 ? 1 : 0;
        }
        return Math.max(0, Math.min(1, 1 - halfWidth / predicted));
    }
}
