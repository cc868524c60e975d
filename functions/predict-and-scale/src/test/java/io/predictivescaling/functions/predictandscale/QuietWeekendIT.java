package io.predictivescaling.functions.predictandscale;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.predictivescaling.aws.Retry;
import io.predictivescaling.aws.local.TemplateTables;
import io.predictivescaling.common.EventBridgePublisher;
import io.predictivescaling.events.DynamoDbEventStore;
import io.predictivescaling.feedback.DynamoDbFeedbackStore;
import io.predictivescaling.metrics.CloudWatchMetricSource;
import io.predictivescaling.metrics.DynamoDbTimeSeriesStore;
import io.predictivescaling.metrics.LoadSample;
import io.predictivescaling.metrics.RecordMetricsService;
import io.predictivescaling.patterns.DynamoDbPatternStore;
import io.predictivescaling.scaling.ApplicationAutoScalingGateway;
import io.predictivescaling.scaling.DynamoDbPredictionStore;
import io.predictivescaling.scaling.PlanInputs;
import io.predictivescaling.scaling.PredictAndScaleService;
import io.predictivescaling.sentiment.DynamoDbSignalStore;
import io.predictivescaling.targets.DynamoDbTargetRepository;
import io.predictivescaling.testing.TestAws;
import io.predictivescaling.testing.TestContext;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.ScheduledAction;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * A load balancer publishes no {@code RequestCount} while idle. With weekday-only load, record-metrics pulls
 * it from (moto's) CloudWatch through the weekend; on Monday 06:00 predict-and-scale must not take the quiet
 * weekend for stale metrics, or the busiest ramp of the week gets no raise.
 */
class QuietWeekendIT {
    static final Instant MONDAY_0600 = Instant.parse("2026-11-16T06:00:00Z");
    static final Retry RETRY = new Retry(3, Duration.ofMillis(1), Duration.ofMillis(5));
    final DynamoDbClient dynamo = TestAws.dynamoDb();
    final CloudWatchClient cloudWatch = TestAws.cloudWatch();
    final ApplicationAutoScalingClient aas =
            TestAws.configure(ApplicationAutoScalingClient.builder()).build();

    /** 600 requests per 5 minutes from 07:00 to 19:00 UTC on weekdays; no datapoint at all otherwise. */
    static double weekdayLoad(Instant t) {
        ZonedDateTime z = t.atZone(ZoneOffset.UTC);
        boolean weekday = z.getDayOfWeek() != DayOfWeek.SATURDAY && z.getDayOfWeek() != DayOfWeek.SUNDAY;
        return weekday && z.getHour() >= 7 && z.getHour() < 19 ? 600 : 0;
    }

    @Test
    void aQuietWeekendOfACountMetricIsZeroLoadSoMondaysRampIsStillRaised() {
        String metricsTable = TemplateTables.create(dynamo, "MetricsTable");
        String targetsTable = TemplateTables.create(dynamo, "TargetsTable");
        String namespace = "Test/" + UUID.randomUUID();
        String loadBalancer = "app/weekday/" + UUID.randomUUID();
        // CloudWatch holds the last weekday (Friday) before the weekend; the two weeks before it are already
        // stored as record-metrics stores a count: weekday load, and zero where no datapoint was published.
        Instant friday = MONDAY_0600.minus(Duration.ofDays(3)).truncatedTo(java.time.temporal.ChronoUnit.DAYS);
        List<MetricDatum> data = new ArrayList<>();
        List<LoadSample> stored = new ArrayList<>();
        for (Instant t = MONDAY_0600.minus(Duration.ofDays(14)); t.isBefore(MONDAY_0600); t = t.plusSeconds(300)) {
            if (t.isBefore(friday)) {
                stored.add(new LoadSample("web-requests", t, weekdayLoad(t), "RequestCount", "cloudwatch"));
                if (weekdayLoad(t) > 0) { // an average is published only when there are requests to average
                    stored.add(
                            new LoadSample("api-busy", t, weekdayLoad(t) / 10, "ActiveConnectionCount", "cloudwatch"));
                }
            } else if (weekdayLoad(t) > 0) {
                data.add(MetricDatum.builder()
                        .metricName("RequestCount")
                        .timestamp(t)
                        .value(weekdayLoad(t))
                        .dimensions(Dimension.builder()
                                .name("LoadBalancer")
                                .value(loadBalancer)
                                .build())
                        .build());
                data.add(MetricDatum.builder()
                        .metricName("ActiveConnectionCount")
                        .timestamp(t)
                        .value(weekdayLoad(t) / 10)
                        .dimensions(Dimension.builder()
                                .name("LoadBalancer")
                                .value(loadBalancer)
                                .build())
                        .build());
            }
        }
        cloudWatch.putMetricData(r -> r.namespace(namespace).metricData(data));
        String cluster = "quiet-" + UUID.randomUUID().toString().substring(0, 8);
        try (EcsClient ecs = TestAws.configure(EcsClient.builder()).build()) {
            ecs.createCluster(r -> r.clusterName(cluster));
            ecs.createService(r -> r.cluster(cluster).serviceName("web").desiredCount(2));
            ecs.createService(r -> r.cluster(cluster).serviceName("api").desiredCount(2));
        }
        String resource = "service/" + cluster + "/web";
        aas.registerScalableTarget(r -> r.serviceNamespace("ecs")
                .resourceId(resource)
                .scalableDimension("ecs:service:DesiredCount")
                .minCapacity(2)
                .maxCapacity(30));
        dynamo.putItem(r -> r.tableName(targetsTable)
                .item(Map.of(
                        "targetId",
                        s("web"),
                        "metricId",
                        s("web-requests"),
                        "cloudWatch",
                        AttributeValue.fromM(Map.of(
                                "namespace",
                                s(namespace),
                                "name",
                                s("RequestCount"),
                                "dimensions",
                                AttributeValue.fromM(Map.of("LoadBalancer", s(loadBalancer))),
                                "stat",
                                s("Sum"),
                                "periodSeconds",
                                n(300))),
                        "serviceNamespace",
                        s("ecs"),
                        "resourceId",
                        s(resource),
                        "scalableDimension",
                        s("ecs:service:DesiredCount"),
                        "loadPerUnit",
                        n(50),
                        "minCapacity",
                        n(2),
                        "maxCapacity",
                        n(30),
                        "mode",
                        s("ForecastAndScale"))));
        // An Average (missing data is a gap): nothing is recorded over the weekend, but each pull succeeds.
        String api = "service/" + cluster + "/api";
        aas.registerScalableTarget(r -> r.serviceNamespace("ecs")
                .resourceId(api)
                .scalableDimension("ecs:service:DesiredCount")
                .minCapacity(2)
                .maxCapacity(30));
        dynamo.putItem(r -> r.tableName(targetsTable)
                .item(Map.of(
                        "targetId",
                        s("api"),
                        "metricId",
                        s("api-busy"),
                        "cloudWatch",
                        AttributeValue.fromM(Map.of(
                                "namespace",
                                s(namespace),
                                "name",
                                s("ActiveConnectionCount"),
                                "dimensions",
                                AttributeValue.fromM(Map.of("LoadBalancer", s(loadBalancer))),
                                "stat",
                                s("Average"),
                                "periodSeconds",
                                n(300))),
                        "serviceNamespace",
                        s("ecs"),
                        "resourceId",
                        s(api),
                        "scalableDimension",
                        s("ecs:service:DesiredCount"),
                        "loadPerUnit",
                        n(5),
                        "minCapacity",
                        n(2),
                        "maxCapacity",
                        n(30),
                        "mode",
                        s("ForecastOnly"))));
        DynamoDbTimeSeriesStore store = new DynamoDbTimeSeriesStore(dynamo, metricsTable, Duration.ofDays(400), RETRY);
        store.importHistory(stored); // a fixture: whole hours, 25 to a call, where appending took an update per hour
        RecordMetricsService record = new RecordMetricsService(
                new DynamoDbTargetRepository(dynamo, targetsTable, RETRY),
                new CloudWatchMetricSource(cloudWatch, RETRY),
                store,
                Duration.ofDays(1),
                Duration.ofDays(400));
        // record-metrics runs from Friday through the weekend (daily here, to keep the test fast; every minute in
        // production): each pull succeeds, most with no datapoint at all.
        for (Instant now : List.of(
                friday.plus(Duration.ofHours(12)),
                friday.plus(Duration.ofHours(36)),
                friday.plus(Duration.ofHours(60)),
                MONDAY_0600)) {
            assertThat(record.pull(now).problems()).isEmpty();
        }

        String bus = "bus-" + UUID.randomUUID().toString().substring(0, 8);
        try (EventBridgeClient events =
                TestAws.configure(EventBridgeClient.builder()).build()) {
            events.createEventBus(r -> r.name(bus));
        }
        String predictions = TemplateTables.create(dynamo, "PredictionsTable");
        var handler = new PredictAndScaleHandler(
                PredictAndScaleService.builder()
                        .targets(new DynamoDbTargetRepository(dynamo, targetsTable, RETRY))
                        .metrics(store)
                        .patterns(
                                new DynamoDbPatternStore(dynamo, TemplateTables.create(dynamo, "PatternsTable"), RETRY))
                        .predictions(new DynamoDbPredictionStore(dynamo, predictions, RETRY))
                        .gateway(new ApplicationAutoScalingGateway(aas, RETRY))
                        .publisher(new EventBridgePublisher(
                                TestAws.configure(EventBridgeClient.builder()).build(), bus, RETRY))
                        .inputs(new PlanInputs(
                                new DynamoDbFeedbackStore(
                                        dynamo, predictions, TemplateTables.create(dynamo, "AccuracyTable"), RETRY),
                                new DynamoDbSignalStore(dynamo, TemplateTables.create(dynamo, "SignalsTable"), RETRY),
                                new DynamoDbEventStore(dynamo, TemplateTables.create(dynamo, "EventsTable"), RETRY)))
                        .history(Duration.ofDays(14))
                        .threads(4)
                        .build(),
                Clock.fixed(MONDAY_0600, ZoneOffset.UTC));
        ScheduledEvent tick = EventLoader.loadScheduledEvent("events/predict-and-scale/scheduled.json");

        PredictAndScaleService.Result result = handler.handleRequest(tick, new TestContext());

        assertThat(store.latestTimestamp("web-requests"))
                .hasValueSatisfying(t -> assertThat(t).isAfter(MONDAY_0600.minus(Duration.ofMinutes(15))));
        assertThat(store.read("api-busy", MONDAY_0600.minus(Duration.ofDays(2)), MONDAY_0600))
                .isEmpty();
        assertThat(result.lines())
                .as("neither the zero-filled count nor the quiet average is stale")
                .hasSizeGreaterThanOrEqualTo(2)
                .noneSatisfy(l -> assertThat(l).contains("stale"));
        List<ScheduledAction> actions = aas.describeScheduledActions(
                        r -> r.serviceNamespace("ecs").resourceId(resource))
                .scheduledActions();
        assertThat(actions)
                .as("Monday's 07:00 ramp is raised ahead of time")
                .anySatisfy(
                        a -> assertThat(a.scalableTargetAction().minCapacity()).isGreaterThan(2));
    }

    static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    static AttributeValue n(int v) {
        return AttributeValue.fromN(Integer.toString(v));
    }
}
