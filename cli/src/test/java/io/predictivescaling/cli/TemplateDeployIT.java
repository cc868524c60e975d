package io.predictivescaling.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.predictivescaling.aws.local.ProjectRoot;
import io.predictivescaling.testing.TestAws;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.StackResource;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Proves template.yaml the way a deploy would: cfn-lint clean, the SAM transform expands it, and the
 * expanded stack deploys into moto's CloudFormation with the packaged function zips.
 */
@Isolated // sets the functions' environment as system properties for their no-argument constructors
class TemplateDeployIT {
    static final Path ROOT = ProjectRoot.get();

    @Test
    void cfnLintFindsNoErrorsOrWarnings() throws Exception {
        Result lint = run("cfn-lint", "template.yaml");

        assertThat(lint.output()).as("cfn-lint output").isEmpty();
        assertThat(lint.exitCode()).isZero();
    }

    @Test
    void theTransformedTemplateDeploysTablesFunctionsAndRoles() throws Exception {
        String bucket = "code-" + UUID.randomUUID().toString().substring(0, 8);
        Path out = Files.createTempFile("template-transformed", ".json");
        Result transform = run(
                "python3",
                "cli/src/test/python/sam_transform.py",
                "template.yaml",
                out.toString(),
                bucket,
                "--for-moto");
        assertThat(transform.exitCode())
                .as("SAM transform: " + transform.output())
                .isZero();

        try (S3Client s3 =
                TestAws.configure(S3Client.builder()).forcePathStyle(true).build()) {
            s3.createBucket(r -> r.bucket(bucket));
            for (String zip : transform.output().strip().split("\n")) {
                Path file = ROOT.resolve(zip.strip());
                assertThat(file).as("packaged function zip (run mvn package)").exists();
                s3.putObject(r -> r.bucket(bucket).key(file.getFileName().toString()), RequestBody.fromFile(file));
            }
        }

        String stack = "ps-" + UUID.randomUUID().toString().substring(0, 8);
        try (CloudFormationClient cfn =
                TestAws.configure(CloudFormationClient.builder()).build()) {
            cfn.createStack(
                    r -> r.stackName(stack).templateBody(readString(out)).capabilities(Capability.CAPABILITY_IAM));
            StackStatus status = waitForStack(cfn, stack);
            assertThat(status).isEqualTo(StackStatus.CREATE_COMPLETE);

            Map<String, StackResource> resources =
                    cfn.describeStackResources(r -> r.stackName(stack)).stackResources().stream()
                            .filter(r -> r.logicalResourceId() != null) // moto lists some policies without one
                            .collect(Collectors.toMap(StackResource::logicalResourceId, r -> r));
            assertThat(resources)
                    .containsKeys(
                            "MetricsTable",
                            "TargetsTable",
                            "PatternsTable",
                            "PredictionsTable",
                            "RecordMetricsFunction",
                            "AnalyzePatternsFunction",
                            "PredictAndScaleFunction",
                            "OpsTopic",
                            "PrepareForSpikeRule",
                            "AccuracyTable",
                            "ScoreFeedbackFunction",
                            "SignalsTable",
                            "FetchSentimentFunction",
                            "EventsTable",
                            "FetchEventsFunction",
                            "RecordMetricsFunctionRole",
                            "EventBus",
                            "DeadLetterQueue",
                            "LeaseTable",
                            "PlanQueue",
                            "PlanDeadLetterQueue",
                            "DispatchTargetsFunction",
                            "PredictAndScaleFunctionPlanBatches");

            try (DynamoDbClient dynamo = TestAws.dynamoDb()) {
                var metrics = dynamo.describeTable(
                                r -> r.tableName(resources.get("MetricsTable").physicalResourceId()))
                        .table();
                assertThat(metrics.keySchema())
                        .extracting(KeySchemaElement::attributeName)
                        .containsExactly("metricId", "hour");
                assertThat(metrics.billingModeSummary().billingModeAsString()).isEqualTo("PAY_PER_REQUEST");
            }
            // Moto's CloudFormation does not build alarms or dashboards: check them in the expanded template.
            var expanded = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(out.toFile())
                    .get("Resources");
            for (String alarm : List.of(
                    "AccuracyCollapseAlarm",
                    "FunctionErrorsAlarm",
                    "DeadLetterQueueAlarm",
                    "PlanDeadLetterQueueAlarm",
                    "DispatchTargetsErrorsAlarm")) {
                assertThat(expanded.get(alarm).get("Type").asText()).isEqualTo("AWS::CloudWatch::Alarm");
                assertThat(expanded.get(alarm)
                                .get("Properties")
                                .get("AlarmActions")
                                .get(0)
                                .get("Ref")
                                .asText())
                        .isEqualTo("OpsTopic");
            }
            assertThat(expanded.get("Dashboard").get("Type").asText()).isEqualTo("AWS::CloudWatch::Dashboard");
            try (LambdaClient lambda = TestAws.configure(LambdaClient.builder()).build()) {
                var function = lambda.getFunction(r -> r.functionName(
                                resources.get("RecordMetricsFunction").physicalResourceId()))
                        .configuration();
                assertThat(function.runtimeAsString()).isEqualTo("java21");
                assertThat(function.handler())
                        .isEqualTo("io.predictivescaling.functions.recordmetrics.RecordMetricsHandler::handleRequest");
                assertThat(function.environment().variables())
                        .containsKeys("METRICS_TABLE", "TARGETS_TABLE")
                        .doesNotContainKey("AWS_ENDPOINT_URL");
                theFleetPathRunsOnTheDeployedQueueAndTables(resources, lambda);
            }
        }
    }

