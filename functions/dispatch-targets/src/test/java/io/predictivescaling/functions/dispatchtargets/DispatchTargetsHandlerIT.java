package io.predictivescaling.functions.dispatchtargets;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.predictivescaling.aws.Retry;
import io.predictivescaling.aws.local.TemplateTables;
import io.predictivescaling.fleet.DispatchService;
import io.predictivescaling.fleet.PlanBatch;
import io.predictivescaling.testing.TestAws;
import io.predictivescaling.testing.TestContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** dispatch-targets against moto: a fleet of targets in the table becomes plan batches on a real queue. */
class DispatchTargetsHandlerIT {
    static final Retry RETRY = new Retry(3, Duration.ofMillis(1), Duration.ofMillis(5));
    static final DynamoDbClient DYNAMO = TestAws.dynamoDb();
    static final SqsClient SQS = TestAws.configure(SqsClient.builder()).build();

    @Test
    void aFleetIsSplitIntoBatchesWithEachMetricsTargetsTogetherAndUnreadableItemsReported() {
        String table = TemplateTables.create(DYNAMO, "TargetsTable");
        String queue = SQS.createQueue(
                        r -> r.queueName("plan-" + UUID.randomUUID().toString().substring(0, 8)))
                .queueUrl();
        // 120 scaled targets on 40 metrics (3 each), one recorded-only target, one broken item.
        for (int i = 0; i < 120; i++) {
            int n = i;
            DYNAMO.putItem(r -> r.tableName(table)
                    .item(Map.of(
                            "targetId",
                            s("svc-" + n),
                            "metricId",
                            s("m-" + n % 40),
                            "serviceNamespace",
                            s("ecs"),
                            "resourceId",
                            s("service/c/svc-" + n),
                            "scalableDimension",
                            s("ecs:service:DesiredCount"),
                            "loadPerUnit",
                            n(50),
                            "minCapacity",
                            n(1),
                            "maxCapacity",
                            n(10))));
        }
        DYNAMO.putItem(r -> r.tableName(table).item(Map.of("targetId", s("recorded-only"), "metricId", s("m-x"))));
        DYNAMO.putItem(r -> r.tableName(table)
                .item(Map.of(
                        "targetId",
                        s("broken"),
                        "metricId",
                        s("m-y"),
                        "serviceNamespace",
                        s("ecs"),
                        "resourceId",
                        s("service/c/broken"),
                        "scalableDimension",
                        s("ecs:service:DesiredCount"),
                        "loadPerUnit",
                        s("fifty"))));
        var handler = new DispatchTargetsHandler(
                DispatchTargetsWiring.of(DYNAMO, SQS, RETRY, new DispatchTargetsWiring.Tables(table, queue), 25));
        ScheduledEvent tick = EventLoader.loadScheduledEvent("events/dispatch-targets/scheduled.json");
        TestContext context = new TestContext();

        DispatchService.Result result = handler.handleRequest(tick, context);

        List<PlanBatch> batches = drain(queue);
        assertThat(result.targets()).isEqualTo(120);
        assertThat(result.metrics()).isEqualTo(40);
        // 8 metrics of 3 targets fill 24 of 25 places: 40 metrics need 5 batches.
        assertThat(result.batches()).isEqualTo(5).isEqualTo(batches.size());
        assertThat(batches).allSatisfy(b -> assertThat(b.targetIds()).hasSizeLessThanOrEqualTo(25));
        assertThat(batches.stream().flatMap(b -> b.targetIds().stream()))
                .hasSize(120)
                .doesNotHaveDuplicates()
                .doesNotContain("recorded-only", "broken");
        Map<String, Integer> batchOfMetric = new HashMap<>();
        for (int b = 0; b < batches.size(); b++) {
            for (String id : batches.get(b).targetIds()) {
                int metric = Integer.parseInt(id.substring(4)) % 40;
                Integer before = batchOfMetric.putIfAbsent("m-" + metric, b);
                assertThat(before == null ? b : before)
                        .as("all targets of m-%d in one batch", metric)
                        .isEqualTo(b);
            }
        }
        assertThat(context.lines).contains("INFO dispatched 120 targets of 40 metrics in 5 batches");
        assertThat(context.lines).anySatisfy(l -> assertThat(l).startsWith("ERROR target broken skipped"));
    }

    static List<PlanBatch> drain(String queue) {
        List<PlanBatch> batches = new ArrayList<>();
        List<Message> page;
        do {
            page = SQS.receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(10))
                    .messages();
            page.forEach(m -> batches.add(PlanBatch.fromJson(m.body())));
            page.forEach(m -> SQS.deleteMessage(r -> r.queueUrl(queue).receiptHandle(m.receiptHandle())));
        } while (!page.isEmpty());
        return batches;
    }

    static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    static AttributeValue n(double v) {
        return AttributeValue.fromN(Double.toString(v));
    }
}
