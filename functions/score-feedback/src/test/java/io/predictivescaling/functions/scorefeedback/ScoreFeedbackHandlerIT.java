package io.predictivescaling.functions.scorefeedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.predictivescaling.aws.Retry;
import io.predictivescaling.aws.local.TemplateTables;
import io.predictivescaling.feedback.Accuracy;
import io.predictivescaling.feedback.DynamoDbFeedbackStore;
import io.predictivescaling.feedback.MetricsEmitter;
import io.predictivescaling.feedback.ScoreFeedbackService;
import io.predictivescaling.forecast.LoadPrediction;
import io.predictivescaling.metrics.DynamoDbTimeSeriesStore;
import io.predictivescaling.metrics.LoadSample;
import io.predictivescaling.planning.Severity;
import io.predictivescaling.scaling.DynamoDbPredictionStore;
import io.predictivescaling.scaling.PredictionRecord;
import io.predictivescaling.testing.TestAws;
import io.predictivescaling.testing.TestContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * score-feedback against moto: the deployed wiring, and predictions meeting the load that came as the tables hold
 * them. What is learned and how the next plan uses it runs on fakes in {@link ScoreFeedbackServiceTest}.
 */
class ScoreFeedbackHandlerIT {
    static final Retry RETRY = new Retry(3, Duration.ofMillis(1), Duration.ofMillis(5));
    static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    final DynamoDbClient dynamo = TestAws.dynamoDb();
    String metricsTable;
    String targetsTable;
    String predictionsTable;
    String accuracyTable;
    DynamoDbTimeSeriesStore metrics;
    DynamoDbPredictionStore predictions;
    DynamoDbFeedbackStore feedback;

    @BeforeEach
    void tables() {
        metricsTable = TemplateTables.create(dynamo, "MetricsTable");
        targetsTable = TemplateTables.create(dynamo, "TargetsTable");
        predictionsTable = TemplateTables.create(dynamo, "PredictionsTable");
        accuracyTable = TemplateTables.create(dynamo, "AccuracyTable");
        metrics = new DynamoDbTimeSeriesStore(dynamo, metricsTable, Duration.ofDays(4000), RETRY);
        predictions = new DynamoDbPredictionStore(dynamo, predictionsTable, RETRY);
        feedback = new DynamoDbFeedbackStore(dynamo, predictionsTable, accuracyTable, RETRY);
        target("web", "web-rps", "table/web-" + UUID.randomUUID());
        dynamo.updateItem(r -> r.tableName(targetsTable)
                .key(Map.of("targetId", s("web")))
                .updateExpression("SET unitPricePerHour = :p")
                .expressionAttributeValues(Map.of(":p", n(0.05))));
    }

    void target(String id, String metric, String resource) {
        dynamo.putItem(r -> r.tableName(targetsTable)
                .item(Map.of(
                        "targetId",
                        s(id),
                        "metricId",
                        s(metric),
                        "serviceNamespace",
                        s("dynamodb"),
                        "resourceId",
                        s(resource),
                        "scalableDimension",
                        s("dynamodb:table:ReadCapacityUnits"),
                        "loadPerUnit",
                        n(10),
                        "minCapacity",
                        n(1),
                        "maxCapacity",
                        n(100),
                        "mode",
                        s("ForecastAndScale"),
                        "staleAfterMinutes",
                        n(120)))); // the history here is hourly
    }

    ScoreFeedbackService.Result score(Instant now) {
        var handler = new ScoreFeedbackHandler(
                ScoreFeedbackWiring.of(
                        dynamo,
                        RETRY,
                        new ScoreFeedbackWiring.Tables(targetsTable, metricsTable, predictionsTable, accuracyTable),
                        Duration.ofDays(4000),
                        MetricsEmitter.NONE),
                Clock.fixed(now, ZoneOffset.UTC));
        ScheduledEvent tick = EventLoader.loadScheduledEvent("events/score-feedback/scheduled.json");
        return handler.handleRequest(tick, new TestContext());
    }

    /** An hourly prediction of {@code predicted} in [lower, upper] with capacity 12, from the named method. */
    void predict(String target, Instant hour, double predicted, double lower, double upper, String method) {
        predictions.save(List.of(new PredictionRecord(
                target,
                new LoadPrediction(
                        hour, Duration.ofHours(3), predicted, lower, upper, 0.9, "methods: " + method + " 100%"),
                12,
                Severity.NORMAL,
                "keep",
                hour.minusSeconds(7200))));
    }

    void load(String metric, Instant at, double value) {
        metrics.append(List.of(new LoadSample(metric, at, value, "", "test")));
    }

    /**
     * Issue 19: an hour forecast 48 times (one per horizon of the hourly path) and its twelve 5-minute intervals get
     * 13 actual items, not 60 updates, and the next run reads every prediction back as scored.
     */
    @Test
    void anIntervalsActualIsWrittenOnceForAllItsPredictionsAndReadBackByEach() {
        List<PredictionRecord> records = new ArrayList<>();
        for (int h = 1; h <= 48; h++) {
            records.add(record("web", T0, Duration.ofHours(h), 100));
        }
        for (int m = 0; m < 60; m += 5) {
            records.add(record("web", T0.plus(Duration.ofMinutes(m)), Duration.ofMinutes(5), 100));
        }
        predictions.save(records);
        for (int m = 0; m < 60; m++) {
            load("web-rps", T0.plus(Duration.ofMinutes(m)), 90);
        }

        ScoreFeedbackService.Result first = score(T0.plus(Duration.ofMinutes(61)));
        ScoreFeedbackService.Result second = score(T0.plus(Duration.ofMinutes(121)));

        assertThat(first.scored()).isEqualTo(60);
        var items = dynamo.scan(r -> r.tableName(predictionsTable)).items();
        assertThat(items).hasSize(60 + 13);
        assertThat(items.stream().filter(i -> i.containsKey("actualLoad")))
                .as("actual items: one for the hour, one per 5-minute interval")
                .hasSize(13)
                .allSatisfy(i -> assertThat(i.get("forecast").s()).contains("#actual#"));
        assertThat(second.scored()).as("read back as scored, not scored again").isZero();
        assertThat(feedback.accuracy("web", "last24h#all").orElseThrow().count())
                .isEqualTo(60);
    }

