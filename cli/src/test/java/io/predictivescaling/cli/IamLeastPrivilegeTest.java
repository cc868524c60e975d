package io.predictivescaling.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.tngtech.archunit.core.domain.JavaClasses;
import io.predictivescaling.sentiment.SentimentSourceRegistry;
import io.predictivescaling.testing.PackageRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Least privilege, checked on the template as SAM expands it: each function's role grants exactly the AWS calls its
 * code makes ({@link #CALLS}) and what the Lambda service does with it ({@link #LAMBDA_SERVICE}), on the resources
 * its environment names, and nothing more. Moto enforces no IAM, so no integration test would notice a missing or a
 * surplus grant.
 */
class IamLeastPrivilegeTest {
    static JsonNode resources;

    @BeforeAll
    static void expandTheTemplate() throws Exception {
        resources = ExpandedTemplate.get().get("Resources");
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
                            + "), which IamLeastPrivilegeTest.CALLS does not list: add it with the resource it names and"
                            + " grant it in template.yaml");
                }
            });
            inTable.stream()
                    .filter(action -> !code.containsKey(action))
                    .forEach(action -> problems.add("IamLeastPrivilegeTest.CALLS lists " + function + " " + action
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
                    .forEach(r -> problems.add("IamLeastPrivilegeTest.CALLS has " + function + " call " + r
                            + ", which none of its environment variables names: the call names another resource"));
            given.stream()
                    .filter(r -> !named.contains(r))
                    .forEach(r ->
                            problems.add(function + " is given " + r + " in its environment but IamLeastPrivilegeTest"
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
}
