package io.predictivescaling.functions.predictandscale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.predictivescaling.aws.Retry;
import io.predictivescaling.aws.local.TemplateTables;
import io.predictivescaling.backtest.Backtest;
import io.predictivescaling.backtest.BacktestConfig;
import io.predictivescaling.backtest.Trace;
import io.predictivescaling.backtest.TraceReader;
import io.predictivescaling.forecast.LoadPrediction;
import io.predictivescaling.metrics.DynamoDbTimeSeriesStore;
import io.predictivescaling.metrics.LoadSample;
import io.predictivescaling.planning.PlanningCore;
import io.predictivescaling.scaling.PredictAndScaleService;
import io.predictivescaling.targets.ScalingPolicy;
import io.predictivescaling.testing.IssueLoad;
import io.predictivescaling.testing.PredictionRows;
import io.predictivescaling.testing.TestAws;
import io.predictivescaling.testing.TestContext;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * The backtest proves something only if it plans as the Lambda does: the same history, target and "now" through
 * predict-and-scale (against moto) and through the backtest's planning step give the same predictions and floors
 * for the next 48 hours.
 */
class LiveAndBacktestPlanAlikeIT {
    static final Retry RETRY = new Retry(3, Duration.ofMillis(1), Duration.ofMillis(5));
    static final DynamoDbClient DYNAMO = TestAws.dynamoDb();
    static final ApplicationAutoScalingClient AAS =
            TestAws.configure(ApplicationAutoScalingClient.builder()).build();

    @Test
    void theBundledHalfHourlyTraceIsPlannedAlike() {
        Trace trace = TraceReader.read(Path.of("../../cli/traces/nyc_taxi.csv"));
        alike(trace, trace.start().plus(Duration.ofDays(40)).plus(Duration.ofHours(7)), 1500);
    }

    @Test
    void aSeededFiveMinuteTraceIsPlannedAlike() {
        Instant start = Instant.parse("2026-01-05T00:00:00Z");
        List<LoadSample> samples = IssueLoad.samples(
                "m", start, start.plus(Duration.ofDays(33)), t -> IssueLoad.expected(t, ZoneOffset.UTC, 15), 7);
        double[] demand = samples.stream()
                .mapToDouble(s -> Math.round(s.value() * 100) / 100.0)
                .toArray();
        Trace trace = new Trace("seeded-5min", start, Duration.ofMinutes(5), demand, List.of());
        alike(trace, start.plus(Duration.ofDays(30)).plus(Duration.ofHours(13)), 50);
    }

