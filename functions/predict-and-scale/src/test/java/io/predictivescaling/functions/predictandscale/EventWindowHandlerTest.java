package io.predictivescaling.functions.predictandscale;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.predictivescaling.aws.Retry;
import io.predictivescaling.aws.local.TemplateTables;
import io.predictivescaling.events.DynamoDbEventStore;
import io.predictivescaling.events.KnownEvent;
import io.predictivescaling.feedback.DynamoDbFeedbackStore;
import io.predictivescaling.metrics.DynamoDbTimeSeriesStore;
import io.predictivescaling.metrics.LoadSample;
import io.predictivescaling.patterns.DynamoDbPatternStore;
import io.predictivescaling.scaling.ApplicationAutoScalingGateway;
import io.predictivescaling.scaling.DynamoDbPredictionStore;
import io.predictivescaling.common.EventBridgePublisher;
import io.predictivescaling.scaling.PredictAndScaleService;
import io.predictivescaling.scaling.PlanInputs;
import io.predictivescaling.sentiment.DynamoDbSignalStore;
import io.predictivescaling.targets.DynamoDbTargetRepository;
import io.predictivescaling.testing.TestAws;
import io.predictivescaling.testing.TestContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * Events act over their own window in predict-and-scale (issue 12, finding 6), against moto: an ECS service (min 2,
 * max 40, 50 per task, sizing fixed) over 28 days of 5-minute load, about 100 at night and a smooth peak of about
 * 1000 at 15:00 UTC with 3% noise.
 */
class EventWindowHandlerTest {
    static final Instant NOW = Instant.parse("2026-11-27T20:02:00Z");
    static final Retry RETRY = new Retry(3, Duration.ofMillis(1), Duration.ofMillis(5));
    static final DynamoDbClient DYNAMO = TestAws.dynamoDb();
    static final ApplicationAutoScalingClient AAS = TestAws.configure(ApplicationAutoScalingClient.builder()).build();
    static final String CLUSTER = "ew-" + UUID.randomUUID().toString().substring(0, 8);
    static String metricsTable;
    static String patternsTable;
    static String bus;
    static Map<Instant, Integer> plain;

    @BeforeAll
    static void seedFourWeeksOfLoadPeakingAt1500() {
        metricsTable = TemplateTables.create(DYNAMO, "MetricsTable");
        patternsTable = TemplateTables.create(DYNAMO, "PatternsTable");
        bus = "bus-" + UUID.randomUUID().toString().substring(0, 8);
        try (EventBridgeClient events = TestAws.configure(EventBridgeClient.builder()).build()) {
            events.createEventBus(r -> r.name(bus));
        }
        Random noise = new Random(14);
        List<LoadSample> samples = new ArrayList<>();
        for (Instant t = NOW.minus(Duration.ofDays(28)); t.isBefore(NOW); t = t.plus(Duration.ofMinutes(5))) {
            double hour = t.atZone(ZoneOffset.UTC).getHour() + t.atZone(ZoneOffset.UTC).getMinute() / 60.0;
            double load = 100 + 900 * Math.exp(-Math.pow(hour - 15, 2) / 8);
            samples.add(new LoadSample("shop-rps", t, load * (1 + 0.03 * noise.nextGaussian()), "Count", "test"));
        }
        // One hour per item: written a week at a time, in parallel, to keep the suite quick.
        var store = new DynamoDbTimeSeriesStore(DYNAMO, metricsTable, Duration.ofDays(400), RETRY);
        java.util.stream.IntStream.range(0, 4).parallel().forEach(w -> store.append(samples.subList(w * 2016,
                Math.min(samples.size(), (w + 1) * 2016))));
        try (EcsClient ecs = TestAws.configure(EcsClient.builder()).build()) {
            ecs.createCluster(r -> r.clusterName(CLUSTER));
            ecs.createService(r -> r.cluster(CLUSTER).serviceName("shop").desiredCount(2));
        }
        AAS.registerScalableTarget(r -> r.serviceNamespace("ecs").resourceId("service/" + CLUSTER + "/shop")
                .scalableDimension("ecs:service:DesiredCount").minCapacity(2).maxCapacity(40));
        plain = capacityWith();
    }

