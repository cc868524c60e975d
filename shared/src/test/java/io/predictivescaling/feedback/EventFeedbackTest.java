package io.predictivescaling.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Feedback scores each event type as {@code event:<type>}: did its adjustment beat the unadjusted prediction? */
class EventFeedbackTest {
    static final String REASON = "methods: daily-naive 100%; event: holiday 'Labor Day' in 5 h: -28% learned from 4 "
            + "past events (x0.72); event: promo 'Sale' in 5 h: not applied, it has not helped on 3 past events";

    @Test
    void anAppliedEventIsReadFromTheReasonWithItsMultiplierAndOneNotAppliedIsNot() {
        assertThat(DynamoDbFeedbackStore.signals(REASON))
                .containsEntry("event:holiday", 0.72)
                .containsKey("pattern:daily-naive")
                .doesNotContainKey("event:promo");
    }

    static MaturedPrediction scored(double predicted, double actual) {
        return new MaturedPrediction(
                "t",
                "k" + predicted + actual,
                Instant.parse("2026-09-01T12:00:00Z"),
                Duration.ofHours(5),
                Duration.ofHours(1),
                "p95",
                predicted,
                predicted * 0.9,
                predicted * 1.1,
                1,
                DynamoDbFeedbackStore.signals(REASON),
                actual);
    }

    @Test
    void anEventTypeThatKeepsMovingPredictionsAwayFromWhatHappenedLosesConfidence() {
        // Predicted 72 after x0.72 (100 unadjusted); the load stayed at 100: the adjustment hurt, every time.
        List<MaturedPrediction> hurt = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            hurt.add(scored(72, 100 + i));
        }
        Map<String, Double> confidence = Map.of();
        for (int run = 0; run < 3; run++) {
            confidence = ScoreFeedbackService.learn(confidence, hurt);
        }
        assertThat(confidence.get("event:holiday")).isLessThan(0.5);

        // The load did fall to 70: the adjustment helped, and confidence stays high.
        List<MaturedPrediction> helped = hurt.stream().map(p -> scored(72, 70)).toList();
        assertThat(ScoreFeedbackService.learn(Map.of(), helped).get("event:holiday"))
                .isEqualTo(1.0);
    }
}
