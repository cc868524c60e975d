package io.predictivescaling.functions.predictandscale;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.predictivescaling.aws.Retry;
import io.predictivescaling.aws.local.TemplateTables;
import io.predictivescaling.common.EventBridgePublisher;
import io.predictivescaling.events.DynamoDbEventStore;
import io.predictivescaling.feedback.DynamoDbFeedbackStore;
import io.predictivescaling.fleet.DispatchService;
import io.predictivescaling.fleet.DynamoDbLeaseStore;
import io.predictivescaling.fleet.FleetBatchPlanner;
import io.predictivescaling.fleet.SqsPlanQueue;
import io.predictivescaling.metrics.DynamoDbTimeSeriesStore;
import io.predictivescaling.metrics.LoadSample;
import io.predictivescaling.metrics.Rollup;
import io.predictivescaling.metrics.TimeSeriesStore;
import io.predictivescaling.patterns.DynamoDbPatternStore;
import io.predictivescaling.planning.ScheduledFloor;
import io.predictivescaling.scaling.ApplicationAutoScalingGateway;
import io.predictivescaling.scaling.CapacityGateway;
import io.predictivescaling.scaling.DynamoDbPredictionStore;
import io.predictivescaling.scaling.PlanInputs;
import io.predictivescaling.scaling.PredictAndScaleService;
import io.predictivescaling.sentiment.DynamoDbSignalStore;
import io.predictivescaling.targets.DynamoDbTargetRepository;
import io.predictivescaling.targets.ScalableResource;
import io.predictivescaling.testing.TestAws;
import io.predictivescaling.testing.TestContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The fleet path against moto: the dispatcher puts the targets on a real SQS queue (with a dead-letter queue),
 * the queue handler drains it as Lambda's event source mapping would (partial batch responses: only the failed
 * messages stay on the queue), and leases in the lease table keep two concurrent runs from planning a target
 * twice.
 */
class PredictAndScaleQueueHandlerIT {
    static final Instant NOW = Instant.parse("2026-11-27T20:02:00Z");
    static final Retry RETRY = new Retry(3, Duration.ofMillis(1), Duration.ofMillis(5));
    static final DynamoDbClient DYNAMO = TestAws.dynamoDb();
    static final ApplicationAutoScalingClient AAS =
            TestAws.configure(ApplicationAutoScalingClient.builder()).build();
    static final SqsClient SQS = TestAws.configure(SqsClient.builder()).build();
    static final String CLUSTER = "fleet-" + UUID.randomUUID().toString().substring(0, 8);
    static final int MAX_RECEIVES = 3;
    static String metricsTable;
    static String patternsTable;
    static String bus;

    String targetsTable;
    String predictionsTable;
    String leaseTable;
    String queueUrl;
    String deadLetterUrl;
    final AtomicInteger metricReads = new AtomicInteger();

    @BeforeAll
    static void seedLoadAndServices() {
        metricsTable = TemplateTables.create(DYNAMO, "MetricsTable");
        patternsTable = TemplateTables.create(DYNAMO, "PatternsTable");
        bus = "bus-" + UUID.randomUUID().toString().substring(0, 8);
        try (EventBridgeClient events =
                TestAws.configure(EventBridgeClient.builder()).build()) {
            events.createEventBus(r -> r.name(bus));
        }
        List<LoadSample> samples = new ArrayList<>();
        for (Instant t = NOW.minus(Duration.ofDays(7)); t.isBefore(NOW); t = t.plus(Duration.ofMinutes(10))) {
            double load = PredictAndScaleHandlerIT.dailyLoad(t);
            samples.add(new LoadSample("shop-rps", t, load, "Count", "test"));
            samples.add(new LoadSample("api-rps", t, load / 2, "Count", "test"));
        }
        // A fixture: whole hours, 25 to a call (appending took an update per hour).
        new DynamoDbTimeSeriesStore(DYNAMO, metricsTable, Duration.ofDays(400), RETRY).importHistory(samples);
        try (EcsClient ecs = TestAws.configure(EcsClient.builder()).build()) {
            ecs.createCluster(r -> r.clusterName(CLUSTER));
            for (String service : List.of("web", "worker", "api", "broken")) {
                ecs.createService(r -> r.cluster(CLUSTER).serviceName(service).desiredCount(2));
            }
        }
    }