    /**
     * The fleet path end to end on what the stack built: the dispatcher and predict-and-scale's queue handler,
     * run in-process with the environment the template gives the deployed functions, move a target from the
     * stack's targets table through its plan queue (read through its event source mapping) into its
     * predictions table, and give their leases back.
     */
    private static void theFleetPathRunsOnTheDeployedQueueAndTables(
            Map<String, StackResource> resources, LambdaClient lambda) {
        String consumer = resources.get("PredictAndScaleFunction").physicalResourceId();
        var mapping = lambda.getEventSourceMapping(
                r -> r.uuid(resources.get("PredictAndScaleFunctionPlanBatches").physicalResourceId()));
        assertThat(mapping.functionArn()).endsWith(":" + consumer);
        assertThat(mapping.eventSourceArn())
                .endsWith(":" + resources.get("PlanQueue").physicalResourceId().replaceAll(".*/", ""));
        assertThat(mapping.functionResponseTypesAsStrings()).containsExactly("ReportBatchItemFailures");
        Map<String, String> env = new java.util.HashMap<>(lambda.getFunction(r -> r.functionName(consumer))
                .configuration()
                .environment()
                .variables());
        env.putAll(lambda.getFunction(r ->
                        r.functionName(resources.get("DispatchTargetsFunction").physicalResourceId()))
                .configuration()
                .environment()
                .variables());
        // Moto's PutEvents fails on the stack bus (its rule's SNS target is "Expr not defined" in moto 5.2):
        // the plans go to a bus of the test's own.
        String bus = "fleet-bus-" + UUID.randomUUID().toString().substring(0, 8);
        try (var events = TestAws.configure(software.amazon.awssdk.services.eventbridge.EventBridgeClient.builder())
                .build()) {
            events.createEventBus(r -> r.name(bus));
        }
        env.put("EVENT_BUS_NAME", bus);
        env.forEach(System::setProperty);
        TestAws.useForDefaultClients();
        String queueUrl = env.get("PLAN_QUEUE_URL");
        try (SqsClient sqs = TestAws.configure(SqsClient.builder()).build();
                DynamoDbClient dynamo = TestAws.dynamoDb()) {
            var redrive = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.ALL))
                    .attributes()
                    .get(QueueAttributeName.REDRIVE_POLICY);
            var policy = readJson(redrive);
            assertThat(policy.get("maxReceiveCount").asInt()).isEqualTo(3);
            assertThat(policy.get("deadLetterTargetArn").asText())
                    .endsWith(":"
                            + resources
                                    .get("PlanDeadLetterQueue")
                                    .physicalResourceId()
                                    .replaceAll(".*/", ""));
            dynamo.putItem(r -> r.tableName(env.get("TARGETS_TABLE"))
                    .item(Map.of(
                            "targetId",
                            AttributeValue.fromS("shop-ecs"),
                            "metricId",
                            AttributeValue.fromS("shop-rps"),
                            "serviceNamespace",
                            AttributeValue.fromS("ecs"),
                            "resourceId",
                            AttributeValue.fromS("service/c/shop"),
                            "scalableDimension",
                            AttributeValue.fromS("ecs:service:DesiredCount"),
                            "loadPerUnit",
                            AttributeValue.fromN("50"),
                            "minCapacity",
                            AttributeValue.fromN("2"),
                            "maxCapacity",
                            AttributeValue.fromN("20"),
                            "mode",
                            AttributeValue.fromS("ForecastOnly"))));
            var samples = new java.util.ArrayList<io.predictivescaling.metrics.LoadSample>();
            for (Instant t = Instant.now().minus(Duration.ofDays(2));
                    t.isBefore(Instant.now());
                    t = t.plus(Duration.ofMinutes(5))) {
                samples.add(new io.predictivescaling.metrics.LoadSample(
                        "shop-rps", t, 100 + t.getEpochSecond() % 7, "Count", "test"));
            }
            new io.predictivescaling.metrics.DynamoDbTimeSeriesStore(
                            dynamo,
                            env.get("METRICS_TABLE"),
                            Duration.ofDays(400),
                            io.predictivescaling.aws.Retry.standard())
                    .importHistory(samples); // a fixture: whole hours, 25 to a call
            var context = new io.predictivescaling.testing.TestContext();

