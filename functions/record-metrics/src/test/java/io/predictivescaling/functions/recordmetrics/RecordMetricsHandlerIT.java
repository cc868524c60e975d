package io.predictivescaling.functions.recordmetrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.amazonaws.services.lambda.runtime.tests.annotations.Events;
import io.predictivescaling.aws.Retry;
import io.predictivescaling.aws.local.TemplateTables;
import io.predictivescaling.metrics.CloudWatchMetricSource;
import io.predictivescaling.metrics.DynamoDbTimeSeriesStore;
import io.predictivescaling.metrics.LoadSample;
import io.predictivescaling.metrics.RecordMetricsService;
import io.predictivescaling.metrics.RecordResult;
import io.predictivescaling.metrics.StoreWriteException;
import io.predictivescaling.targets.DynamoDbTargetRepository;
import io.predictivescaling.testing.TestAws;
import io.predictivescaling.testing.TestContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** record-metrics end to end against moto: events from events/, tables from template.yaml. */
class RecordMetricsHandlerIT {
    static final Instant EVENT_TIME = Instant.parse("2026-11-27T20:00:00Z");
    static final Retry FAST_RETRY = new Retry(4, Duration.ofMillis(1), Duration.ofMillis(5));

    final DynamoDbClient dynamo = TestAws.dynamoDb();
    final CloudWatchClient cloudWatch = TestAws.cloudWatch();
    String metricsTable;
    String targetsTable;
    DynamoDbTimeSeriesStore store;
    final TestContext context = new TestContext();

    @BeforeEach
    void createTables() {
        metricsTable = TemplateTables.create(dynamo, "MetricsTable");
        targetsTable = TemplateTables.create(dynamo, "TargetsTable");
        store = new DynamoDbTimeSeriesStore(dynamo, metricsTable, Duration.ofDays(400), FAST_RETRY);
        putTarget(Map.of("targetId", s("checkout-ecs"), "metricId", s("checkout-rps")));
    }

    RecordMetricsHandler handler(Clock clock) {
        return new RecordMetricsHandler(
                RecordMetricsWiring.of(
                        dynamo,
                        cloudWatch,
                        FAST_RETRY,
                        new RecordMetricsWiring.Tables(targetsTable, metricsTable),
                        Duration.ofHours(3),
                        Duration.ofDays(400)),
                clock);
    }

    RecordMetricsHandler handler(Clock clock, DynamoDbClient metricsClient) {
        return new RecordMetricsHandler(
                new RecordMetricsService(
                        new DynamoDbTargetRepository(dynamo, targetsTable, FAST_RETRY),
                        new CloudWatchMetricSource(cloudWatch, FAST_RETRY),
                        new DynamoDbTimeSeriesStore(metricsClient, metricsTable, Duration.ofDays(400), FAST_RETRY),
                        Duration.ofHours(3),
                        Duration.ofDays(400)),
                clock);
    }

    @ParameterizedTest
    @Events(folder = "events/record-metrics", type = ScheduledEvent.class)
    void everySampleEventInTheRepositoryIsHandled(ScheduledEvent event) {
        RecordResult result = handler(Clock.fixed(EVENT_TIME, ZoneOffset.UTC)).handleRequest(event, context);

        assertThat(result.rejected()).isEmpty();
        assertThat(result.problems()).isEmpty();
        if ("LoadSample".equals(event.getDetailType())) {
            assertThat(result.samplesStored()).isPositive();
            assertThat(store.read("checkout-rps", EVENT_TIME.minusSeconds(3600), EVENT_TIME))
                    .hasSize(result.samplesStored())
                    .allSatisfy(s -> assertThat(s.source()).isEqualTo("com.example.checkout"));
        }
    }