    @BeforeEach
    void freshTablesAndQueues() {
        targetsTable = TemplateTables.create(DYNAMO, "TargetsTable");
        predictionsTable = TemplateTables.create(DYNAMO, "PredictionsTable");
        leaseTable = TemplateTables.create(DYNAMO, "LeaseTable");
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        deadLetterUrl = SQS.createQueue(r -> r.queueName("plan-dlq-" + suffix)).queueUrl();
        String dlqArn = SQS.getQueueAttributes(
                        r -> r.queueUrl(deadLetterUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
        queueUrl = SQS.createQueue(r -> r.queueName("plan-" + suffix)
                        .attributes(Map.of(
                                QueueAttributeName.REDRIVE_POLICY,
                                "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"" + MAX_RECEIVES
                                        + "\"}")))
                .queueUrl();
        target("web-ecs", "web", "shop-rps");
        target("worker-ecs", "worker", "shop-rps");
        target("api-ecs", "api", "api-rps");
    }

    void target(String targetId, String service, String metric) {
        AAS.registerScalableTarget(r -> r.serviceNamespace("ecs")
                .resourceId(resource(service))
                .scalableDimension("ecs:service:DesiredCount")
                .minCapacity(2)
                .maxCapacity(50));
        DYNAMO.putItem(r -> r.tableName(targetsTable)
                .item(Map.of(
                        "targetId",
                        AttributeValue.fromS(targetId),
                        "metricId",
                        AttributeValue.fromS(metric),
                        "serviceNamespace",
                        AttributeValue.fromS("ecs"),
                        "resourceId",
                        AttributeValue.fromS(resource(service)),
                        "scalableDimension",
                        AttributeValue.fromS("ecs:service:DesiredCount"),
                        "loadPerUnit",
                        AttributeValue.fromN("50"),
                        "minCapacity",
                        AttributeValue.fromN("2"),
                        "maxCapacity",
                        AttributeValue.fromN("30"),
                        "warmupSeconds",
                        AttributeValue.fromN("300"),
                        "mode",
                        AttributeValue.fromS("ForecastAndScale"))));
    }

    static String resource(String service) {
        return "service/" + CLUSTER + "/" + service;
    }

    static List<ScheduledAction> ours(String service) {
        return AAS
                .describeScheduledActions(r -> r.serviceNamespace("ecs").resourceId(resource(service)))
                .scheduledActions()
                .stream()
                .filter(a -> a.resourceId().equals(resource(service)))
                .filter(a -> a.scheduledActionName().startsWith(ScheduledFloor.NAME_PREFIX))
                .toList();
    }

    /** A queue handler wired to moto; {@code gateway} wraps Application Auto Scaling (to inject faults). */
    PredictAndScaleQueueHandler handler(java.util.function.UnaryOperator<CapacityGateway> gateway) {
        TimeSeriesStore metrics = new CountingReads(
                new DynamoDbTimeSeriesStore(DYNAMO, metricsTable, Duration.ofDays(400), RETRY), metricReads);
        String accuracy = TemplateTables.create(DYNAMO, "AccuracyTable");
        var service = PredictAndScaleService.builder()
                .targets(new DynamoDbTargetRepository(DYNAMO, targetsTable, RETRY))
                .metrics(metrics)
                .patterns(new DynamoDbPatternStore(DYNAMO, patternsTable, RETRY))
                .predictions(new DynamoDbPredictionStore(DYNAMO, predictionsTable, RETRY))
                .gateway(gateway.apply(new ApplicationAutoScalingGateway(AAS, RETRY)))
                .publisher(new EventBridgePublisher(
                        TestAws.configure(EventBridgeClient.builder()).build(), bus, RETRY))
                .inputs(new PlanInputs(
                        new DynamoDbFeedbackStore(DYNAMO, predictionsTable, accuracy, RETRY),
                        new DynamoDbSignalStore(DYNAMO, TemplateTables.create(DYNAMO, "SignalsTable"), RETRY),
                        new DynamoDbEventStore(DYNAMO, TemplateTables.create(DYNAMO, "EventsTable"), RETRY)))
                .history(Duration.ofDays(7))
                .threads(4)
                .build();
        return new PredictAndScaleQueueHandler(
                new FleetBatchPlanner(
                        service,
                        new DynamoDbLeaseStore(DYNAMO, leaseTable, RETRY),
                        new SqsPlanQueue(SQS, queueUrl, RETRY),
                        Duration.ofMinutes(5)),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    DispatchService.Result dispatch(int maxTargetsPerBatch) {
        return new DispatchService(
                        new DynamoDbTargetRepository(DYNAMO, targetsTable, RETRY),
                        new SqsPlanQueue(SQS, queueUrl, RETRY),
                        maxTargetsPerBatch)
                .run();
    }

    /** One poll of Lambda's event source mapping: receive, invoke, delete what did not fail. */
    record Poll(List<Message> received, SQSBatchResponse response, TestContext context) {
        List<String> failedIds() {
            return response.getBatchItemFailures().stream()
                    .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                    .toList();
        }
    }

    Poll poll(PredictAndScaleQueueHandler handler) {
        List<Message> received = SQS.receiveMessage(r -> r.queueUrl(queueUrl)
                        .maxNumberOfMessages(10)
                        .visibilityTimeout(0)
                        .messageSystemAttributeNamesWithStrings("ApproximateReceiveCount"))
                .messages();
        SQSEvent event = new SQSEvent();
        event.setRecords(received.stream()
                .map(m -> {
                    SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
                    message.setMessageId(m.messageId());
                    message.setReceiptHandle(m.receiptHandle());
                    message.setBody(m.body());
                    return message;
                })
                .toList());
        TestContext context = new TestContext();
        SQSBatchResponse response = received.isEmpty()
                ? SQSBatchResponse.builder().withBatchItemFailures(List.of()).build()
                : handler.handleRequest(event, context);
        Poll poll = new Poll(received, response, context);
        received.stream()
                .filter(m -> !poll.failedIds().contains(m.messageId()))
                .forEach(m -> SQS.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle())));
        return poll;
    }

    static List<String> bodies(SqsClient sqs, String url) {
        return sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).visibilityTimeout(0)).messages().stream()
                .map(Message::body)
                .toList();
    }