    static PredictionRecord record(String target, Instant at, Duration horizon, double predicted) {
        return new PredictionRecord(
                target,
                new LoadPrediction(
                        at, horizon, predicted, predicted * 0.9, predicted * 1.1, 0.9, "methods: daily-naive 100%"),
                12,
                Severity.NORMAL,
                "keep",
                at.minus(horizon));
    }

    @Test
    void theDeployedWiringStampsItsMetricsWithTheHandlersClockNotTheSystemClock() {
        Instant now = T0.plus(Duration.ofHours(5));
        predict("web", T0, 100, 90, 110, "weekly-profile-2");
        load("web-rps", T0.plusSeconds(600), 95);
        Map<String, String> environment = Map.of(
                "TARGETS_TABLE",
                targetsTable,
                "METRICS_TABLE",
                metricsTable,
                "PREDICTIONS_TABLE",
                predictionsTable,
                "ACCURACY_TABLE",
                accuracyTable);
        java.io.PrintStream stdout = System.out;
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        TestAws.useForDefaultClients();
        environment.forEach(System::setProperty);
        try {
            System.setOut(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
            ScoreFeedbackService.Result result = new ScoreFeedbackHandler(Clock.fixed(now, ZoneOffset.UTC))
                    .handleRequest(
                            EventLoader.loadScheduledEvent("events/score-feedback/scheduled.json"), new TestContext());

            assertThat(result.scored()).isEqualTo(1);
        } finally {
            System.setOut(stdout);
            environment.keySet().forEach(System::clearProperty);
        }
        assertThat(printed.toString(java.nio.charset.StandardCharsets.UTF_8)
                        .lines()
                        .filter(line -> line.contains("\"_aws\""))
                        .toList())
                .isNotEmpty()
                .allSatisfy(line -> assertThat(line).contains("\"Timestamp\":" + now.toEpochMilli()));
    }

    @Test
    void maturedPredictionsGetTheirActualAndTheAggregatesAreRightOnAHandCheckedExample() {
        double[] actual = {80, 100, 125, 100};
        for (int h = 0; h < 4; h++) {
            predict("web", T0.plus(Duration.ofHours(h)), 100, 90, 110, "weekly-profile-2");
            load("web-rps", T0.plus(Duration.ofHours(h)).plusSeconds(600), actual[h]);
        }
        predict("web", T0.plus(Duration.ofHours(9)), 100, 90, 110, "weekly-profile-2"); // not yet matured

        ScoreFeedbackService.Result result = score(T0.plus(Duration.ofHours(5)));

        assertThat(result.scored()).isEqualTo(4);
        // The hour's actual is one item beside its predictions, as the README tells console users to read it.
        var item = dynamo.getItem(r -> r.tableName(predictionsTable)
                        .key(Map.of(
                                "targetId", s("web"), "forecast", s(T0.plus(Duration.ofHours(2)) + "#actual#PT1H"))))
                .item();
        assertThat(item.get("actualLoad").n()).isEqualTo("125.0000");
        assertThat(item.get("statistic").s()).isEqualTo("p95");
        assertThat(item.get("errors").m().get("PT3H").n()).isEqualTo("-25.0000");
        Accuracy a = feedback.accuracy("web", "last24h#all").orElseThrow();
        // MAPE (20/80 + 0 + 25/125 + 0) / 4 = 11.25%; sMAPE (40/180 + 0 + 50/225 + 0) / 4 = 11.11%;
        // bias (0.25 + 0 - 0.2 + 0) / 4 = 1.25%; inside [90, 110]: 2 of 4.
        assertThat(a.count()).isEqualTo(4);
        assertThat(a.mape()).isCloseTo(11.25, within(1e-3));
        assertThat(a.smape()).isCloseTo(11.111, within(1e-3));
        assertThat(a.bias()).isCloseTo(1.25, within(1e-3));
        assertThat(a.coverage()).isEqualTo(0.5);
        // Capacity 12 x 10 per unit: short of 125 once; more than need + 1 unit for 80, 100, 100.
        assertThat(a.underScaled()).isEqualTo(1);
        assertThat(a.overScaled()).isEqualTo(3);
        assertThat(a.capacityUnitHours()).isEqualTo(48.0);
        assertThat(a.staticPeakUnitHours()).isEqualTo(52.0);
        // At 0.05 per unit-hour: 2.40 planned against 2.60 for a fleet sized for the peak.
        assertThat(a.cost().getAsDouble()).isCloseTo(2.40, within(1e-9));
        assertThat(a.staticPeakCost().getAsDouble()).isCloseTo(2.60, within(1e-9));
        assertThat(feedback.accuracy("web", "last24h#horizon=PT6H")).isPresent();
        assertThat(feedback.accuracy("web", "last24h#signal=pattern:weekly-profile-2"))
                .isPresent();
        assertThat(score(T0.plus(Duration.ofHours(5))).scored())
                .as("a rerun scores nothing twice")
                .isZero();
    }

    static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    static AttributeValue n(double v) {
        return AttributeValue.fromN(Double.toString(v));
    }
}
