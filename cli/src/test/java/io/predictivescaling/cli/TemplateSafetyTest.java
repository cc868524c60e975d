package io.predictivescaling.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.predictivescaling.common.Env;
import io.predictivescaling.functions.analyzepatterns.AnalyzePatternsWiring;
import io.predictivescaling.functions.dispatchtargets.DispatchTargetsWiring;
import io.predictivescaling.functions.fetchevents.FetchEventsWiring;
import io.predictivescaling.functions.fetchsentiment.FetchSentimentWiring;
import io.predictivescaling.functions.predictandscale.PredictAndScaleWiring;
import io.predictivescaling.functions.recordmetrics.RecordMetricsWiring;
import io.predictivescaling.functions.scorefeedback.ScoreFeedbackWiring;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the template promises about failure, checked on the template as SAM expands it (as {@code sam deploy}
 * would): every alarm can reach the ops topic, every function is in the errors alarm, capacity can only be
 * scheduled on opted-in scalable targets, and learned state survives the stack.
 */
class TemplateSafetyTest {
    static JsonNode resources;
    static JsonNode parameters;

    @BeforeAll
    static void expandTheTemplate() throws Exception {
        Path out = Files.createTempFile("template-expanded", ".json");
        TemplateDeployIT.Result transform = TemplateDeployIT.run(
                "python3", "cli/src/test/python/sam_transform.py", "template.yaml", out.toString(), "code-bucket");
        assertThat(transform.exitCode())
                .as("SAM transform: " + transform.output())
                .isZero();
        JsonNode template = new ObjectMapper().readTree(out.toFile());
        resources = template.get("Resources");
        parameters = template.get("Parameters");
    }

    /** The service principals allowed by a policy document's Allow statements. */
    static List<String> allowedServices(JsonNode policy) {
        List<String> services = new ArrayList<>();
        for (JsonNode statement : policy.get("Statement")) {
            JsonNode service = statement.path("Principal").path("Service");
            if ("Allow".equals(statement.get("Effect").asText())) {
                if (service.isArray()) {
                    service.forEach(s -> services.add(s.asText()));
                } else if (!service.isMissingNode()) {
                    services.add(service.asText());
                }
            }
        }
        return services;
    }

    @Test
    void alarmsAndSpikeWarningsCanPublishToTheEncryptedOpsTopic() {
        JsonNode topic = resources.get("OpsTopic").get("Properties");
        assertThat(topic.get("KmsMasterKeyId").toString())
                .as("a customer-managed key, not alias/aws/sns")
                .isEqualTo("{\"Fn::GetAtt\":[\"OpsTopicKey\",\"Arn\"]}");
        JsonNode key = resources.get("OpsTopicKey");
        assertThat(key.get("Type").asText()).isEqualTo("AWS::KMS::Key");
        assertThat(allowedServices(key.get("Properties").get("KeyPolicy")))
                .contains("cloudwatch.amazonaws.com", "events.amazonaws.com");
        assertThat(allowedServices(
                        resources.get("OpsTopicPolicy").get("Properties").get("PolicyDocument")))
                .contains("cloudwatch.amazonaws.com", "events.amazonaws.com");
        resources.fields().forEachRemaining(e -> {
            if ("AWS::CloudWatch::Alarm".equals(e.getValue().get("Type").asText())) {
                assertThat(e.getValue().get("Properties").get("AlarmActions").toString())
                        .as(e.getKey())
                        .isEqualTo("[{\"Ref\":\"OpsTopic\"}]");
            }
        });
    }

    @Test
    void everyFunctionIsInTheErrorsAlarmAndFailedPlansHaveTheirOwnAlarm() {
        List<String> functions = new ArrayList<>();
        resources.fields().forEachRemaining(e -> {
            if ("AWS::Lambda::Function".equals(e.getValue().get("Type").asText())) {
                functions.add(e.getKey());
            }
        });
        String alarm = resources
                .get("FunctionErrorsAlarm")
                .get("Properties")
                .get("Metrics")
                .toString();
        assertThat(functions).hasSize(7).allSatisfy(f -> assertThat(alarm).contains("{\"Ref\":\"" + f + "\"}"));
        JsonNode expression = resources
                .get("FunctionErrorsAlarm")
                .get("Properties")
                .get("Metrics")
                .get(0);
        assertThat(expression.get("Expression").asText().split("\\+")).hasSize(7);
        JsonNode planFailed = resources.get("PlanFailedAlarm").get("Properties");
        assertThat(planFailed.get("MetricName").asText()).isEqualTo("PlanFailed");
        assertThat(planFailed.get("Namespace").asText()).isEqualTo("PredictiveScaling");
    }