    @Test
    void theScheduledPullStoresEachTargetsCloudWatchLoadSinceItsLastSample() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        String namespace = "Test/" + UUID.randomUUID();
        putTarget(Map.of(
                "targetId",
                s("web-ecs"),
                "metricId",
                s("web-requests"),
                "cloudWatch",
                AttributeValue.fromM(Map.of(
                        "namespace",
                        s(namespace),
                        "name",
                        s("RequestCount"),
                        "dimensions",
                        AttributeValue.fromM(Map.of("LoadBalancer", s("app/web/1"))),
                        "stat",
                        s("Sum"),
                        "periodSeconds",
                        AttributeValue.fromN("60")))));
        List<MetricDatum> data = new ArrayList<>();
        for (int minutesAgo = 10; minutesAgo >= 1; minutesAgo--) {
            data.add(MetricDatum.builder()
                    .metricName("RequestCount")
                    .dimensions(Dimension.builder()
                            .name("LoadBalancer")
                            .value("app/web/1")
                            .build())
                    .timestamp(now.minusSeconds(60L * minutesAgo))
                    .value(100.0 + minutesAgo)
                    .unit(StandardUnit.COUNT)
                    .build());
        }
        cloudWatch.putMetricData(r -> r.namespace(namespace).metricData(data));
        ScheduledEvent tick = EventLoader.loadScheduledEvent("events/record-metrics/scheduled.json");

        RecordResult first = handler(Clock.fixed(now, ZoneOffset.UTC)).handleRequest(tick, context);
        RecordResult second = handler(Clock.fixed(now, ZoneOffset.UTC)).handleRequest(tick, context);