    @Test
    void targetsSharingAMetricTravelTogetherAndTheMetricIsReadOnce() {
        DispatchService.Result dispatched = dispatch(2);
        Poll poll = poll(handler(g -> g));

        // Two metrics, at most 2 targets per batch: web+worker (shop-rps) together, api alone.
        assertThat(dispatched.batches()).isEqualTo(2);
        assertThat(poll.received())
                .extracting(Message::body)
                .containsExactlyInAnyOrder(
                        "{\"targets\":[\"api-ecs\"],\"metrics\":1}",
                        "{\"targets\":[\"web-ecs\",\"worker-ecs\"],\"metrics\":1}");
        assertThat(poll.failedIds()).isEmpty();
        assertThat(metricReads).hasValue(2);
        assertThat(poll.context().lines)
                .as("one forecast per metric")
                .anySatisfy(l -> assertThat(l).contains("3 targets planned from 2 forecasts"));
        assertThat(ours("web")).isNotEmpty();
        assertThat(ours("worker")).isNotEmpty();
        assertThat(ours("api")).isNotEmpty();
        assertThat(bodies(SQS, queueUrl)).isEmpty();
        assertThat(DYNAMO.scan(r -> r.tableName(leaseTable)).items())
                .as("leases given back")
                .isEmpty();
    }

    @Test
    void oneBrokenTargetIsRetriedAloneAndEndsInTheDeadLetterQueueWithoutItsNeighbours() {
        target("broken-ecs", "broken", "shop-rps");
        Map<String, AtomicInteger> plannedTimes = new java.util.concurrent.ConcurrentHashMap<>();
        PredictAndScaleQueueHandler handler = handler(g -> new FailingFor(g, resource("broken"), plannedTimes));
        dispatch(25);

        Poll first = poll(handler);
        // The batch (all three shop-rps targets and api-rps) succeeds; the broken target goes back alone.
        assertThat(first.received()).hasSize(1);
        assertThat(first.failedIds()).isEmpty();
        assertThat(first.context().lines)
                .anySatisfy(l -> assertThat(l).contains("target broken-ecs:").contains("AccessDeniedException"));
        assertThat(ours("web")).isNotEmpty();
        assertThat(ours("api")).isNotEmpty();

        List<Poll> retries = new ArrayList<>();
        for (int i = 0; i < MAX_RECEIVES + 1; i++) {
            retries.add(poll(handler));
        }
        // The lone message fails on every delivery, then SQS moves it to the dead-letter queue.
        assertThat(retries.get(0).received())
                .extracting(Message::body)
                .containsExactly("{\"targets\":[\"broken-ecs\"],\"metrics\":0}");
        assertThat(retries.subList(0, MAX_RECEIVES))
                .allSatisfy(p -> assertThat(p.failedIds()).hasSize(1));
        assertThat(retries.get(MAX_RECEIVES).received()).isEmpty();
        assertThat(bodies(SQS, deadLetterUrl)).containsExactly("{\"targets\":[\"broken-ecs\"],\"metrics\":0}");
        assertThat(plannedTimes.get(resource("broken"))).hasValue(1 + MAX_RECEIVES);
        assertThat(plannedTimes.get(resource("web")))
                .as("the good neighbours were not planned again")
                .hasValue(1);
        assertThat(plannedTimes.get(resource("worker"))).hasValue(1);
    }