    /**
     * What a metric costs a month is set by two schedules (issue 19): by default record-metrics pulls every 15
     * minutes ($0.029 per metric-month in GetMetricData, 1-minute samples kept) and analyze-patterns re-learns every
     * 6 hours. Every pull interval the template allows stays under the default staleAfter with room for the pull's
     * own run, and under the time after which an hour is settled, so no allowed schedule makes metrics look stale
     * or its routine writes look late.
     */
    @Test
    void theDefaultSchedulesPullEvery15MinutesAndRelearnEvery6HoursAndNoAllowedPullLooksStale() {
        assertThat(parameters.get("MetricPullSchedule").get("Default").asText()).isEqualTo("rate(15 minutes)");
        assertThat(parameters.get("PatternSchedule").get("Default").asText()).isEqualTo("rate(6 hours)");
        List<String> patternRules = new ArrayList<>();
        resources.fields().forEachRemaining(e -> {
            JsonNode properties = e.getValue().path("Properties");
            if ("AWS::Events::Rule".equals(e.getValue().get("Type").asText())
                    && "{\"Ref\":\"PatternSchedule\"}"
                            .equals(properties.path("ScheduleExpression").toString())) {
                patternRules.add(properties.get("Targets").toString());
            }
        });
        assertThat(patternRules).singleElement().asString().contains("AnalyzePatternsFunction");
        for (JsonNode allowed : parameters.get("MetricPullSchedule").get("AllowedValues")) {
            long minutes = Long.parseLong(allowed.asText().replaceAll("[^0-9]", ""));
            assertThat(minutes + 3)
                    .as(allowed.asText())
                    .isLessThan(io.predictivescaling.targets.ScalingPolicy.DEFAULT_STALE_AFTER.toMinutes())
                    .isLessThan(io.predictivescaling.metrics.HistoryDigests.SETTLE.toMinutes());
        }
    }

    /**
     * Moto does not enforce IAM, so no IT notices a DynamoDB call its function's role does not grant: deployed, that
     * call is denied (predict-and-scale's write-on-change GetItem/UpdateItem and score-feedback's actual items were).
     * This is each function's DynamoDB calls per table as its code makes them (adapters in {@code shared}): a new call
     * goes into the template and here, a call dropped leaves both (least privilege).
     */
    @Test
    void everyFunctionIsGrantedExactlyTheDynamoDbCallsItsCodeMakes() {
        Map<String, Map<String, Set<String>>> calls = Map.of(
                "RecordMetricsFunction",
                Map.of("TargetsTable", Set.of("Scan"), "MetricsTable", Set.of("UpdateItem", "Query")),
                "AnalyzePatternsFunction",
                Map.of(
                        "TargetsTable", Set.of("Scan"),
                        "MetricsTable", Set.of("Query"),
                        "PatternsTable", Set.of("PutItem")),
                "PredictAndScaleFunction",
                Map.of(
                        "MetricsTable", Set.of("Query", "PutItem"),
                        "TargetsTable", Set.of("Scan", "BatchGetItem"),
                        "PatternsTable", Set.of("Query"),
                        "PredictionsTable", Set.of("BatchWriteItem", "GetItem"),
                        "AccuracyTable", Set.of("GetItem"),
                        "SignalsTable", Set.of("Query"),
                        "EventsTable", Set.of("Scan"),
                        "LeaseTable", Set.of("PutItem", "DeleteItem", "GetItem")),
                "DispatchTargetsFunction",
                Map.of("TargetsTable", Set.of("Scan")),
                "ScoreFeedbackFunction",
                Map.of(
                        "TargetsTable", Set.of("Scan"),
                        "MetricsTable", Set.of("Query"),
                        "PredictionsTable", Set.of("Query", "PutItem"),
                        "AccuracyTable", Set.of("GetItem", "PutItem")),
                "FetchEventsFunction",
                Map.of("EventsTable", Set.of("PutItem")),
                "FetchSentimentFunction",
                Map.of("TargetsTable", Set.of("Scan"), "SignalsTable", Set.of("PutItem", "Query")));
        List<String> tables = new ArrayList<>();
        resources.fields().forEachRemaining(e -> {
            if ("AWS::DynamoDB::Table".equals(e.getValue().get("Type").asText())) tables.add(e.getKey());
        });
        for (var function : calls.entrySet()) {
            for (String table : tables) {
                Set<String> expected = new java.util.TreeSet<>();
                function.getValue().getOrDefault(table, Set.of()).forEach(a -> expected.add("dynamodb:" + a));
                assertThat(new java.util.TreeSet<>(actionsOn(function.getKey() + "Role", table)))
                        .as(function.getKey() + " on " + table)
                        .isEqualTo(expected);
            }
        }
    }