    void alike(Trace trace, Instant now, double loadPerUnit) {
        String id = "alike-" + UUID.randomUUID().toString().substring(0, 8);
        List<LoadSample> samples = new ArrayList<>();
        Instant from = now.minus(Duration.ofDays(28)).minus(Duration.ofHours(1)); // what the Lambda reads
        for (int i = 0; i < trace.size() && trace.time(i).isBefore(now); i++) {
            if (!Double.isNaN(trace.demand()[i]) && !trace.time(i).isBefore(from)) {
                samples.add(new LoadSample(id, trace.time(i), trace.demand()[i], "Count", "test"));
            }
        }
        String metrics = TemplateTables.create(DYNAMO, "MetricsTable");
        new DynamoDbTimeSeriesStore(DYNAMO, metrics, Duration.ofDays(100_000), RETRY).importHistory(samples);
        String targets = TemplateTables.create(DYNAMO, "TargetsTable");
        String predictions = TemplateTables.create(DYNAMO, "PredictionsTable");
        String bus = "bus-" + id;
        try (EcsClient ecs = TestAws.configure(EcsClient.builder()).build();
                EventBridgeClient events =
                        TestAws.configure(EventBridgeClient.builder()).build()) {
            ecs.createCluster(r -> r.clusterName(id));
            ecs.createService(r -> r.cluster(id).serviceName("web").desiredCount(1));
            events.createEventBus(r -> r.name(bus));
        }
        String resource = "service/" + id + "/web";
        AAS.registerScalableTarget(r -> r.serviceNamespace("ecs")
                .resourceId(resource)
                .scalableDimension("ecs:service:DesiredCount")
                .minCapacity(1)
                .maxCapacity(1000));
        Map<String, AttributeValue> item = new java.util.HashMap<>(Map.of(
                "targetId",
                s(id),
                "metricId",
                s(id),
                "serviceNamespace",
                s("ecs"),
                "resourceId",
                s(resource),
                "scalableDimension",
                s("ecs:service:DesiredCount"),
                "loadPerUnit",
                n(loadPerUnit),
                "minCapacity",
                n(1),
                "maxCapacity",
                n(1000),
                "mode",
                s("ForecastOnly"),
                "sizing",
                s("fixed")));
        // A half-hourly metric's last sample is up to 30 minutes old at the hour: not stale for this target.
        item.put("staleAfterMinutes", n(60));
        DYNAMO.putItem(r -> r.tableName(targets).item(item));

        PredictAndScaleService service = PredictAndScaleWiring.of(
                DYNAMO,
                AAS,
                TestAws.configure(EventBridgeClient.builder()).build(),
                RETRY,
                new PredictAndScaleWiring.Tables(
                        targets,
                        metrics,
                        TemplateTables.create(DYNAMO, "PatternsTable"),
                        predictions,
                        TemplateTables.create(DYNAMO, "AccuracyTable"),
                        TemplateTables.create(DYNAMO, "SignalsTable"),
                        TemplateTables.create(DYNAMO, "EventsTable"),
                        bus),
                Duration.ofDays(28),
                1);
        ScheduledEvent tick = EventLoader.loadScheduledEvent("events/predict-and-scale/scheduled.json");
        PredictAndScaleService.Result result = new PredictAndScaleHandler(service, Clock.fixed(now, ZoneOffset.UTC))
                .handleRequest(tick, new TestContext());
        assertThat(result.problems()).isEmpty();
        Map<Instant, Map<String, AttributeValue>> live = PredictionRows.of(DYNAMO, predictions, id).stream()
                .filter(i -> i.get("resolution").s().equals("PT1H"))
                .collect(Collectors.toMap(
                        i -> Instant.parse(i.get("forecastTime").s()), i -> i));

        ScalingPolicy policy = ScalingPolicy.builder(loadPerUnit, 1, 1000)
                .staleAfter(Duration.ofMinutes(60))
                .build();
        BacktestConfig config = BacktestConfig.defaults(loadPerUnit / 0.7)
                .with(0.8, 0.7, 50, PlanningCore.LIVE_HOUR_QUANTILE, true, true);
        Backtest.PlanningStep step = new Backtest(config).planningStep(trace, now, policy, 1);

        List<LoadPrediction> path =
                step.path().stream().filter(PlanningCore::onPath).toList();
        assertThat(path).hasSize(48);
        assertThat(live).hasSize(48);
        assertThat(step.plan().raisesAllowed()).isTrue();
        for (LoadPrediction p : path) {
            Map<String, AttributeValue> got = live.get(p.forecastTime());
            assertThat(got).as("live prediction at %s", p.forecastTime()).isNotNull();
            assertThat(Double.parseDouble(got.get("predictedLoad").n()))
                    .as("load at %s", p.forecastTime())
                    .isCloseTo(p.predictedLoad(), within(0.002));
            assertThat(Double.parseDouble(got.get("upperBound").n())).isCloseTo(p.upper(), within(0.002));
            assertThat(Integer.parseInt(got.get("predictedCapacity").n()))
                    .as("floor at %s", p.forecastTime())
                    .isEqualTo(
                            step.plan().stepAt(p.forecastTime()).orElseThrow().capacity());
        }
    }

    static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    static AttributeValue n(double v) {
        return AttributeValue.fromN(Double.toString(v));
    }
}