        assertThat(first.targetsPulled()).isEqualTo(1);
        assertThat(first.samplesStored()).isEqualTo(10);
        List<LoadSample> stored = store.read("web-requests", now.minusSeconds(3600), now);
        assertThat(stored)
                .extracting(LoadSample::value)
                .containsExactly(110.0, 109.0, 108.0, 107.0, 106.0, 105.0, 104.0, 103.0, 102.0, 101.0);
        assertThat(stored).allSatisfy(s -> assertThat(s.source()).isEqualTo("cloudwatch"));
        // The second run re-reads only the last five minutes (CloudWatch may still revise them), not the hour.
        assertThat(second.samplesStored()).isEqualTo(RecordMetricsService.REREAD_PERIODS);
    }

    @Test
    void aMinuteRevisedWhileCloudWatchAggregatesItIsReadAgainAndOverwritten() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        String namespace = "Test/" + UUID.randomUUID();
        String lb = "app/web/" + UUID.randomUUID();
        putTarget(cloudWatchTarget("web-ecs", "web-requests", namespace, lb, "Sum", null));
        Instant minute = now.minusSeconds(120);
        put(namespace, lb, minute, 400); // what CloudWatch has aggregated so far
        ScheduledEvent tick = EventLoader.loadScheduledEvent("events/record-metrics/scheduled.json");
        handler(Clock.fixed(now, ZoneOffset.UTC)).handleRequest(tick, context);
        assertThat(store.read("web-requests", minute, minute.plusSeconds(60)))
                .extracting(LoadSample::value)
                .containsExactly(400.0);

        put(namespace, lb, minute, 600); // the rest of the minute's requests arrive: Sum 1,000
        handler(Clock.fixed(now.plusSeconds(60), ZoneOffset.UTC)).handleRequest(tick, context);

        assertThat(store.read("web-requests", minute, minute.plusSeconds(60)))
                .extracting(LoadSample::value)
                .containsExactly(1000.0);
    }

    @Test
    void allTargetsArePulledInBatchedGetMetricDataCallsEachKeepingItsOwnData() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        String namespace = "Test/" + UUID.randomUUID();
        for (int i = 0; i < 7; i++) {
            putTarget(cloudWatchTarget(
                    "svc-" + i, "svc-" + i + "-load", namespace, namespace + "/svc/" + i, "Sum", null));
            put(namespace, namespace + "/svc/" + i, now.minusSeconds(180), 600 + i);
        }
        List<String> calls = new ArrayList<>();
        CloudWatchClient counting = TestAws.configure(CloudWatchClient.builder())
                .overrideConfiguration(c ->
                        c.addExecutionInterceptor(new software.amazon.awssdk.core.interceptor.ExecutionInterceptor() {
                            @Override
                            public void beforeExecution(
                                    software.amazon.awssdk.core.interceptor.Context.BeforeExecution c,
                                    software.amazon.awssdk.core.interceptor.ExecutionAttributes a) {
                                calls.add(c.request().getClass().getSimpleName());
                            }
                        }))
                .build();
        // 7 targets, one query each: 3 calls of at most 3 queries (in production, 500).
        RecordMetricsHandler batched = new RecordMetricsHandler(
                new RecordMetricsService(
                        new DynamoDbTargetRepository(dynamo, targetsTable, FAST_RETRY),
                        new CloudWatchMetricSource(counting, FAST_RETRY, 3),
                        store,
                        Duration.ofHours(3),
                        Duration.ofDays(400)),
                Clock.fixed(now, ZoneOffset.UTC));

        RecordResult result =
                batched.handleRequest(EventLoader.loadScheduledEvent("events/record-metrics/scheduled.json"), context);

        assertThat(result.targetsPulled()).isEqualTo(7);
        assertThat(calls).containsOnly("GetMetricDataRequest").hasSize(3);
        for (int i = 0; i < 7; i++) {
            assertThat(store.read("svc-" + i + "-load", now.minusSeconds(180), now.minusSeconds(120)))
                    .extracting(LoadSample::value)
                    .containsExactly(600.0 + i);
        }
    }

    @Test
    void aQuietCountMetricRecordsZerosWhileAQuietAverageStaysAGap() {
        // A load balancer publishes no RequestCount while idle: for a Sum that is zero load, not missing data.
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        String namespace = "Test/" + UUID.randomUUID();
        String lb = "app/lb/" + UUID.randomUUID();
        putTarget(cloudWatchTarget("lb", "lb-requests", namespace, lb, "Sum", null));
        putTarget(cloudWatchTarget("cpu", "cpu-average", namespace, lb, "Average", null));
        Map<String, AttributeValue> explicitGap =
                new HashMap<>(cloudWatchTarget("lb-gap", "lb-gap-requests", namespace, lb, "Sum", null));
        Map<String, AttributeValue> cw =
                new HashMap<>(explicitGap.get("cloudWatch").m());
        cw.put("missingData", s("gap"));
        explicitGap.put("cloudWatch", AttributeValue.fromM(cw));
        putTarget(explicitGap);
        put(namespace, lb, now.minusSeconds(600), 50); // one busy minute, then quiet
        ScheduledEvent tick = EventLoader.loadScheduledEvent("events/record-metrics/scheduled.json");

        RecordResult result = handler(Clock.fixed(now, ZoneOffset.UTC)).handleRequest(tick, context);

        assertThat(result.problems()).isEmpty();
        List<LoadSample> counted = store.read("lb-requests", now.minusSeconds(3600), now);
        assertThat(counted)
                .extracting(LoadSample::value)
                .startsWith(50.0, 0.0, 0.0)
                .hasSize(9);
        assertThat(store.latestTimestamp("lb-requests")).contains(now.minusSeconds(120));
        assertThat(store.read("cpu-average", now.minusSeconds(3600), now))
                .extracting(LoadSample::value)
                .containsExactly(50.0);
        assertThat(store.lastPulled("lb-requests"))
                .as("zeros were recorded: no marker needed")
                .isEmpty();

        // Later, a pull with no datapoint at all: the average stays a gap, but the pull is known to have succeeded,
        // so the metric is quiet, not stale.
        Instant later = now.plusSeconds(3600);
        handler(Clock.fixed(later, ZoneOffset.UTC)).handleRequest(tick, context);
        assertThat(store.read("cpu-average", now, later)).isEmpty();
        assertThat(store.lastPulled("cpu-average")).contains(later);
        assertThat(store.latestTimestamp("cpu-average")).contains(now.minusSeconds(600));
        assertThat(store.read("lb-gap-requests", now.minusSeconds(3600), now)).hasSize(1);
    }

    static Map<String, AttributeValue> cloudWatchTarget(
            String targetId, String metricId, String namespace, String loadBalancer, String stat, String expression) {
        Map<String, AttributeValue> cw = new HashMap<>(Map.of(
                "namespace",
                s(namespace),
                "name",
                s("RequestCount"),
                "dimensions",
                AttributeValue.fromM(Map.of("LoadBalancer", s(loadBalancer))),
                "stat",
                s(stat),
                "periodSeconds",
                AttributeValue.fromN("60")));
        if (expression != null) {
            cw.put("expression", s(expression));
        }
        return Map.of("targetId", s(targetId), "metricId", s(metricId), "cloudWatch", AttributeValue.fromM(cw));
    }

    void put(String namespace, String loadBalancer, Instant at, double value) {
        cloudWatch.putMetricData(r -> r.namespace(namespace)
                .metricData(MetricDatum.builder()
                        .metricName("RequestCount")
                        .dimensions(Dimension.builder()
                                .name("LoadBalancer")
                                .value(loadBalancer)
                                .build())
                        .timestamp(at)
                        .value(value)
                        .unit(StandardUnit.COUNT)
                        .build()));
    }

    @Test
    void aMetricIdTooLongForADynamoDbKeyIsReportedAndTheOtherTargetsAreStillPulled() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        String namespace = "Test/" + UUID.randomUUID();
        AttributeValue metric = AttributeValue.fromM(Map.of(
                "namespace",
                s(namespace),
                "name",
                s("RequestCount"),
                "stat",
                s("Sum"),
                "periodSeconds",
                AttributeValue.fromN("60")));
        putTarget(Map.of("targetId", s("a-long-one"), "metricId", s("m".repeat(3000)), "cloudWatch", metric));
        putTarget(Map.of("targetId", s("web-ecs"), "metricId", s("web-requests"), "cloudWatch", metric));
        cloudWatch.putMetricData(r -> r.namespace(namespace)
                .metricData(MetricDatum.builder()
                        .metricName("RequestCount")
                        .timestamp(now.minusSeconds(120))
                        .value(50.0)
                        .unit(StandardUnit.COUNT)
                        .build()));
        ScheduledEvent tick = EventLoader.loadScheduledEvent("events/record-metrics/scheduled.json");

        RecordResult result = handler(Clock.fixed(now, ZoneOffset.UTC)).handleRequest(tick, context);

        assertThat(result.problems())
                .containsExactly("target a-long-one skipped: metricId is 3000 bytes long: "
                        + "DynamoDB keys hold at most 2048 bytes; use a shorter id");
        assertThat(result.targetsPulled()).isEqualTo(1);
        assertThat(store.read("web-requests", now.minusSeconds(3600), now))
                .extracting(LoadSample::value)
                .containsExactly(50.0);
    }

    @Test
    void badSamplesAreRejectedWithReasonsWhileGoodOnesInTheSameEventAreStored() {
        ScheduledEvent event = EventLoader.loadScheduledEvent("events/record-metrics/load-sample-batch.json");
        List<Object> samples = new ArrayList<>((List<?>) event.getDetail().get("samples"));
        samples.add(Map.of("metricId", "checkout-rps", "timestamp", "2026-11-27T19:56:00Z", "value", "NaN"));
        samples.add(Map.of("metricId", "checkout-rps", "timestamp", "2026-11-27T19:55:00Z", "value", -1));
        samples.add(Map.of("metricId", "unknown-metric", "timestamp", "2026-11-27T19:55:00Z", "value", 1));
        samples.add(Map.of("metricId", "checkout-rps", "value", 1));
        samples.add(Map.of("metricId", "checkout-rps", "timestamp", "2027-01-01T00:00:00Z", "value", 1));
        Map<String, Object> detail = new HashMap<>(event.getDetail());
        detail.put("samples", samples);
        event.setDetail(detail);

        RecordResult result = handler(Clock.fixed(EVENT_TIME, ZoneOffset.UTC)).handleRequest(event, context);

        assertThat(result.samplesStored()).isEqualTo(3);
        assertThat(result.rejected())
                .extracting(r -> r.index() + ": " + r.reason())
                .containsExactly(
                        "3: value is NaN",
                        "4: value -1.0 is negative: load cannot be",
                        "5: unknown metric 'unknown-metric': add a target with this metricId to the targets table first",
                        "6: missing field timestamp",
                        "7: timestamp 2027-01-01T00:00:00Z is more than 5 min in the future");
        assertThat(store.read("checkout-rps", EVENT_TIME.minusSeconds(3600), EVENT_TIME))
                .hasSize(3);
        assertThat(context.lines).anyMatch(l -> l.startsWith("WARN rejected sample index=3") && l.contains("NaN"));
    }

    @Test
    void duplicateAndOutOfOrderPushesEndAsOneOrderedSeries() {
        ScheduledEvent batch = EventLoader.loadScheduledEvent("events/record-metrics/load-sample-batch.json");
        ScheduledEvent single = EventLoader.loadScheduledEvent("events/record-metrics/load-sample.json");
        var handler = handler(Clock.fixed(EVENT_TIME, ZoneOffset.UTC));

        handler.handleRequest(single, context);
        handler.handleRequest(batch, context);
        handler.handleRequest(batch, context);

        assertThat(store.read("checkout-rps", EVENT_TIME.minusSeconds(3600), EVENT_TIME))
                .extracting(LoadSample::value)
                .containsExactly(171.0, 176.25, 182.5);
    }

    @Test
    void aWriteThatKeepsFailingFailsTheInvocationSoLambdaRetriesIt() {
        ScheduledEvent event = EventLoader.loadScheduledEvent("events/record-metrics/load-sample.json");
        DynamoDbClient broken =
                TestAws.dynamoDb(List.of(new software.amazon.awssdk.core.interceptor.ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(
                            software.amazon.awssdk.core.interceptor.Context.BeforeExecution c,
                            software.amazon.awssdk.core.interceptor.ExecutionAttributes a) {
                        throw software.amazon.awssdk.services.dynamodb.model.DynamoDbException.builder()
                                .statusCode(500)
                                .message("InternalServerError (injected)")
                                .build();
                    }
                }));

        assertThatThrownBy(() ->
                        handler(Clock.fixed(EVENT_TIME, ZoneOffset.UTC), broken).handleRequest(event, context))
                .isInstanceOf(StoreWriteException.class)
                .hasMessageContaining("checkout-rps");
    }

    @Test
    void anEventOfAnotherKindIsAClearError() {
        ScheduledEvent event = EventLoader.loadScheduledEvent("events/record-metrics/load-sample.json");
        event.setDetailType("OrderPlaced");
        event.setSource("com.example.shop");

        assertThatThrownBy(() -> handler(Clock.systemUTC()).handleRequest(event, context))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("detail-type 'OrderPlaced'");
    }

    @Test
    void aBadlyConfiguredTargetIsReportedAndTheOthersStillRun() {
        putTarget(Map.of("targetId", s("broken"), "cloudWatch", s("not a map")));
        ScheduledEvent event = EventLoader.loadScheduledEvent("events/record-metrics/load-sample.json");

        RecordResult result = handler(Clock.fixed(EVENT_TIME, ZoneOffset.UTC)).handleRequest(event, context);

        assertThat(result.samplesStored()).isEqualTo(1);
        assertThat(result.problems()).containsExactly("target broken skipped: cloudWatch must be a map");
    }

    void putTarget(Map<String, AttributeValue> item) {
        dynamo.putItem(r -> r.tableName(targetsTable).item(item));
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
