package io.predictivescaling.functions.predictandscale;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.predictivescaling.aws.Retry;
import io.predictivescaling.aws.local.TemplateTables;
import io.predictivescaling.events.DynamoDbEventStore;
import io.predictivescaling.events.KnownEvent;
import io.predictivescaling.metrics.DynamoDbTimeSeriesStore;
import io.predictivescaling.metrics.LoadSample;
import io.predictivescaling.scaling.PredictAndScaleService;
import io.predictivescaling.testing.IssueLoad;
import io.predictivescaling.testing.PredictionRows;
import io.predictivescaling.testing.TestAws;
import io.predictivescaling.testing.TestContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.ScheduledAction;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Issue 12's cases against moto: an ECS service registered with Application Auto Scaling (min 2, max 40), a target
 * with loadPerUnit 50, ForecastAndScale, sizing fixed, and 28 days of 5-minute load (about 100 at night, a smooth
 * peak near 1,000 at 15:00 UTC, 3% noise). The planner is a guest on the scalable target: it respects the
 * registered maximum, an operator's floor until its own restore, suspended scheduled scaling, and what the
 * target leaves out of learning.
 */
class PlannerRespectsTheTargetIT {
    static final Instant NOW = Instant.parse("2026-02-02T00:02:00Z"); // a Monday, just after midnight UTC
    static final Instant PEAK = Instant.parse("2026-02-02T15:00:00Z");
    static final Instant HOLIDAY = Instant.parse("2026-01-26T00:00:00Z"); // the Monday before
    /** Monday 00:02 EDT, the day after the March change (Sunday 2026-03-08, 02:00 EST became 03:00 EDT). */
    static final Instant AFTER_DST = Instant.parse("2026-03-09T04:02:00Z");

    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final Retry RETRY = new Retry(3, Duration.ofMillis(1), Duration.ofMillis(5));
    static final DynamoDbClient DYNAMO = TestAws.dynamoDb();
    static final ApplicationAutoScalingClient AAS =
            TestAws.configure(ApplicationAutoScalingClient.builder()).build();
    static final String CLUSTER = "issue12-" + UUID.randomUUID().toString().substring(0, 8);
    static String metricsTable;
    static String bus;

    String targetsTable;
    String predictionsTable;
    String eventsTable;
    final TestContext context = new TestContext();

    @BeforeAll
    static void seedFourWeeksOfLoad() {
        metricsTable = TemplateTables.create(DYNAMO, "MetricsTable");
        bus = "bus-" + UUID.randomUUID().toString().substring(0, 8);
        try (EventBridgeClient events =
                TestAws.configure(EventBridgeClient.builder()).build()) {
            events.createEventBus(r -> r.name(bus));
        }
        Instant from = NOW.minus(Duration.ofDays(28)).minus(Duration.ofMinutes(2));
        List<LoadSample> samples = new ArrayList<>(
                IssueLoad.samples("issue-load", from, NOW, t -> IssueLoad.expected(t, ZoneOffset.UTC, 15), 12));
        samples.addAll(IssueLoad.samples("holiday-load", from, NOW, IssueLoad.withHoliday(HOLIDAY), 13));
        // Case 5: the same daily shape on New York's wall clock (peak near 10:00 local), up to the Monday after the
        // change.
        samples.addAll(IssueLoad.samples(
                "dst-load",
                AFTER_DST.minus(Duration.ofDays(28)).minus(Duration.ofMinutes(2)),
                AFTER_DST,
                t -> IssueLoad.expected(t, NEW_YORK, 10),
                14));
        new DynamoDbTimeSeriesStore(DYNAMO, metricsTable, Duration.ofDays(400), RETRY).importHistory(samples);
        try (EcsClient ecs = TestAws.configure(EcsClient.builder()).build()) {
            ecs.createCluster(r -> r.clusterName(CLUSTER));
            for (String service : List.of("capped", "raised", "sale", "suspended", "holiday", "verbs", "dst")) {
                ecs.createService(r -> r.cluster(CLUSTER).serviceName(service).desiredCount(2));
            }
        }
    }

    @BeforeEach
    void freshTables() {
        targetsTable = TemplateTables.create(DYNAMO, "TargetsTable");
        predictionsTable = TemplateTables.create(DYNAMO, "PredictionsTable");
        eventsTable = TemplateTables.create(DYNAMO, "EventsTable");
    }

    PredictAndScaleService.Result run() {
        return run(NOW);
    }