    /** One run with only {@code events} known; the planned capacity of each hour of the path. */
    static Map<Instant, Integer> capacityWith(KnownEvent... events) {
        String targets = TemplateTables.create(DYNAMO, "TargetsTable");
        String predictions = TemplateTables.create(DYNAMO, "PredictionsTable");
        String eventsTable = TemplateTables.create(DYNAMO, "EventsTable");
        Map<String, AttributeValue> item = new HashMap<>(Map.of(
                "targetId", s("shop"), "metricId", s("shop-rps"), "serviceNamespace", s("ecs"),
                "resourceId", s("service/" + CLUSTER + "/shop"), "scalableDimension", s("ecs:service:DesiredCount"),
                "loadPerUnit", n(50), "minCapacity", n(2), "maxCapacity", n(40), "warmupSeconds", n(300),
                "mode", s("ForecastAndScale")));
        item.put("sizing", s("fixed"));
        DYNAMO.putItem(r -> r.tableName(targets).item(item));
        for (KnownEvent e : events) {
            new DynamoDbEventStore(DYNAMO, eventsTable, RETRY).addIfNew(e, NOW);
        }
        var handler = new PredictAndScaleHandler(new PredictAndScaleService(
                new DynamoDbTargetRepository(DYNAMO, targets, RETRY),
                new DynamoDbTimeSeriesStore(DYNAMO, metricsTable, Duration.ofDays(400), RETRY),
                new DynamoDbPatternStore(DYNAMO, patternsTable, RETRY),
                new DynamoDbPredictionStore(DYNAMO, predictions, RETRY),
                new ApplicationAutoScalingGateway(AAS, RETRY),
                new EventBridgePublisher(TestAws.configure(EventBridgeClient.builder()).build(), bus, RETRY),
                new PlanInputs(new DynamoDbFeedbackStore(DYNAMO, predictions, TemplateTables.create(DYNAMO, "AccuracyTable"),
                        RETRY), new DynamoDbSignalStore(DYNAMO, TemplateTables.create(DYNAMO, "SignalsTable"), RETRY),
                        new DynamoDbEventStore(DYNAMO, eventsTable, RETRY)),
                Duration.ofDays(28), 2), Clock.fixed(NOW, ZoneOffset.UTC));
        ScheduledEvent tick = EventLoader.loadScheduledEvent("events/predict-and-scale/scheduled.json");
        var result = handler.handleRequest(tick, new TestContext());
        assertThat(result.problems()).isEmpty();
        Map<Instant, Integer> capacity = new HashMap<>();
        DYNAMO.scanPaginator(r -> r.tableName(predictions)).items().forEach(p -> {
            String key = p.get("forecast").s();
            if (key.contains("#PT") && !key.contains("M")) {
                capacity.put(Instant.parse(key.substring(0, key.indexOf('#'))),
                        (int) Double.parseDouble(p.get("predictedCapacity").n()));
            }
        });
        return capacity;
    }

    static KnownEvent event(String type, String from, String to) {
        return new KnownEvent(type, type + " " + from, Instant.parse(from), Instant.parse(to), "manual", 1.0);
    }

    @Test
    void aTwoHourEventRaisesItsOwnHoursAndNotTheAfternoonAfterIt() {
        Map<Instant, Integer> withStream = capacityWith(event("stream", "2026-11-28T02:00:00Z", "2026-11-28T04:00:00Z"));

        Instant during = Instant.parse("2026-11-28T02:00:00Z");
        Instant afternoon = Instant.parse("2026-11-28T14:00:00Z");
        assertThat(plain.get(afternoon)).as("the peak needs about 21 tasks").isBetween(18, 25);
        assertThat(withStream.get(during)).as("+100% while it runs").isGreaterThan(plain.get(during));
        assertThat(withStream.get(afternoon)).as("ten hours after it ended").isEqualTo(plain.get(afternoon));
    }

    @Test
    void aFortyHourEventRaisesAllOfItsHoursNotOnlyTheFirstDay() {
        Map<Instant, Integer> withFestival = capacityWith(event("festival", "2026-11-28T00:00:00Z",
                "2026-11-29T16:00:00Z"));

        Instant hour30 = Instant.parse("2026-11-29T06:00:00Z");
        Instant hour38 = Instant.parse("2026-11-29T14:00:00Z");
        Instant after = Instant.parse("2026-11-29T18:00:00Z");
        assertThat(withFestival.get(hour30)).isGreaterThan(plain.get(hour30));
        assertThat(withFestival.get(hour38)).isGreaterThan(plain.get(hour38));
        assertThat(withFestival.get(after)).isEqualTo(plain.get(after));
    }

    static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    static AttributeValue n(double v) {
        return AttributeValue.fromN(Double.toString(v));
    }
}
