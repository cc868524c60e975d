package io.predictivescaling.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.predictivescaling.aws.Retry;
import io.predictivescaling.aws.local.TemplateTables;
import io.predictivescaling.testing.TestAws;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** A bulk import of history reads back exactly as samples appended one hour at a time do. */
class HistoryImportIT {
    static final DynamoDbClient DYNAMO = TestAws.dynamoDb();

    @Test
    void importedHistoryReadsBackSampleForSample() {
        var store = new DynamoDbTimeSeriesStore(
                DYNAMO,
                TemplateTables.create(DYNAMO, "MetricsTable"),
                Duration.ofDays(400),
                new Retry(3, Duration.ofMillis(1), Duration.ofMillis(5)));
        Instant start = Instant.parse("2026-01-05T00:00:00Z");
        List<LoadSample> samples = new ArrayList<>();
        for (int i = 0; i < 3 * 288; i++) {
            samples.add(new LoadSample(
                    "imported", start.plus(Duration.ofMinutes(5L * i)), 100 + i % 97, "Count", "import"));
        }

        assertThat(store.importHistory(samples)).isEqualTo(samples.size());

        List<LoadSample> read = store.read("imported", start, start.plus(Duration.ofDays(3)));
        assertThat(read)
                .extracting(LoadSample::timestamp, LoadSample::value)
                .containsExactlyElementsOf(samples.stream()
                        .map(s -> org.assertj.core.groups.Tuple.tuple(s.timestamp(), s.value()))
                        .toList());
    }
}