    PredictAndScaleService.Result run(Instant now) {
        var handler = new PredictAndScaleHandler(
                PredictAndScaleWiring.of(
                        DYNAMO,
                        AAS,
                        TestAws.configure(EventBridgeClient.builder()).build(),
                        RETRY,
                        new PredictAndScaleWiring.Tables(
                                targetsTable,
                                metricsTable,
                                TemplateTables.create(DYNAMO, "PatternsTable"),
                                predictionsTable,
                                TemplateTables.create(DYNAMO, "AccuracyTable"),
                                TemplateTables.create(DYNAMO, "SignalsTable"),
                                eventsTable,
                                bus),
                        Duration.ofDays(28),
                        2),
                Clock.fixed(now, ZoneOffset.UTC));
        ScheduledEvent tick = EventLoader.loadScheduledEvent("events/predict-and-scale/scheduled.json");
        return handler.handleRequest(tick, context);
    }

    static String resource(String service) {
        return "service/" + CLUSTER + "/" + service;
    }

    void target(
            String service, String metric, int registeredMin, int registeredMax, Map<String, AttributeValue> extra) {
        AAS.registerScalableTarget(r -> r.serviceNamespace("ecs")
                .resourceId(resource(service))
                .scalableDimension("ecs:service:DesiredCount")
                .minCapacity(registeredMin)
                .maxCapacity(registeredMax));
        Map<String, AttributeValue> item = new HashMap<>(Map.of(
                "targetId",
                s(service),
                "metricId",
                s(metric),
                "serviceNamespace",
                s("ecs"),
                "resourceId",
                s(resource(service)),
                "scalableDimension",
                s("ecs:service:DesiredCount"),
                "loadPerUnit",
                n(50),
                "minCapacity",
                n(2),
                "maxCapacity",
                n(40),
                "mode",
                s("ForecastAndScale"),
                "sizing",
                s("fixed")));
        item.putAll(extra);
        DYNAMO.putItem(r -> r.tableName(targetsTable).item(item));
    }

    static List<ScheduledAction> ours(String service) {
        return AAS
                .describeScheduledActions(r -> r.serviceNamespace("ecs")
                        .resourceId(resource(service))
                        .scalableDimension("ecs:service:DesiredCount"))
                .scheduledActions()
                .stream()
                .filter(a -> a.resourceId().equals(resource(service)))
                .filter(a -> a.scheduledActionName().startsWith("predictive-scaling-"))
                .sorted(Comparator.comparing(ScheduledAction::schedule))
                .toList();
    }

    static Instant runAt(ScheduledAction a) {
        return Instant.parse(a.schedule().substring(3, a.schedule().length() - 1) + "Z");
    }

