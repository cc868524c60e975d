package io.predictivescaling.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import io.predictivescaling.aws.Retry;
import io.predictivescaling.aws.local.TemplateTables;
import io.predictivescaling.testing.TestAws;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The sizing feedback tuned is what predict-and-scale reads back, spare units included (against moto). */
class TunedSizingStoreIT {
    static final DynamoDbClient DYNAMO = TestAws.dynamoDb();
    static final Retry RETRY = new Retry(3, Duration.ofMillis(1), Duration.ofMillis(5));

    @Test
    void aTunedSizingWithSpareUnitsIsReadBackAsSavedAndAnOlderItemWithoutThemReadsAsNone() {
        String accuracy = TemplateTables.create(DYNAMO, "AccuracyTable");
        DynamoDbFeedbackStore store =
                new DynamoDbFeedbackStore(DYNAMO, TemplateTables.create(DYNAMO, "PredictionsTable"), accuracy, RETRY);
        Instant at = Instant.parse("2026-03-02T00:00:00Z");

        store.saveSizing("web", new SizingTuner.TunedSizing(0.65, 12.857, 2, "P65 at 90% +2 units (...)", at));
        DYNAMO.updateItem(r -> r.tableName(accuracy)
                .key(java.util.Map.of(
                        "targetId", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("web"),
                        "scope", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("sizing")))
                .updateExpression("REMOVE spareUnits")
                .returnValues("ALL_OLD"));
        store.saveSizing("api", new SizingTuner.TunedSizing(0.65, 12.857, 2, "P65 at 90% +2 units (...)", at));

        assertThat(store.sizing("api")).hasValueSatisfying(z -> {
            assertThat(z.spareUnits()).isEqualTo(2);
            assertThat(z.capacityQuantile()).isEqualTo(0.65);
            assertThat(z.tunedAt()).isEqualTo(at);
        });
        assertThat(store.sizing("web"))
                .as("saved before spare units existed")
                .hasValueSatisfying(z -> assertThat(z.spareUnits()).isZero());
    }
}
