package io.predictivescaling.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.predictivescaling.aws.Retry;
import io.predictivescaling.aws.local.TemplateTables;
import io.predictivescaling.feedback.DynamoDbFeedbackStore;
import io.predictivescaling.forecast.LoadPrediction;
import io.predictivescaling.planning.Severity;
import io.predictivescaling.testing.TestAws;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;

/** Against moto: an hour's path is one item; a rerun that predicts the same values writes nothing; a change once. */
class WriteOnChangePredictionStoreIT {
    static final Instant NOW = Instant.parse("2026-11-30T12:02:00Z");
    static final Retry RETRY = new Retry(3, Duration.ofMillis(1), Duration.ofMillis(5));

    @Test
    void anHoursPathIsOneItemARerunWritesNothingAndAChangedHourRewritesIt() {
        AtomicInteger itemsWritten = new AtomicInteger();
        List<String> projections = new java.util.concurrent.CopyOnWriteArrayList<>();
        DynamoDbClient dynamo = TestAws.dynamoDb(List.of(new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof BatchWriteItemRequest write) {
                    write.requestItems().values().forEach(items -> itemsWritten.addAndGet(items.size()));
                }
                if (context.request() instanceof software.amazon.awssdk.services.dynamodb.model.GetItemRequest get) {
                    projections.add(String.valueOf(get.expressionAttributeNames()));
                }
            }
        }));
        String table = TemplateTables.create(dynamo, "PredictionsTable");
        var store = new WriteOnChangePredictionStore(dynamo, table, RETRY);
        var feedback = new DynamoDbFeedbackStore(dynamo, table, "unused", RETRY);

        store.save(path("orders", 100, NOW));
        int first = itemsWritten.getAndSet(0);
        store.save(path("orders", 100, NOW.plus(Duration.ofMinutes(5))));
        int unchanged = itemsWritten.getAndSet(0);
        List<PredictionRecord> oneChanged = path("orders", 100, NOW.plus(Duration.ofMinutes(10)));
        PredictionRecord old = oneChanged.get(7);
        LoadPrediction p = old.prediction();
        oneChanged.set(
                7,
                new PredictionRecord(
                        "orders",
                        new LoadPrediction(
                                p.forecastTime(),
                                p.horizon(),
                                180,
                                p.lower(),
                                p.upper() + 80,
                                p.confidence(),
                                p.reason()),
                        4,
                        Severity.HIGH,
                        "raise MinCapacity to 4",
                        old.createdAt()));
        store.save(oneChanged);
        int changed = itemsWritten.get();

        assertThat(first).as("48 hourly predictions, one item").isEqualTo(1);
        assertThat(projections)
                .as("a rerun reads back the stored path's digest, not the whole item (an emulator answers a "
                        + "3 KB item of lists about 8 times slower)")
                .isNotEmpty()
                .allSatisfy(names -> assertThat(names).isEqualTo("{#d=pathDigest}"));
        assertThat(unchanged).isZero();
        assertThat(changed).isEqualTo(1);
        var read = feedback.predictions("orders", Instant.parse("2026-11-30T12:00:00Z"), NOW.plus(Duration.ofDays(2)));
        assertThat(read).hasSize(48);
        var hour8 = read.stream()
                .filter(m -> m.forecastTime().equals(p.forecastTime()))
                .findFirst()
                .orElseThrow();
        assertThat(hour8.predicted()).isEqualTo(180.0);
        assertThat(hour8.capacity()).isEqualTo(4);
        var item = dynamo.getItem(r -> r.tableName(table)
                        .key(Map.of(
                                "targetId",
                                AttributeValue.fromS("orders"),
                                "forecast",
                                AttributeValue.fromS("path#2026-11-30T11:00:00Z"))))
                .item();
        assertThat(item.get("createdAt").s())
                .as("when these values were first predicted")
                .isEqualTo(NOW.plus(Duration.ofMinutes(10)).toString());
    }

    @Test
    void theNextHoursPathIsANewItemAndFeedbackReadsEveryHoursPredictionsOfAnInterval() {
        DynamoDbClient dynamo = TestAws.dynamoDb(List.of());
        String table = TemplateTables.create(dynamo, "PredictionsTable");
        var store = new WriteOnChangePredictionStore(dynamo, table, RETRY);
        var feedback = new DynamoDbFeedbackStore(dynamo, table, "unused", RETRY);

        store.save(path("orders", 100, NOW));
        store.save(shifted(path("orders", 110, NOW.plus(Duration.ofHours(1))), Duration.ofHours(1)));

        Instant interval = Instant.parse("2026-11-30T15:00:00Z");
        var read = feedback.predictions("orders", interval, interval);
        assertThat(read)
                .as("the interval was predicted 4 hours ahead in one hour's path and 3 hours ahead in the next's")
                .extracting(m -> m.horizon().toHours())
                .containsExactlyInAnyOrder(3L, 4L);
    }

    /** The same predictions made an hour later: every forecast time and horizon moved by {@code by}. */
    static List<PredictionRecord> shifted(List<PredictionRecord> path, Duration by) {
        return path.stream()
                .map(r -> new PredictionRecord(
                        r.targetId(),
                        new LoadPrediction(
                                r.prediction().forecastTime().plus(by),
                                r.prediction().horizon(),
                                r.prediction().predictedLoad(),
                                r.prediction().lower(),
                                r.prediction().upper(),
                                r.prediction().confidence(),
                                r.prediction().reason()),
                        r.predictedCapacity(),
                        r.severity(),
                        r.recommendedAction(),
                        r.createdAt()))
                .toList();
    }

    /** 48 hourly predictions from the last complete hour, as a run within that hour makes them. */
    static List<PredictionRecord> path(String target, double load, Instant createdAt) {
        Instant hour = Instant.parse("2026-11-30T12:00:00Z");
        List<PredictionRecord> records = new ArrayList<>();
        for (int k = 1; k <= 48; k++) {
            records.add(new PredictionRecord(
                    target,
                    new LoadPrediction(
                            hour.plus(Duration.ofHours(k - 1)),
                            Duration.ofHours(k),
                            load + k,
                            load,
                            load + 2 * k,
                            0.8,
                            "hourly path"),
                    2,
                    Severity.NORMAL,
                    "keep MinCapacity 2",
                    createdAt));
        }
        return records;
    }
}
