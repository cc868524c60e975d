package io.predictivescaling.feedback;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A prediction read back for scoring.
 *
 * @param resolution the interval it predicts: 5 minutes (a mean) or an hour (its P95)
 * @param actual the load that really came, once scored; null before
 * @param signals each signal behind it and its share, e.g. {@code pattern:double-seasonal-log -> 0.41}
 */
public record MaturedPrediction(
        String targetId,
        String key,
        Instant forecastTime,
        Duration horizon,
        Duration resolution,
        String statistic,
        double predicted,
        double lower,
        double upper,
        int capacity,
        Map<String, Double> signals,
        Double actual) {

    public Instant end() {
        return forecastTime.plus(resolution);
    }

    public MaturedPrediction withActual(double value) {
        return new MaturedPrediction(
                targetId,
                key,
                forecastTime,
                horizon,
                resolution,
                statistic,
                predicted,
                lower,
                upper,
                capacity,
                signals,
                value);
    }

    /** The horizon bucket reports group by: 5m, 1h, 6h, 1d, or "48h path" for the rest. */
    public String horizonBucket() {
        long minutes = horizon.toMinutes();
        if (minutes <= 5) {
            return "PT5M";
        }
        if (minutes <= 60) {
            return "PT1H";
        }
        if (minutes <= 360) {
            return "PT6H";
        }
        return minutes <= 1440 ? "PT24H" : "PT48H";
    }
}