            new io.predictivescaling.functions.dispatchtargets.DispatchTargetsHandler()
                    .handleRequest(new com.amazonaws.services.lambda.runtime.events.ScheduledEvent(), context);
            var received = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10))
                    .messages();
            var event = new com.amazonaws.services.lambda.runtime.events.SQSEvent();
            event.setRecords(received.stream()
                    .map(m -> {
                        var message = new com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage();
                        message.setMessageId(m.messageId());
                        message.setBody(m.body());
                        return message;
                    })
                    .toList());
            var response = new io.predictivescaling.functions.predictandscale.PredictAndScaleQueueHandler()
                    .handleRequest(event, context);

            assertThat(received)
                    .extracting(software.amazon.awssdk.services.sqs.model.Message::body)
                    .containsExactly("{\"targets\":[\"shop-ecs\"],\"metrics\":1}");
            assertThat(response.getBatchItemFailures())
                    .as(String.join("\n", context.lines))
                    .isEmpty();
            assertThat(context.lines).anySatisfy(l -> assertThat(l).startsWith("INFO shop-ecs (ForecastOnly)"));
            assertThat(dynamo.query(r -> r.tableName(env.get("PREDICTIONS_TABLE"))
                                    .keyConditionExpression("targetId = :t")
                                    .expressionAttributeValues(Map.of(":t", AttributeValue.fromS("shop-ecs"))))
                            .count())
                    .isPositive();
            // Every lease was given back; what stays is at most the spike announced for the target (spike#...).
            assertThat(dynamo.scan(r -> r.tableName(env.get("LEASE_TABLE"))).items())
                    .extracting(item -> item.get("leaseId").s())
                    .allSatisfy(key -> assertThat(key).startsWith("spike#"));
        }
    }

    private static StackStatus waitForStack(CloudFormationClient cfn, String stack) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        StackStatus status;
        do {
            status = cfn.describeStacks(r -> r.stackName(stack)).stacks().get(0).stackStatus();
            if (status != StackStatus.CREATE_IN_PROGRESS) {
                return status;
            }
            Thread.sleep(200);
        } while (Instant.now().isBefore(deadline));
        return status;
    }

    record Result(int exitCode, String output) {}

    static Result run(String... command) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(List.of(command))
                    .directory(ROOT.toFile())
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException(
                    command[0] + " is not on PATH. Install it: "
                            + ("cfn-lint".equals(command[0])
                                    ? "python3 -m pip install cfn-lint"
                                    : "python3 with aws-sam-translator (python3 -m pip install aws-sam-translator)"),
                    e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), output);
    }

    private static com.fasterxml.jackson.databind.JsonNode readJson(String json) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String readString(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
