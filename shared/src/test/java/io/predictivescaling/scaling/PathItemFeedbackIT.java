package io.predictivescaling.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.predictivescaling.aws.Retry;
import io.predictivescaling.aws.local.TemplateTables;
import io.predictivescaling.feedback.DynamoDbFeedbackStore;
import io.predictivescaling.feedback.MaturedPrediction;
import io.predictivescaling.forecast.LoadPrediction;
import io.predictivescaling.planning.Severity;
import io.predictivescaling.testing.TestAws;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Against moto: feedback reads every prediction of a window once, in both layouts. */
class PathItemFeedbackIT {
    static final Retry RETRY = new Retry(3, Duration.ofMillis(1), Duration.ofMillis(5));
    static final Instant T0 = Instant.parse("2026-11-28T00:00:00Z");

    /**
     * The run-hour of the upgrade: the old version stored the hour's path as 48 items, then (same hour) the new version
     * stores it as a path item. Both hold the same predictions under the same keys ({@code <forecastTime>#<horizon>}),
     * so feedback reads each twice: score-feedback scores and aggregates 48 predictions twice over the next two days
     * (accuracy counts, MAPE, efficiency and signal confidence weighted double for that hour's path).
     */
    @Test
    void anHourStoredByTheOldVersionAndAgainAsAPathItemIsReadOnce() {
        DynamoDbClient dynamo = TestAws.dynamoDb(List.of());
        String table = TemplateTables.create(dynamo, "PredictionsTable");
        var feedback = new DynamoDbFeedbackStore(dynamo, table, "unused", RETRY);
        Instant made = T0.plus(Duration.ofHours(10));
        List<PredictionRecord> path = path(made, T0.plus(Duration.ofMinutes(602)));
        // The old version's items of that hour (one per prediction), written by its first runs of the hour.
        for (PredictionRecord r : path) {
            dynamo.putItem(p -> p.tableName(table).item(DynamoDbPredictionStore.item(r)));
        }
        // The new version, deployed within the hour.
        new WriteOnChangePredictionStore(dynamo, table, RETRY).save(path);

        List<MaturedPrediction> read = feedback.predictions("orders", made, made.plus(Duration.ofHours(48)));

        Map<String, Long> perKey =
                read.stream().collect(Collectors.groupingBy(MaturedPrediction::key, Collectors.counting()));
        assertThat(perKey.values()).as("each prediction read once").allMatch(n -> n == 1);
        assertThat(read).hasSize(48);
    }

    /**
     * Paths made every hour for three days plus short-horizon items: a window whose {@code from} is on the hour and
     * {@code to} is not reads exactly the predictions whose forecast time is in [from, to], each once, among them the
     * 48-hour-ahead one made 48 h before {@code from} and the 1-hour-ahead one made just before {@code to}.
     */
    @Test
    void aWindowReadsEveryPredictionInItOnceIncludingItsBoundaries() {
        DynamoDbClient dynamo = TestAws.dynamoDb(List.of());
        String table = TemplateTables.create(dynamo, "PredictionsTable");
        var store = new WriteOnChangePredictionStore(dynamo, table, RETRY);
        var feedback = new DynamoDbFeedbackStore(dynamo, table, "unused", RETRY);
        List<PredictionRecord> all = new ArrayList<>();
        for (int h = 0; h < 72; h++) {
            Instant made = T0.plus(Duration.ofHours(h));
            List<PredictionRecord> records = new ArrayList<>(path(made, made.plus(Duration.ofMinutes(62))));
            // One short-horizon prediction of the run at made + 1 h 02 min: 5 minutes ahead.
            records.add(new PredictionRecord(
                    "orders",
                    new LoadPrediction(
                            made.plus(Duration.ofMinutes(65)), Duration.ofMinutes(5), 50, 45, 55, 0.9, "recent level"),
                    2,
                    Severity.NORMAL,
                    "keep MinCapacity 2",
                    made.plus(Duration.ofMinutes(62))));
            store.save(records);
            all.addAll(records);
        }
        Instant from = T0.plus(Duration.ofHours(50));
        Instant to = T0.plus(Duration.ofHours(60)).plus(Duration.ofMinutes(37));

        List<MaturedPrediction> read = feedback.predictions("orders", from, to);

        Map<String, Long> expected = all.stream()
                .map(PredictionRecord::prediction)
                .filter(p ->
                        !p.forecastTime().isBefore(from) && !p.forecastTime().isAfter(to))
                .collect(Collectors.groupingBy(DynamoDbPredictionStore::sortKey, Collectors.counting()));
        Map<String, Long> got =
                read.stream().collect(Collectors.groupingBy(MaturedPrediction::key, Collectors.counting()));
        assertThat(got).isEqualTo(expected);
        assertThat(got).containsKey(from + "#PT48H").containsKey(T0.plus(Duration.ofHours(60)) + "#PT1H");
        assertThat(read.stream()
                        .collect(Collectors.toMap(MaturedPrediction::key, Function.identity(), (a, b) -> a))
                        .get(from + "#PT48H")
                        .predicted())
                .isEqualTo(148.0);
    }

    /**
     * The path of {@link PathItemWriteOnChangeTest#longEventPath} (every hour names an event of about 8.5 KB): as 48 items
     * each fitted; as one path item moto rejects it as DynamoDB does (item over 400 KB), the save throws, and the
     * target's run fails before its plan is applied (PredictAndScaleService saves the predictions first).
     */
    @Test
    void aPathWhoseEveryHourNamesALongEventIsSaved() {
        DynamoDbClient dynamo = TestAws.dynamoDb(List.of());
        String table = TemplateTables.create(dynamo, "PredictionsTable");
        var store = new WriteOnChangePredictionStore(dynamo, table, RETRY);

        org.assertj.core.api.Assertions.assertThatCode(() -> store.save(PathItemWriteOnChangeTest.longEventPath()))
                .doesNotThrowAnyException();
    }

    /** 48 hourly predictions made in hour {@code made} (forecast made + 1 h ... made + 48 h). */
    static List<PredictionRecord> path(Instant made, Instant createdAt) {
        List<PredictionRecord> records = new ArrayList<>();
        for (int k = 1; k <= 48; k++) {
            records.add(new PredictionRecord(
                    "orders",
                    new LoadPrediction(
                            made.plus(Duration.ofHours(k)),
                            Duration.ofHours(k),
                            100 + k,
                            90,
                            110 + k,
                            0.8,
                            "methods: seasonal-ar 100%"),
                    2,
                    Severity.NORMAL,
                    "keep MinCapacity 2",
                    createdAt));
        }
        return records;
    }
}
