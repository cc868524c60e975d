package io.predictivescaling.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tngtech.archunit.core.domain.JavaClasses;
import io.predictivescaling.common.Env;
import io.predictivescaling.functions.analyzepatterns.AnalyzePatternsWiring;
import io.predictivescaling.functions.dispatchtargets.DispatchTargetsWiring;
import io.predictivescaling.functions.fetchevents.FetchEventsWiring;
import io.predictivescaling.functions.fetchsentiment.FetchSentimentWiring;
import io.predictivescaling.functions.predictandscale.PredictAndScaleWiring;
import io.predictivescaling.functions.recordmetrics.RecordMetricsWiring;
import io.predictivescaling.functions.scorefeedback.ScoreFeedbackWiring;
import io.predictivescaling.sentiment.SentimentSourceRegistry;
import io.predictivescaling.testing.PackageRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
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

    /**
     * Every AWS call each function's code makes (its handler as template.yaml names it, the shared adapters its wiring
     * builds), with the resource the call names: a resource of the template, {@code *} for an API without
     * resource-level permissions, or an ARN without its partition, region and account. Which actions a function calls
     * is also read from its compiled code ({@link #theTableOfCallsListsExactlyTheAwsActionsEachHandlersCodeCalls});
     * which resource each names is kept here by reading its wiring. A new call goes here and into the template; a call
     * dropped leaves both.
     *
     * <p>Not listed: predict-and-scale's GetItem of a metric's last pull on MetricsTable
     * ({@code DynamoDbTimeSeriesStore.lastPulled}), reached only by {@code PredictAndScaleService} built without
     * history digests, which its wiring never does.
     */
    static final String CALLS = """
            RecordMetricsFunction    cloudwatch:GetMetricData   *
            RecordMetricsFunction    dynamodb:Scan              TargetsTable
            RecordMetricsFunction    dynamodb:Query             MetricsTable
            RecordMetricsFunction    dynamodb:UpdateItem        MetricsTable

            AnalyzePatternsFunction  dynamodb:Scan              TargetsTable
            AnalyzePatternsFunction  dynamodb:Query             MetricsTable
            AnalyzePatternsFunction  dynamodb:PutItem           PatternsTable

            DispatchTargetsFunction  dynamodb:Scan              TargetsTable
            DispatchTargetsFunction  sqs:SendMessage            PlanQueue

            PredictAndScaleFunction  dynamodb:BatchGetItem      TargetsTable
            PredictAndScaleFunction  dynamodb:Query             MetricsTable
            PredictAndScaleFunction  dynamodb:PutItem           MetricsTable
            PredictAndScaleFunction  dynamodb:Query             PatternsTable
            PredictAndScaleFunction  dynamodb:BatchWriteItem    PredictionsTable
            PredictAndScaleFunction  dynamodb:GetItem           PredictionsTable
            PredictAndScaleFunction  dynamodb:GetItem           AccuracyTable
            PredictAndScaleFunction  dynamodb:Query             SignalsTable
            PredictAndScaleFunction  dynamodb:Scan              EventsTable
            PredictAndScaleFunction  dynamodb:PutItem           LeaseTable
            PredictAndScaleFunction  dynamodb:GetItem           LeaseTable
            PredictAndScaleFunction  dynamodb:DeleteItem        LeaseTable
            PredictAndScaleFunction  application-autoscaling:DescribeScalableTargets   *
            PredictAndScaleFunction  application-autoscaling:DescribeScheduledActions  *
            PredictAndScaleFunction  application-autoscaling:PutScheduledAction     %1$s
            PredictAndScaleFunction  application-autoscaling:DeleteScheduledAction  %1$s
            PredictAndScaleFunction  events:PutEvents           EventBus
            PredictAndScaleFunction  sqs:SendMessage            PlanQueue

            ScoreFeedbackFunction    dynamodb:Scan              TargetsTable
            ScoreFeedbackFunction    dynamodb:Query             MetricsTable
            ScoreFeedbackFunction    dynamodb:Query             PredictionsTable
            ScoreFeedbackFunction    dynamodb:PutItem           PredictionsTable
            ScoreFeedbackFunction    dynamodb:GetItem           AccuracyTable
            ScoreFeedbackFunction    dynamodb:PutItem           AccuracyTable

            FetchEventsFunction      dynamodb:PutItem           EventsTable
            FetchEventsFunction      events:PutEvents           EventBus

            FetchSentimentFunction   dynamodb:Scan              TargetsTable
            FetchSentimentFunction   dynamodb:Query             SignalsTable
            FetchSentimentFunction   dynamodb:PutItem           SignalsTable
            FetchSentimentFunction   events:PutEvents           EventBus
            FetchSentimentFunction   ssm:GetParameter           ssm:parameter%2$s*
            """.formatted(
                    "application-autoscaling:scalable-target/* when StringEquals aws:ResourceTag/predictive-scaling=enabled",
                    SentimentSourceRegistry.CREDENTIALS_PREFIX);

    /**
     * What the Lambda service itself does with a function's role, not its code: send a failed asynchronous invocation
     * to the dead-letter queue (every function but predict-and-scale, which only its event source mapping invokes,
     * synchronously), and read and delete the plan batches it is given. Logs are written through
     * AWSLambdaBasicExecutionRole, which SAM attaches to every role it generates ({@link #MANAGED}).
     */
    static final String LAMBDA_SERVICE = """
            RecordMetricsFunction    sqs:SendMessage            DeadLetterQueue
            AnalyzePatternsFunction  sqs:SendMessage            DeadLetterQueue
            DispatchTargetsFunction  sqs:SendMessage            DeadLetterQueue
            ScoreFeedbackFunction    sqs:SendMessage            DeadLetterQueue
            FetchEventsFunction      sqs:SendMessage            DeadLetterQueue
            FetchSentimentFunction   sqs:SendMessage            DeadLetterQueue
            PredictAndScaleFunction  sqs:ReceiveMessage         PlanQueue
            PredictAndScaleFunction  sqs:DeleteMessage          PlanQueue
            PredictAndScaleFunction  sqs:GetQueueAttributes     PlanQueue
            """;

    /** The AWS managed policies a role may carry, with their statements (action and resource). */
    static final Map<String, List<String>> MANAGED = Map.of(
            "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
            List.of("logs:CreateLogGroup *", "logs:CreateLogStream *", "logs:PutLogEvents *"),
            // What SAM attaches for a function's SQS event: the queue actions on every queue of the account.
            "arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole",
            List.of(
                    "sqs:ReceiveMessage *",
                    "sqs:DeleteMessage *",
                    "sqs:GetQueueAttributes *",
                    "logs:CreateLogGroup *",
                    "logs:CreateLogStream *",
                    "logs:PutLogEvents *"));

    /**
     * Moto does not enforce IAM, so no IT notices a call its function's role does not grant: deployed, that call is
     * denied (predict-and-scale's write-on-change GetItem/UpdateItem and score-feedback's actual items were). And a
     * grant no call needs is privilege nobody uses (predict-and-scale could Scan the targets table though the deployed
     * queue handler reads its batch by key, and receive and delete messages of every queue in the account). Each
     * function's role, inline and managed policies, is compared both ways with {@link #CALLS} and
     * {@link #LAMBDA_SERVICE}, per action and resource.
     */
    @Test
    void everyFunctionIsGrantedExactlyTheAwsCallsItsCodeMakes() {
        Map<String, Set<String>> expected = rows(CALLS + LAMBDA_SERVICE);
        List<String> functions = functions();
        assertThat(expected.keySet()).containsExactlyInAnyOrderElementsOf(functions);
        List<String> problems = new ArrayList<>();
        for (String function : functions) {
            Set<String> granted = granted(function, problems);
            Set<String> needed = new TreeSet<>(expected.get(function));
            MANAGED.get("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole")
                    .forEach(needed::add);
            for (String call : needed) {
                if (!granted.contains(call)) {
                    problems.add(function + " may not " + call.replaceFirst(" ", " on ")
                            + ", which it needs: deployed, the call is denied; grant it in template.yaml");
                }
            }
            for (String grant : granted) {
                if (!needed.contains(grant)) {
                    problems.add(function + " is granted " + grant.replaceFirst(" ", " on ")
                            + ", which nothing it runs calls: drop it from template.yaml (least privilege)");
                }
            }
        }
        assertThat(problems).as(String.join("\n", problems)).isEmpty();
    }

    /**
     * {@link #CALLS} names every AWS action each function's code calls and no other, as read from the compiled code
     * reachable from its handler ({@link AwsCallsInCode}): a new call in an adapter fails here until it is listed (and
     * then granted), whichever function reaches it.
     */
    @Test
    void theTableOfCallsListsExactlyTheAwsActionsEachHandlersCodeCalls() {
        JavaClasses classes = PackageRules.productionClasses();
        Map<String, Set<String>> listed = new TreeMap<>();
        rows(CALLS)
                .forEach((function, calls) -> calls.forEach(call ->
                        listed.computeIfAbsent(function, k -> new TreeSet<>()).add(call.split(" ")[0])));
        List<String> problems = new ArrayList<>();
        for (String function : functions()) {
            String handler =
                    resources.get(function).at("/Properties/Handler").asText().replaceAll("::.*", "");
            Map<String, Set<String>> code = AwsCallsInCode.of(classes, handler);
            Set<String> inTable = listed.getOrDefault(function, Set.of());
            code.forEach((action, callers) -> {
                if (!inTable.contains(action)) {
                    problems.add(function + "'s code calls " + action + " (" + String.join(", ", callers)
                            + "), which TemplateSafetyTest.CALLS does not list: add it with the resource it names and"
                            + " grant it in template.yaml");
                }
            });
            inTable.stream()
                    .filter(action -> !code.containsKey(action))
                    .forEach(action -> problems.add("TemplateSafetyTest.CALLS lists " + function + " " + action
                            + ", which its code (" + handler.replaceAll(".*\\.", "")
                            + ") never calls: drop it there and from template.yaml"));
        }
        assertThat(problems).as(String.join("\n", problems)).isEmpty();
    }

    /**
     * The resource column of {@link #CALLS}, checked against what each function is told: the tables, queues and buses
     * a function's calls name are exactly those its environment names (TARGETS_TABLE, PLAN_QUEUE_URL, ...). A row on a
     * resource the function cannot even find is wrong; a resource it is given but never calls is a missing row (or a
     * variable to drop).
     */
    @Test
    void theTableOfCallsNamesExactlyTheResourcesEachFunctionIsGiven() {
        List<String> problems = new ArrayList<>();
        rows(CALLS).forEach((function, calls) -> {
            Set<String> named = new TreeSet<>();
            calls.forEach(call -> {
                String resource = call.split(" ")[1];
                if (resources.has(resource)) named.add(resource);
            });
            Set<String> given = new TreeSet<>();
            resources.get(function).at("/Properties/Environment/Variables").forEach(value -> {
                String resource = value.has("Ref")
                        ? value.get("Ref").asText()
                        : value.path("Fn::GetAtt").path(0).asText();
                if (resources.has(resource)) given.add(resource);
            });
            named.stream()
                    .filter(r -> !given.contains(r))
                    .forEach(r -> problems.add("TemplateSafetyTest.CALLS has " + function + " call " + r
                            + ", which none of its environment variables names: the call names another resource"));
            given.stream()
                    .filter(r -> !named.contains(r))
                    .forEach(
                            r -> problems.add(function + " is given " + r + " in its environment but TemplateSafetyTest"
                                    + ".CALLS has no call of it on " + r + ": list the calls, or drop the variable"));
        });
        assertThat(problems).as(String.join("\n", problems)).isEmpty();
    }

    /** The template's Lambda functions. */
    private static List<String> functions() {
        List<String> functions = new ArrayList<>();
        resources.fields().forEachRemaining(e -> {
            if ("AWS::Lambda::Function".equals(e.getValue().get("Type").asText())) functions.add(e.getKey());
        });
        return functions;
    }

    /** A table of "Function action resource" lines (blank lines allowed) as function to "action resource". */
    private static Map<String, Set<String>> rows(String table) {
        Map<String, Set<String>> rows = new TreeMap<>();
        for (String line : table.split("\n")) {
            if (line.isBlank()) continue;
            String[] cells = line.trim().split("\\s+", 3);
            rows.computeIfAbsent(cells[0], k -> new TreeSet<>()).add(cells[1] + " " + cells[2]);
        }
        return rows;
    }

    /** What a function's role allows, as "action resource" (see {@link #CALLS} for how resources are written). */
    private static Set<String> granted(String function, List<String> problems) {
        JsonNode role = resources.get(function + "Role").get("Properties");
        Set<String> granted = new TreeSet<>();
        role.path("ManagedPolicyArns").forEach(arn -> {
            List<String> statements = MANAGED.get(arn.asText());
            if (statements == null) {
                problems.add(function + " carries the managed policy " + arn.asText()
                        + ": grant what its code calls inline instead, or list the policy's statements in MANAGED");
            } else {
                granted.addAll(statements);
            }
        });
        role.get("Policies")
                .forEach(p -> p.at("/PolicyDocument/Statement").forEach(st -> {
                    if (!"Allow".equals(st.path("Effect").asText()) || !st.has("Action") || !st.has("Resource")) {
                        problems.add(function
                                + " has a statement this check cannot read (only Allow, Action, Resource): " + st);
                        return;
                    }
                    List<JsonNode> actions = new ArrayList<>();
                    List<JsonNode> names = new ArrayList<>();
                    (st.get("Action").isArray() ? st.get("Action") : List.of(st.get("Action"))).forEach(actions::add);
                    (st.get("Resource").isArray() ? st.get("Resource") : List.of(st.get("Resource")))
                            .forEach(names::add);
                    String condition = condition(st.path("Condition"));
                    for (JsonNode action : actions) {
                        for (JsonNode name : names) {
                            granted.add(action.asText() + " " + resource(name) + condition);
                        }
                    }
                }));
        return granted;
    }

    /** A resource as {@link #CALLS} writes it: the template resource, {@code *}, or an ARN without its account. */
    private static String resource(JsonNode resource) {
        if (resource.isTextual()) return resource.asText();
        JsonNode getAtt = resource.path("Fn::GetAtt");
        if (getAtt.isArray()) {
            return getAtt.get(0).asText()
                    + ("Arn".equals(getAtt.get(1).asText())
                            ? ""
                            : "." + getAtt.get(1).asText());
        }
        if (resource.has("Ref")) return resource.get("Ref").asText();
        if (resource.has("Fn::Sub")) {
            return resource.get("Fn::Sub")
                    .asText()
                    .replace("arn:${AWS::Partition}:", "")
                    .replace("${AWS::Region}:${AWS::AccountId}:", "");
        }
        return resource.toString();
    }

    /** " when StringEquals key=value" for each condition of a statement; empty without one. */
    private static String condition(JsonNode condition) {
        StringBuilder out = new StringBuilder();
        condition
                .fields()
                .forEachRemaining(operator -> operator.getValue()
                        .fields()
                        .forEachRemaining(key -> out.append(" when ")
                                .append(operator.getKey())
                                .append(' ')
                                .append(key.getKey())
                                .append('=')
                                .append(key.getValue().asText())));
        return out.toString();
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