    /** The actions a function's role is allowed on one table of the stack (statements naming its ARN). */
    private static List<String> actionsOn(String role, String table) {
        List<String> actions = new ArrayList<>();
        resources
                .get(role)
                .get("Properties")
                .get("Policies")
                .forEach(p -> p.get("PolicyDocument").get("Statement").forEach(st -> {
                    if (st.get("Resource").toString().contains("\"" + table + "\"")) {
                        if (st.get("Action").isArray()) {
                            st.get("Action").forEach(a -> actions.add(a.asText()));
                        } else {
                            actions.add(st.get("Action").asText());
                        }
                    }
                }));
        return actions;
    }

    @Test
    void capacityIsScheduledOnlyOnScalableTargetsTaggedForPredictiveScaling() {
        JsonNode role = resources.get("PredictAndScaleFunctionRole").get("Properties");
        List<JsonNode> writes = new ArrayList<>();
        role.get("Policies")
                .forEach(p -> p.get("PolicyDocument").get("Statement").forEach(st -> {
                    if (st.get("Action").toString().contains("application-autoscaling:PutScheduledAction")
                            || st.get("Action").toString().contains("application-autoscaling:DeleteScheduledAction")) {
                        writes.add(st);
                    }
                }));
        assertThat(writes)
                .isNotEmpty()
                .allSatisfy(st -> assertThat(st.get("Condition")
                                .get("StringEquals")
                                .get("aws:ResourceTag/predictive-scaling")
                                .asText())
                        .isEqualTo("enabled"));
    }

    @Test
    void tablesSurviveTheStackAndLearnedStateHasPointInTimeRecovery() {
        List<String> tables = new ArrayList<>();
        resources.fields().forEachRemaining(e -> {
            if ("AWS::DynamoDB::Table".equals(e.getValue().get("Type").asText())) {
                tables.add(e.getKey());
                assertThat(e.getValue().path("DeletionPolicy").asText())
                        .as(e.getKey())
                        .isEqualTo("Retain");
                assertThat(e.getValue().path("UpdateReplacePolicy").asText())
                        .as(e.getKey())
                        .isEqualTo("Retain");
            }
        });
        assertThat(tables).hasSize(8);
        for (String learned :
                List.of("MetricsTable", "TargetsTable", "PatternsTable", "EventsTable", "AccuracyTable")) {
            assertThat(resources
                            .get(learned)
                            .get("Properties")
                            .path("PointInTimeRecoverySpecification")
                            .path("PointInTimeRecoveryEnabled")
                            .asBoolean())
                    .as(learned)
                    .isTrue();
        }
    }

    /**
     * Issue 19's fleet path as the template wires it (moto's CloudFormation builds no alarms, so TemplateDeployIT
     * checks the deployed queues and this checks the alarm): a batch failing 3 times moves to the plan dead-letter
     * queue, that queue's alarm fires on its first message, failures are reported per message, and a lease outlives
     * the run that took it.
     */
    @Test
    void aPoisonPlanBatchEndsInThePlanDeadLetterQueueWhoseAlarmFiresOnItsFirstMessage() {
        JsonNode queue = resources.get("PlanQueue").get("Properties");
        assertThat(queue.at("/RedrivePolicy/deadLetterTargetArn").toString())
                .isEqualTo("{\"Fn::GetAtt\":[\"PlanDeadLetterQueue\",\"Arn\"]}");
        assertThat(queue.at("/RedrivePolicy/maxReceiveCount").asInt()).isEqualTo(3);
        JsonNode alarm = resources.get("PlanDeadLetterQueueAlarm").get("Properties");
        assertThat(alarm.get("Namespace").asText()).isEqualTo("AWS/SQS");
        assertThat(alarm.get("MetricName").asText()).isEqualTo("ApproximateNumberOfMessagesVisible");
        assertThat(alarm.get("Dimensions").toString())
                .isEqualTo(
                        "[{\"Name\":\"QueueName\",\"Value\":{\"Fn::GetAtt\":[\"PlanDeadLetterQueue\",\"QueueName\"]}}]");
        assertThat(alarm.get("ComparisonOperator").asText()).isEqualTo("GreaterThanThreshold");
        assertThat(alarm.get("Threshold").asDouble()).isZero();
        JsonNode consumer = resources.get("PredictAndScaleFunction").get("Properties");
        assertThat(consumer.get("Handler").asText()).contains("PredictAndScaleQueueHandler");
        JsonNode mapping = resources.get("PredictAndScaleFunctionPlanBatches").get("Properties");
        assertThat(mapping.get("FunctionResponseTypes").toString()).isEqualTo("[\"ReportBatchItemFailures\"]");
        assertThat(mapping.get("EventSourceArn").toString()).contains("PlanQueue");
        // A lease held for less than the run's timeout could be taken by the next run while this one still plans.
        assertThat(consumer.at("/Environment/Variables/LEASE_SECONDS").asInt())
                .isGreaterThanOrEqualTo(consumer.get("Timeout").asInt());
        // AWS's advice for a Lambda event source: a visibility timeout of at least six times the function's.
        assertThat(queue.get("VisibilityTimeout").asInt())
                .isGreaterThanOrEqualTo(6 * consumer.get("Timeout").asInt());
    }

