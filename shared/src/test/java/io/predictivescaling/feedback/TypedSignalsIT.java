package io.predictivescaling.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.predictivescaling.aws.Retry;
import io.predictivescaling.aws.local.TemplateTables;
import io.predictivescaling.forecast.LoadPrediction;
import io.predictivescaling.planning.Severity;
import io.predictivescaling.scaling.DynamoDbPredictionStore;
import io.predictivescaling.scaling.PredictionRecord;
import io.predictivescaling.testing.TestAws;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Feedback learns from what shaped each prediction as the prediction's own typed attributes, not by parsing its
 * human-readable reason: rewording the reason or renaming a method must not stop learning.
 */
class TypedSignalsIT {
    static final DynamoDbClient DYNAMO = TestAws.dynamoDb();
    static final Retry RETRY = new Retry(3, Duration.ofMillis(1), Duration.ofMillis(5));

    @Test
    void feedbackReadsTheSignalsAPredictionWasStoredWithWhateverItsReasonSays() {
        String table = TemplateTables.create(DYNAMO, "PredictionsTable");
        Instant at = Instant.parse("2026-03-02T15:00:00Z");
        LoadPrediction p = new LoadPrediction(
                at,
                Duration.ofHours(3),
                900,
                800,
                1000,
                0.9,
                "a reason reworded for people, naming no method at all",
                Map.of(
                        "pattern:renamed-holt-winters",
                        0.6,
                        "pattern:weekly-profile",
                        0.4,
                        "sentiment:yourgame",
                        1.0,
                        "event:holiday",
                        1.0));
        new DynamoDbPredictionStore(DYNAMO, table, RETRY)
                .save(List.of(new PredictionRecord(
                        "checkout", p, 20, Severity.HIGH, "raise MinCapacity to 20", at.minus(Duration.ofHours(3)))));

        List<MaturedPrediction> read = new DynamoDbFeedbackStore(
                        DYNAMO, table, TemplateTables.create(DYNAMO, "AccuracyTable"), RETRY)
                .predictions("checkout", at.minus(Duration.ofHours(1)), at.plus(Duration.ofHours(1)));

        assertThat(read).hasSize(1);
        Map<String, Double> signals = read.get(0).signals();
        assertThat(signals)
                .containsOnlyKeys(
                        "pattern:renamed-holt-winters",
                        "pattern:weekly-profile",
                        "sentiment:yourgame",
                        "event:holiday");
        assertThat(signals.get("pattern:renamed-holt-winters")).isCloseTo(0.6, within(1e-9));
        assertThat(signals.get("event:holiday")).isCloseTo(1.0, within(1e-9));
    }
}
