package io.predictivescaling.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.predictivescaling.aws.Retry;
import io.predictivescaling.aws.local.TemplateTables;
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
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/** Against moto: a rerun that predicts the same values writes nothing; a changed value is written. */
class WriteOnChangePredictionStoreIT {
    static final Instant NOW = Instant.parse("2026-11-30T12:02:00Z");
    static final Retry RETRY = new Retry(3, Duration.ofMillis(1), Duration.ofMillis(5));

    @Test
    void aRerunWithinTheHourWritesOnlyThePredictionsThatChanged() {
        AtomicInteger itemsWritten = new AtomicInteger();
        AtomicInteger queries = new AtomicInteger();
        DynamoDbClient dynamo = TestAws.dynamoDb(List.of(new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof BatchWriteItemRequest write) {
                    write.requestItems().values().forEach(items -> itemsWritten.addAndGet(items.size()));
                }
                if (context.request() instanceof QueryRequest) {
                    queries.incrementAndGet();
                }
            }
        }));
        String table = TemplateTables.create(dynamo, "PredictionsTable");
        var store = new WriteOnChangePredictionStore(dynamo, table, RETRY);

        store.save(path("orders", 100, NOW));
        int first = itemsWritten.getAndSet(0);
        queries.set(0);
        store.save(path("orders", 100, NOW.plus(Duration.ofMinutes(5))));
        int unchanged = itemsWritten.getAndSet(0);
        int queriesWhenUnchanged = queries.getAndSet(0);
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

        assertThat(first).isEqualTo(48);
        assertThat(unchanged).isZero();
        assertThat(queriesWhenUnchanged)
                .as("one item (the path's digest) tells nothing changed: no Query")
                .isZero();
        assertThat(changed).isEqualTo(1);
        var item = dynamo.getItem(r -> r.tableName(table)
                        .key(Map.of(
                                "targetId",
                                AttributeValue.fromS("orders"),
                                "forecast",
                                AttributeValue.fromS(DynamoDbPredictionStore.sortKey(p)))))
                .item();
        assertThat(item.get("predictedLoad").n()).isEqualTo("180.000");
        assertThat(item.get("recommendedAction").s()).isEqualTo("raise MinCapacity to 4");
        assertThat(item.get("createdAt").s())
                .as("when these values were first predicted")
                .isEqualTo(NOW.plus(Duration.ofMinutes(10)).toString());
    }

    @Test
    void aRunThatDiesBeforeMarkingThePathIsComparedRecordByRecordNextTime() {
        AtomicInteger itemsWritten = new AtomicInteger();
        AtomicInteger queries = new AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean dieOnMark = new java.util.concurrent.atomic.AtomicBoolean(true);
        DynamoDbClient dynamo = TestAws.dynamoDb(List.of(new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof BatchWriteItemRequest write) {
                    write.requestItems().values().forEach(items -> itemsWritten.addAndGet(items.size()));
                }
                if (context.request() instanceof QueryRequest) {
                    queries.incrementAndGet();
                }
                if (context.request() instanceof software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest
                        && dieOnMark.get()) {
                    throw new IllegalStateException("connection lost");
                }
            }
        }));
        String table = TemplateTables.create(dynamo, "PredictionsTable");
        var store = new WriteOnChangePredictionStore(dynamo, table, RETRY);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.save(path("orders", 100, NOW)))
                .hasMessageContaining("connection lost");
        dieOnMark.set(false);
        itemsWritten.set(0);
        queries.set(0);
        store.save(path("orders", 100, NOW.plus(Duration.ofMinutes(5))));
        int writtenAfterTheFailure = itemsWritten.getAndSet(0);
        int queriesAfterTheFailure = queries.getAndSet(0);
        store.save(path("orders", 100, NOW.plus(Duration.ofMinutes(10))));

        assertThat(queriesAfterTheFailure)
                .as("no digest: compared record by record")
                .isEqualTo(1);
        assertThat(writtenAfterTheFailure)
                .as("the records were stored before the run died")
                .isZero();
        assertThat(queries.get()).as("marked now: one item tells").isZero();
        assertThat(itemsWritten.get()).isZero();
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