    /** A queue added later (as the plan queues were) must not slip past the TLS-only policy of the first one. */
    @Test
    void everyQueueRefusesRequestsWithoutTls() {
        List<String> queues = new ArrayList<>();
        resources.fields().forEachRemaining(e -> {
            if (e.getValue().get("Type").asText().equals("AWS::SQS::Queue")) queues.add(e.getKey());
        });
        assertThat(queues).contains("DeadLetterQueue", "PlanQueue", "PlanDeadLetterQueue");
        String tlsOnly = new ObjectMapper()
                .valueToTree(Map.of("Bool", Map.of("aws:SecureTransport", "false")))
                .toString();
        for (String queue : queues) {
            boolean covered = false;
            for (JsonNode resource : resources) {
                if (!resource.get("Type").asText().equals("AWS::SQS::QueuePolicy")) continue;
                JsonNode properties = resource.get("Properties");
                if (!properties.get("Queues").toString().contains("{\"Ref\":\"" + queue + "\"}")) continue;
                for (JsonNode statement : properties.at("/PolicyDocument/Statement")) {
                    covered |= statement.get("Effect").asText().equals("Deny")
                            && statement.get("Action").asText().equals("sqs:*")
                            && statement.get("Condition").toString().equals(tlsOnly)
                            && statement.get("Resource").toString().contains("\"" + queue + "\",\"Arn\"");
                }
            }
            assertThat(covered).as(queue + " refuses requests without TLS").isTrue();
        }
    }

    /**
     * Environment names and defaults are written once, in {@link Env}: each function is given exactly the variables
     * its wiring lists, and every value the template sets (literally or through a parameter's Default) is Env's
     * default, so the code run without the template behaves as deployed.
     */
    @Test
    void everyFunctionIsGivenExactlyTheVariablesItsWiringReadsWithEnvsDefaults() {
        Map<String, Set<Env>> wirings = Map.of(
                "RecordMetricsFunction", RecordMetricsWiring.ENVIRONMENT,
                "AnalyzePatternsFunction", AnalyzePatternsWiring.ENVIRONMENT,
                "PredictAndScaleFunction", PredictAndScaleWiring.ENVIRONMENT,
                "DispatchTargetsFunction", DispatchTargetsWiring.ENVIRONMENT,
                "ScoreFeedbackFunction", ScoreFeedbackWiring.ENVIRONMENT,
                "FetchEventsFunction", FetchEventsWiring.ENVIRONMENT,
                "FetchSentimentFunction", FetchSentimentWiring.ENVIRONMENT);
        List<String> functions = new ArrayList<>();
        resources.fields().forEachRemaining(e -> {
            if ("AWS::Lambda::Function".equals(e.getValue().get("Type").asText())
                    && e.getValue().path("Properties").path("Environment").has("Variables")) {
                functions.add(e.getKey());
            }
        });
        assertThat(functions).containsExactlyInAnyOrderElementsOf(wirings.keySet());
        Set<String> global = Set.of("AWS_ENDPOINT_URL", "JAVA_TOOL_OPTIONS");
        wirings.forEach((function, environment) -> {
            JsonNode variables =
                    resources.get(function).get("Properties").get("Environment").get("Variables");
            List<String> names = new ArrayList<>();
            variables.fieldNames().forEachRemaining(names::add);
            names.removeAll(global);
            assertThat(names)
                    .as(function + "'s variables in template.yaml")
                    .containsExactlyInAnyOrderElementsOf(
                            environment.stream().map(Env::name).toList());
            for (Env env : environment) {
                JsonNode value = variables.get(env.name());
                String set = value.isTextual()
                        ? value.asText()
                        : value.has("Ref") && parameters.has(value.get("Ref").asText())
                                ? parameters
                                        .get(value.get("Ref").asText())
                                        .path("Default")
                                        .asText(null)
                                : null;
                if (set != null) {
                    assertThat(env.defaultValue())
                            .as(function + " sets " + env + " to " + set + "; Env's default")
                            .hasValue(set);
                }
            }
        });
    }
}
