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
import io.predictivescaling.patterns.DynamoDbPatternStore;
import io.predictivescaling.scaling.ApplicationAutoScalingGateway;
import io.predictivescaling.scaling.DynamoDbPredictionStore;
import io.predictivescaling.common.EventBridgePublisher;
import io.predictivescaling.scaling.PredictAndScaleService;
import io.predictivescaling.events.DynamoDbEventStore;
import io.predictivescaling.scaling.PredictionRecord;
import io.predictivescaling.scaling.PlanInputs;
import io.predictivescaling.sentiment.DynamoDbSignalStore;
import io.predictivescaling.planning.Severity;
import io.predictivescaling.targets.DynamoDbTargetRepository;
import io.predictivescaling.testing.SyntheticLoad;
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
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/** score-feedback against moto: predictions meet the load that came, and what is learned changes the next plan. */
class ScoreFeedbackHandlerTest {
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
        dynamo.updateItem(r -> r.tableName(targetsTable).key(Map.of("targetId", s("web")))
                .updateExpression("SET unitPricePerHour = :p").expressionAttributeValues(Map.of(":p", n(0.05))));
    }

    void target(String id, String metric, String resource) {
        dynamo.putItem(r -> r.tableName(targetsTable).item(Map.of("targetId", s(id), "metricId", s(metric),
                "serviceNamespace", s("dynamodb"), "resourceId", s(resource),
                "scalableDimension", s("dynamodb:table:ReadCapacityUnits"), "loadPerUnit", n(10),
                "minCapacity", n(1), "maxCapacity", n(100), "mode", s("ForecastAndScale"),
                "staleAfterMinutes", n(120)))); // the history here is hourly
    }

    ScoreFeedbackService.Result score(Instant now) {
        var handler = new ScoreFeedbackHandler(ScoreFeedbackWiring.of(dynamo, RETRY, new ScoreFeedbackWiring.Tables(
                targetsTable, metricsTable, predictionsTable, accuracyTable), Duration.ofDays(4000), MetricsEmitter.NONE),
                Clock.fixed(now, ZoneOffset.UTC));
        ScheduledEvent tick = EventLoader.loadScheduledEvent("events/score-feedback/scheduled.json");
        return handler.handleRequest(tick, new TestContext());
    }

    /** An hourly prediction of {@code predicted} in [lower, upper] with capacity 12, from the named method. */
    void predict(String target, Instant hour, double predicted, double lower, double upper, String method) {
        predictions.save(List.of(new PredictionRecord(target, new LoadPrediction(hour, Duration.ofHours(3), predicted,
                lower, upper, 0.9, "methods: " + method + " 100%"), 12, Severity.NORMAL, "keep", hour.minusSeconds(7200))));
    }

    void load(String metric, Instant at, double value) {
        metrics.append(List.of(new LoadSample(metric, at, value, "", "test")));
    }

    @Test
    void theDeployedWiringStampsItsMetricsWithTheHandlersClockNotTheSystemClock() {
        Instant now = T0.plus(Duration.ofHours(5));
        predict("web", T0, 100, 90, 110, "weekly-profile-2");
        load("web-rps", T0.plusSeconds(600), 95);
        Map<String, String> environment = Map.of("TARGETS_TABLE", targetsTable, "METRICS_TABLE", metricsTable,
                "PREDICTIONS_TABLE", predictionsTable, "ACCURACY_TABLE", accuracyTable);
        java.io.PrintStream stdout = System.out;
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        TestAws.useForDefaultClients();
        environment.forEach(System::setProperty);
        try {
            System.setOut(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
            ScoreFeedbackService.Result result = new ScoreFeedbackHandler(Clock.fixed(now, ZoneOffset.UTC))
                    .handleRequest(EventLoader.loadScheduledEvent("events/score-feedback/scheduled.json"),
                            new TestContext());

            assertThat(result.scored()).isEqualTo(1);
        } finally {
            System.setOut(stdout);
            environment.keySet().forEach(System::clearProperty);
        }
        assertThat(printed.toString(java.nio.charset.StandardCharsets.UTF_8).lines()
                .filter(line -> line.contains("\"_aws\"")).toList())
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
        var item = dynamo.getItem(r -> r.tableName(predictionsTable).key(Map.of("targetId", s("web"),
                "forecast", s(T0.plus(Duration.ofHours(2)) + "#PT3H")))).item();
        assertThat(item.get("actualLoad").n()).isEqualTo("125.0000");
        assertThat(item.get("error").n()).isEqualTo("-25.0000");
        assertThat(item.get("withinBounds").bool()).isFalse();
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
        assertThat(a.cost()).isCloseTo(2.40, within(1e-9));
        assertThat(a.staticPeakCost()).isCloseTo(2.60, within(1e-9));
        assertThat(feedback.accuracy("web", "last24h#horizon=PT6H")).isPresent();
        assertThat(feedback.accuracy("web", "last24h#signal=pattern:weekly-profile-2")).isPresent();
        assertThat(score(T0.plus(Duration.ofHours(5))).scored()).as("a rerun scores nothing twice").isZero();
    }

    @Test
    void aMissingActualIsReportedNotScoredAsZero() {
        predict("web", T0, 100, 90, 110, "daily-naive");
        load("web-rps", T0.plus(Duration.ofHours(2)), 50); // data around it, none in its hour

        ScoreFeedbackService.Result result = score(T0.plus(Duration.ofHours(3)));

        assertThat(result.scored()).isZero();
        assertThat(result.missing()).isEqualTo(1);
        assertThat(result.problems()).anySatisfy(p -> assertThat(p).contains("1 matured predictions have no actual load"));
        var item = dynamo.getItem(r -> r.tableName(predictionsTable).key(Map.of("targetId", s("web"),
                "forecast", s(T0 + "#PT3H")))).item();
        assertThat(item).doesNotContainKey("actualLoad");
    }

    @Test
    void aConsistentlyWrongSignalLosesWeightAndACollapsedForecastStopsRaisingCapacity() {
        // Ten days of history so predict-and-scale has something to forecast from.
        var history = SyntheticLoad.series(10 * 24, Duration.ofHours(1), 0, 0.03, 3);
        List<LoadSample> samples = new ArrayList<>();
        for (int i = 0; i < history.size(); i++) {
            samples.add(new LoadSample("web-rps", history.time(i), history.values()[i], "", "test"));
        }
        metrics.append(samples);
        Instant end = history.end();
        List<Double> confidence = new ArrayList<>();
        for (int run = 0; run < 3; run++) {
            Instant now = end.minus(Duration.ofHours(12 - 4L * run));
            for (int h = 1; h <= 4; h++) {
                Instant hour = now.minus(Duration.ofHours(h));
                double truth = history.values()[(int) Duration.between(history.start(), hour).toHours()];
                predict("web", hour, 3 * truth, 2.8 * truth, 3.2 * truth, "daily-naive");
            }
            score(now);
            confidence.add(feedback.signalConfidence("web").get("pattern:daily-naive"));
        }
        assertThat(confidence).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(confidence.get(2)).isLessThan(0.6); // 1 -> 0.80 -> 0.66 -> 0.56 toward a skill of 1/3
        assertThat(feedback.accuracy("web", "last24h#all").orElseThrow().smape()).isGreaterThan(60);

        target("fresh", "web-rps", "table/fresh-" + UUID.randomUUID());
        feedback.saveSignalConfidence("web", Map.of("pattern:daily-naive", 0.05, "pattern:weekly-naive", 0.05,
                "pattern:daily-profile-3", 0.05, "pattern:double-seasonal-log", 0.05), end);

        PredictAndScaleService.Result result = predictAndScale(List.of("web", "fresh")).run(end.plusSeconds(60));

        assertThat(result.lines()).anySatisfy(l -> assertThat(l).startsWith("web (ForecastAndScale): forecast unhealthy "
                + "(accuracy collapsed: sMAPE").contains("no new raise"));
        assertThat(result.lines()).anySatisfy(l -> assertThat(l).startsWith("fresh (ForecastAndScale): ")
                .doesNotContain("unhealthy"));
        String distrusted = reasonOf("web", end);
        String trusted = reasonOf("fresh", end);
        assertThat(trusted).contains("methods: ");
        assertThat(distrusted).isNotEqualTo(trusted);
        for (String method : List.of("daily-naive ", "weekly-naive ", "daily-profile-3 ", "double-seasonal-log ")) {
            assertThat(distrusted).doesNotContain(method);
        }
    }

    @Test
    void onceADayFeedbackTunesHowFloorsAreSizedAndTheNextPlanUsesIt() {
        // Three days of 5-minute load (a daily curve), and the hourly predictions made for it 3 h ahead.
        Instant start = T0.minus(Duration.ofDays(3));
        List<LoadSample> samples = new ArrayList<>();
        for (int i = 0; i < 3 * 288; i++) {
            Instant at = start.plus(Duration.ofMinutes(5L * i));
            samples.add(new LoadSample("web-rps", at, truth(at), "", "test"));
        }
        metrics.append(samples);
        for (int h = 0; h < 72; h++) {
            Instant hour = start.plus(Duration.ofHours(h));
            double mean = truth(hour.plus(Duration.ofMinutes(30)));
            predict("web", hour, mean, 0.9 * mean, 1.1 * mean, "daily-profile-3");
        }
        target("pinned", "web-rps", "table/pinned-" + UUID.randomUUID());
        dynamo.updateItem(r -> r.tableName(targetsTable).key(Map.of("targetId", s("pinned")))
                .updateExpression("SET sizing = :f").expressionAttributeValues(Map.of(":f", s("fixed"))));

        ScoreFeedbackService.Result first = score(T0);

        var tuned = feedback.sizing("web").orElseThrow();
        // loadPerUnit 10 at 70% target tracking: a unit serves 14.29; floors sized at 70%, 80%, 90% or 100% of that,
        // with the spare units of the candidate the reason names, as saved and read back.
        var candidate = io.predictivescaling.simulation.Sizing.candidates(0.7).stream()
                .filter(z -> tuned.reason().startsWith(z.label() + " (")).findFirst().orElseThrow();
        assertThat(tuned.capacityQuantile()).isEqualTo(candidate.quantile());
        assertThat(tuned.loadPerUnit()).isCloseTo(10 / 0.7 * candidate.floorUtilization(),
                org.assertj.core.data.Offset.offset(1e-6));
        assertThat(tuned.spareUnits()).isEqualTo(candidate.spare());
        assertThat(tuned.reason()).contains("under-provisioned").contains("target tracking alone");
        assertThat(first.lines()).anySatisfy(l -> assertThat(l).startsWith("web: floors now sized P"));
        assertThat(feedback.sizing("pinned")).as("sizing fixed by the operator is left alone").isEmpty();
        score(T0.plus(Duration.ofHours(1)));
        assertThat(feedback.sizing("web").orElseThrow().tunedAt()).as("once a day").isEqualTo(T0);

        PredictAndScaleService.Result plan = predictAndScale(List.of("web", "pinned")).run(T0.plusSeconds(60));

        assertThat(plan.lines()).anySatisfy(l -> assertThat(l).startsWith("web (ForecastAndScale): ")
                .contains("(tuned by feedback)"));
        assertThat(plan.lines()).anySatisfy(l -> assertThat(l).startsWith("pinned (ForecastAndScale): ")
                .doesNotContain("tuned"));
    }

    static double truth(Instant at) {
        double day = (at.getEpochSecond() % 86400) / 86400.0;
        return 300 + 200 * Math.sin(2 * Math.PI * day);
    }

    PredictAndScaleService predictAndScale(List<String> registered) {
        ApplicationAutoScalingClient aas = TestAws.configure(ApplicationAutoScalingClient.builder()).build();
        for (String t : registered) {
            var resource = dynamo.getItem(r -> r.tableName(targetsTable).key(Map.of("targetId", s(t)))).item()
                    .get("resourceId").s();
            aas.registerScalableTarget(r -> r.serviceNamespace("dynamodb").resourceId(resource)
                    .scalableDimension("dynamodb:table:ReadCapacityUnits").minCapacity(1).maxCapacity(100));
        }
        String bus = "bus-" + UUID.randomUUID().toString().substring(0, 8);
        EventBridgeClient bridge = TestAws.configure(EventBridgeClient.builder()).build();
        bridge.createEventBus(r -> r.name(bus));
        String patternsTable = TemplateTables.create(dynamo, "PatternsTable");
        return new PredictAndScaleService(
                new DynamoDbTargetRepository(dynamo, targetsTable, RETRY), metrics,
                new DynamoDbPatternStore(dynamo, patternsTable, RETRY), predictions,
                new ApplicationAutoScalingGateway(aas, RETRY), new EventBridgePublisher(bridge, bus, RETRY), new PlanInputs(feedback,
                        new DynamoDbSignalStore(dynamo, TemplateTables.create(dynamo, "SignalsTable"), RETRY),
                        new DynamoDbEventStore(dynamo, TemplateTables.create(dynamo, "EventsTable"), RETRY)),
                Duration.ofDays(10), 2);
    }

    String reasonOf(String target, Instant end) {
        return dynamo.getItem(r -> r.tableName(predictionsTable).key(Map.of("targetId", s(target),
                "forecast", s(end.plus(Duration.ofHours(5)) + "#PT6H")))).item().get("reason").s();
    }

    static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    static AttributeValue n(double v) {
        return AttributeValue.fromN(Double.toString(v));
    }
}