    Map<String, AttributeValue> hourly(String targetId, Instant t) {
        return PredictionRows.of(DYNAMO, predictionsTable, targetId).stream()
                .filter(i -> i.get("forecastTime").s().equals(t.toString())
                        && i.get("resolution").s().equals("PT1H"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no hourly prediction at " + t));
    }

    @Test
    void aRegisteredMaximumOfTenIsNeverPlannedAboveAndTheConflictIsReported() {
        target("capped", "issue-load", 2, 10, Map.of());
        try (SqsClient sqs = TestAws.configure(SqsClient.builder()).build();
                EventBridgeClient events =
                        TestAws.configure(EventBridgeClient.builder()).build()) {
            String queueUrl = sqs.createQueue(
                            r -> r.queueName("q-" + UUID.randomUUID().toString().substring(0, 8)))
                    .queueUrl();
            String queueArn = sqs.getQueueAttributes(
                            r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes()
                    .get(QueueAttributeName.QUEUE_ARN);
            events.putRule(r ->
                    r.name("planned-" + bus).eventBusName(bus).eventPattern("{\"detail-type\": [\"ScalingPlanned\"]}"));
            events.putTargets(r -> r.rule("planned-" + bus)
                    .eventBusName(bus)
                    .targets(t -> t.id("q").arn(queueArn)));

            PredictAndScaleService.Result result = run();

            // The peak needs about 21 units; MaxCapacity 10 would refuse or clamp MinCapacity 13, 18, 21.
            assertThat(ours("capped")).isNotEmpty().allSatisfy(a -> {
                assertThat(a.scalableTargetAction().minCapacity()).isLessThanOrEqualTo(10);
                assertThat(a.scalableTargetAction().maxCapacity()).isNull();
            });
            assertThat(Integer.parseInt(
                            hourly("capped", PEAK).get("predictedCapacity").n()))
                    .isEqualTo(10);
            assertThat(result.conflicts())
                    .anySatisfy(c -> assertThat(c)
                            .startsWith("capped: ")
                            .contains("registered MaxCapacity is 10: capped at 10 (ceilingPolicy honour"));
            assertThat(result.lines())
                    .anySatisfy(l -> assertThat(l).startsWith("capped").contains("conflicts: the plan needs up to"));
            List<String> bodies = new ArrayList<>();
            for (int i = 0; i < 5 && bodies.isEmpty(); i++) {
                sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10))
                        .messages()
                        .forEach(m -> bodies.add(m.body()));
            }
            assertThat(bodies)
                    .anySatisfy(b -> assertThat(b)
                            .contains("\"capped\"")
                            .contains("\"conflicts\"")
                            .contains("registered MaxCapacity is 10"));
        }
    }

    @Test
    void withCeilingPolicyRaiseMaxCapacityGoesInTheSameActionAndIsRestoredAfter() {
        target("raised", "issue-load", 2, 10, Map.of("ceilingPolicy", s("raise")));

        PredictAndScaleService.Result result = run();

        List<ScheduledAction> actions = ours("raised");
        ScheduledAction peak = actions.stream()
                .max(Comparator.comparing(a -> a.scalableTargetAction().minCapacity()))
                .orElseThrow();
        assertThat(peak.scalableTargetAction().minCapacity()).isGreaterThan(10);
        assertThat(peak.scalableTargetAction().maxCapacity())
                .isEqualTo(peak.scalableTargetAction().minCapacity());
        assertThat(actions).allSatisfy(a -> {
            if (a.scalableTargetAction().minCapacity() > 10) {
                assertThat(a.scalableTargetAction().maxCapacity())
                        .isGreaterThanOrEqualTo(a.scalableTargetAction().minCapacity());
            }
        });
        // After the last action above 10, an action sets MaxCapacity back to the registered 10.
        int lastAbove = -1;
        for (int i = 0; i < actions.size(); i++) {
            if (actions.get(i).scalableTargetAction().minCapacity() > 10) {
                lastAbove = i;
            }
        }
        assertThat(lastAbove).isLessThan(actions.size() - 1);
        assertThat(actions.get(lastAbove + 1).scalableTargetAction().maxCapacity())
                .isEqualTo(10);
        assertThat(result.conflicts())
                .anySatisfy(
                        c -> assertThat(c)
                                .startsWith("raised: ")
                                .contains(
                                        "ceilingPolicy raise, so MaxCapacity is raised in the same actions and set back to 10"));
    }

    @Test
    void anOperatorsFloorIsNotUndercutUntilTheirOwnRestore() {
        // The operator raised MinCapacity to 30 for a sale and scheduled their own restore to 2 at 04:00.
        target("sale", "issue-load", 30, 40, Map.of());
        Instant restore = Instant.parse("2026-02-02T04:00:00Z");
        AAS.putScheduledAction(r -> r.serviceNamespace("ecs")
                .resourceId(resource("sale"))
                .scalableDimension("ecs:service:DesiredCount")
                .scheduledActionName("sale-end")
                .schedule("at(2026-02-02T04:00:00)")
                .scalableTargetAction(t -> t.minCapacity(2)));

        PredictAndScaleService.Result result = run();

        List<ScheduledAction> actions = ours("sale");
        assertThat(actions).allSatisfy(a -> {
            if (runAt(a).isBefore(restore)) {
                assertThat(a.scalableTargetAction().minCapacity())
                        .as(a.scheduledActionName())
                        .isGreaterThanOrEqualTo(30);
            }
        });
        // After their restore the plan is ours again, the peak included.
        assertThat(actions)
                .anySatisfy(
                        a -> assertThat(a.scalableTargetAction().minCapacity()).isGreaterThan(15));
        assertThat(result.lines())
                .noneSatisfy(l -> assertThat(l).startsWith("sale").contains("raising to 15"));
        assertThat(result.conflicts())
                .anySatisfy(c -> assertThat(c)
                        .startsWith("sale: holding MinCapacity 30 "
                                + "(set by the registered MinCapacity) until its restore 'sale-end' to 2 at 2026-02-02 04:00 UTC "
                                + "instead of lowering to 15 now"));
        assertThat(Integer.parseInt(hourly("sale", Instant.parse("2026-02-02T02:00:00Z"))
                        .get("predictedCapacity")
                        .n()))
                .isEqualTo(30);
    }

    @Test
    void logLinesSayLoweringWhenThePlanLowers() {
        // Our own action set 30 a few minutes ago; the night's load needs far less: the plan lowers, stepwise.
        target("verbs", "issue-load", 30, 40, Map.of());
        AAS.putScheduledAction(r -> r.serviceNamespace("ecs")
                .resourceId(resource("verbs"))
                .scalableDimension("ecs:service:DesiredCount")
                .scheduledActionName("predictive-scaling-20260201T2355Z")
                .schedule("at(2026-02-01T23:55:00)")
                .scalableTargetAction(t -> t.minCapacity(30)));

        PredictAndScaleService.Result result = run();

        assertThat(result.lines())
                .anySatisfy(l -> assertThat(l)
                        .startsWith("verbs")
                        .contains("lowering to 15 now")
                        .doesNotContain("raising to 15"));
        assertThat(result.conflicts()).noneSatisfy(c -> assertThat(c).startsWith("verbs"));
        // That action stays as the receipt that the 30 in force is ours, so the next run still lowers it.
        assertThat(ours("verbs"))
                .extracting(ScheduledAction::scheduledActionName)
                .contains("predictive-scaling-20260201T2355Z");
        PredictAndScaleService.Result again = run();
        assertThat(again.conflicts()).noneSatisfy(c -> assertThat(c).startsWith("verbs"));
        assertThat(ours("verbs"))
                .anySatisfy(
                        a -> assertThat(a.scalableTargetAction().minCapacity()).isLessThan(30));
    }

    @Test
    void suspendedScheduledScalingWritesNoActionAndSaysWhy() {
        target("suspended", "issue-load", 2, 40, Map.of());
        AAS.registerScalableTarget(r -> r.serviceNamespace("ecs")
                .resourceId(resource("suspended"))
                .scalableDimension("ecs:service:DesiredCount")
                .suspendedState(s -> s.scheduledScalingSuspended(true)));

        PredictAndScaleService.Result result = run();

        assertThat(ours("suspended")).isEmpty();
        assertThat(result.conflicts())
                .anySatisfy(c -> assertThat(c)
                        .startsWith("suspended: scheduled scaling is " + "suspended on the scalable target"));
    }

    @Test
    void aMondayHolidayLeftOutOfLearningDoesNotPullNextMondaysPeakDown() {
        target(
                "holiday",
                "holiday-load",
                2,
                40,
                Map.of(
                        "excludeFromLearning",
                        AttributeValue.fromL(List.of(s("2026-01-26T00:00:00Z/2026-01-27T00:00:00Z")))));
        new DynamoDbEventStore(DYNAMO, eventsTable, RETRY)
                .addIfNew(
                        new KnownEvent(
                                "holiday",
                                "Founders' Day",
                                HOLIDAY,
                                HOLIDAY.plus(Duration.ofDays(1)),
                                "manual",
                                Double.NaN),
                        NOW);

        PredictAndScaleService.Result result = run();

        assertThat(result.problems()).isEmpty();
        var peak = hourly("holiday", PEAK);
        // Learned from, the 30% Monday pulls the forecast to about 685 and the floor to 15 instead of 21.
        assertThat(Double.parseDouble(peak.get("predictedLoad").n())).isGreaterThan(930);
        assertThat(Integer.parseInt(peak.get("predictedCapacity").n())).isGreaterThanOrEqualTo(19);
    }

    static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    static AttributeValue n(double v) {
        return AttributeValue.fromN(Double.toString(v));
    }

    /** The MinCapacity our scheduled actions have in force at {@code t} (the registered minimum before the first). */
    static int floorAt(String service, Instant t, int registeredMin) {
        return ours(service).stream()
                .filter(a -> !runAt(a).isAfter(t))
                .reduce((a, b) -> b)
                .map(a -> a.scalableTargetAction().minCapacity())
                .orElse(registeredMin);
    }

    @Test
    void aNewYorkTargetPlannedTheMondayAfterTheDaylightSavingChangeGetsItsMorningCapacityOnTime() {
        target("dst", "dst-load", 2, 40, Map.of("timeZone", s("America/New_York")));

        PredictAndScaleService.Result result = run(AFTER_DST);

        assertThat(result.applied()).as(String.join("\n", result.problems())).isEqualTo(1);
        for (int localHour : List.of(7, 8)) {
            Instant t =
                    AFTER_DST.atZone(NEW_YORK).withHour(localHour).withMinute(0).toInstant();
            // What the hour needs: its busiest 5 minutes (the load rises through the morning) at 50 per unit.
            double busiest = IssueLoad.expected(t.plus(Duration.ofMinutes(55)), NEW_YORK, 10);
            int needed = (int) Math.ceil(0.95 * busiest / 50);
            // Learned on UTC hours (as before issue 12, or with timeZone UTC), 07:00 EDT is planned as 06:00 EST was.
            assertThat(floorAt("dst", t, 2))
                    .as("MinCapacity in force at %02d:00 EDT (%s)", localHour, t)
                    .isGreaterThanOrEqualTo(needed);
            assertThat(Integer.parseInt(
                            hourly("dst", t).get("predictedCapacity").n()))
                    .as("predicted at %s", t)
                    .isGreaterThanOrEqualTo(needed);
        }
    }
}