    @Test
    void aMessageThatIsNotAPlanBatchFailsAloneWithTheReason() {
        SQS.sendMessage(r -> r.queueUrl(queueUrl).messageBody("{\"target\": \"web-ecs\"}"));
        SQS.sendMessage(r -> r.queueUrl(queueUrl).messageBody("{\"targets\": [\"api-ecs\", \"gone-ecs\"]}"));

        Poll poll = poll(handler(g -> g));

        Message bad = poll.received().stream()
                .filter(m -> m.body().contains("\"target\""))
                .findFirst()
                .orElseThrow();
        assertThat(poll.failedIds()).containsExactly(bad.messageId());
        assertThat(poll.context().lines)
                .anySatisfy(l -> assertThat(l).contains("rejected").contains("needs a non-empty \"targets\" array"));
        assertThat(poll.context().lines)
                .anySatisfy(l -> assertThat(l).contains("target gone-ecs skipped: no longer in the targets table"));
        assertThat(ours("api")).isNotEmpty();
    }

    @Test
    void twoConcurrentRunsNeverPlanTheSameTargetAtOnce() throws Exception {
        SQSEvent event = EventLoader.loadSQSEvent("events/predict-and-scale/plan-batch.json");
        event.getRecords().get(0).setBody("{\"targets\": [\"web-ecs\", \"worker-ecs\", \"api-ecs\"]}");
        CountDownLatch slowRunInside = new CountDownLatch(1);
        CountDownLatch secondRunDone = new CountDownLatch(1);
        PredictAndScaleQueueHandler slow = handler(g -> new Pausing(g, slowRunInside, secondRunDone));
        PredictAndScaleQueueHandler fast = handler(g -> g);
        TestContext slowContext = new TestContext();
        TestContext fastContext = new TestContext();

        // An overrunning run is still planning when the next run (or a redelivery) brings the same targets.
        CompletableFuture<SQSBatchResponse> first =
                CompletableFuture.supplyAsync(() -> slow.handleRequest(event, slowContext));
        assertThat(slowRunInside.await(60, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<SQSBatchResponse> second =
                CompletableFuture.supplyAsync(() -> fast.handleRequest(event, fastContext));
        SQSBatchResponse secondResponse = second.get(60, TimeUnit.SECONDS);
        secondRunDone.countDown();
        SQSBatchResponse firstResponse = first.get(60, TimeUnit.SECONDS);

        assertThat(firstResponse.getBatchItemFailures()).isEmpty();
        assertThat(secondResponse.getBatchItemFailures()).isEmpty();
        assertThat(planned(slowContext)).containsExactlyInAnyOrder("web-ecs", "worker-ecs", "api-ecs");
        assertThat(planned(fastContext)).isEmpty();
        assertThat(fastContext.lines).filteredOn(l -> l.contains("lease held")).hasSize(3);
        assertThat(DYNAMO.scan(r -> r.tableName(leaseTable)).items())
                .as("leases given back")
                .isEmpty();

        // With the leases given back, the next run plans them again.
        TestContext nextContext = new TestContext();
        fast.handleRequest(event, nextContext);
        assertThat(planned(nextContext)).containsExactlyInAnyOrder("web-ecs", "worker-ecs", "api-ecs");
    }

    @Test
    void aLeaseLeftByARunThatDiedIsTakenOverOnceItExpires() {
        var leases = new DynamoDbLeaseStore(DYNAMO, leaseTable, RETRY);
        assertThat(leases.acquire("web-ecs", "dead-run", NOW.minus(Duration.ofMinutes(6)), Duration.ofMinutes(5)))
                .isTrue();
        assertThat(leases.acquire("api-ecs", "live-run", NOW.minus(Duration.ofMinutes(1)), Duration.ofMinutes(5)))
                .isTrue();
        SQSEvent event = EventLoader.loadSQSEvent("events/predict-and-scale/plan-batch.json");
        event.getRecords().get(0).setBody("{\"targets\": [\"web-ecs\", \"api-ecs\"]}");
        TestContext context = new TestContext();

        handler(g -> g).handleRequest(event, context);

        assertThat(planned(context)).containsExactly("web-ecs");
        assertThat(context.lines).anySatisfy(l -> assertThat(l).contains("target api-ecs skipped: another run"));
    }

    static List<String> planned(TestContext context) {
        return context.lines.stream()
                .filter(l -> l.startsWith("INFO ") && l.contains("(ForecastAndScale)"))
                .map(l -> l.substring(5, l.indexOf(' ', 5)))
                .toList();
    }

    /** Counts metric reads (to show a shared metric is read once per batch). */
    record CountingReads(TimeSeriesStore delegate, AtomicInteger reads) implements TimeSeriesStore {
        @Override
        public int append(Collection<LoadSample> samples) {
            return delegate.append(samples);
        }

        @Override
        public List<LoadSample> read(String metricId, Instant from, Instant to) {
            reads.incrementAndGet();
            return delegate.read(metricId, from, to);
        }

        @Override
        public List<Rollup> rollup(String metricId, Instant from, Instant to, Duration resolution) {
            return delegate.rollup(metricId, from, to, resolution);
        }

        @Override
        public Optional<Instant> latestTimestamp(String metricId) {
            return delegate.latestTimestamp(metricId);
        }
    }

    /** Application Auto Scaling that refuses one resource, as a missing permission would; counts plans per resource. */
    record FailingFor(CapacityGateway delegate, String resourceId, Map<String, AtomicInteger> plans)
            implements CapacityGateway {
        @Override
        public OptionalInt currentMinCapacity(ScalableResource resource) {
            plans.computeIfAbsent(resource.resourceId(), k -> new AtomicInteger())
                    .incrementAndGet();
            if (resource.resourceId().equals(resourceId)) {
                throw new IllegalStateException("AccessDeniedException: not authorized to describe " + resourceId);
            }
            return delegate.currentMinCapacity(resource);
        }

        @Override
        public Optional<io.predictivescaling.scaling.TargetState> state(ScalableResource resource) {
            // The planner reads the target's state first: the same refusal or pause applies to it.
            currentMinCapacity(resource);
            return delegate.state(resource);
        }

        @Override
        public List<ExistingAction> scheduledActions(ScalableResource resource) {
            return delegate.scheduledActions(resource);
        }

        @Override
        public void putScheduledAction(ScalableResource resource, ScheduledFloor action) {
            delegate.putScheduledAction(resource, action);
        }

        @Override
        public void deleteScheduledAction(ScalableResource resource, String name) {
            delegate.deleteScheduledAction(resource, name);
        }
    }

    /** Holds the run inside its first capacity read until the other run has finished. */
    record Pausing(CapacityGateway delegate, CountDownLatch inside, CountDownLatch release) implements CapacityGateway {
        @Override
        public OptionalInt currentMinCapacity(ScalableResource resource) {
            inside.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return delegate.currentMinCapacity(resource);
        }

        @Override
        public Optional<io.predictivescaling.scaling.TargetState> state(ScalableResource resource) {
            // The planner reads the target's state first: the same refusal or pause applies to it.
            currentMinCapacity(resource);
            return delegate.state(resource);
        }

        @Override
        public List<ExistingAction> scheduledActions(ScalableResource resource) {
            return delegate.scheduledActions(resource);
        }

        @Override
        public void putScheduledAction(ScalableResource resource, ScheduledFloor action) {
            delegate.putScheduledAction(resource, action);
        }

        @Override
        public void deleteScheduledAction(ScalableResource resource, String name) {
            delegate.deleteScheduledAction(resource, name);
        }
    }
}
