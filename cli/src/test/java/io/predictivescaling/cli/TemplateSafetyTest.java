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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the template promises about failure, checked on the template as SAM expands it (as {@code sam deploy}
 * would): every alarm can reach the ops topic, every function is in the errors alarm, capacity can only be
 * scheduled on opted-in scalable targets, and learned state survives the stack. Each role's grants are checked in
 * {@link IamLeastPrivilegeTest}.
 */
class TemplateSafetyTest {
    static JsonNode resources;
    static JsonNode parameters;

    @BeforeAll
    static void expandTheTemplate() throws Exception {
        resources = ExpandedTemplate.get().get("Resources");
        parameters = ExpandedTemplate.get().get("Parameters");
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

    /**
     * The accuracy-collapse alarm watches a metric score-feedback really publishes, with exactly the dimensions it
     * publishes it under (an alarm on a dimension set nobody emits never fires: the metrics once carried TargetId only
     * while the alarm watched none); and by default no metric is published per target, each of which would add a
     * CloudWatch custom metric, $0.30 a month, per target.
     */
    @Test
    void theAccuracyAlarmWatchesWhatScoreFeedbackPublishesAndNothingIsPublishedPerTargetByDefault() throws Exception {
        JsonNode alarm = resources.get("AccuracyCollapseAlarm").get("Properties");
        List<String> watched = new ArrayList<>();
        if (alarm.has("Dimensions")) {
            alarm.get("Dimensions").forEach(d -> watched.add(d.get("Name").asText()));
        }
        var out = new java.io.ByteArrayOutputStream();
        new io.predictivescaling.feedback.AccuracyMetrics(
                        new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8),
                        java.time.Clock.systemUTC(),
                        Env.PER_TARGET_METRICS
                                .defaultValue()
                                .map(Boolean::parseBoolean)
                                .orElseThrow())
                .emit(
                        "shop",
                        new io.predictivescaling.feedback.Accuracy(
                                4, 70, 65, 1, 0.5, 1, 1, 2, 48, 52, java.util.OptionalDouble.empty()),
                        4,
                        0,
                        100,
                        90);
        JsonNode directive = new ObjectMapper()
                .readTree(out.toString(java.nio.charset.StandardCharsets.UTF_8))
                .get("_aws")
                .get("CloudWatchMetrics")
                .get(0);
        List<List<String>> published = new ArrayList<>();
        directive.get("Dimensions").forEach(set -> {
            List<String> names = new ArrayList<>();
            set.forEach(n -> names.add(n.asText()));
            published.add(names);
        });
        List<String> names = new ArrayList<>();
        directive.get("Metrics").forEach(m -> names.add(m.get("Name").asText()));

        assertThat(names).contains(alarm.get("MetricName").asText());
        assertThat(alarm.get("Namespace").asText())
                .isEqualTo(directive.get("Namespace").asText());
        assertThat(published)
                .as("the alarm's dimensions are a set the metric is published under")
                .contains(watched);
        assertThat(published)
                .as("no per-target metric unless PerTargetMetrics is set")
                .allSatisfy(set -> assertThat(set).doesNotContain("TargetId"));
        assertThat(parameters.get("PerTargetMetrics").get("Default").asText())
                .isEqualTo(Env.PER_TARGET_METRICS.defaultValue().orElseThrow());
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
