package io.predictivescaling.cli.local;

import io.predictivescaling.aws.AwsClients;
import io.predictivescaling.aws.local.Moto;
import io.predictivescaling.aws.local.TemplateTables;
import io.predictivescaling.common.Env;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Points every client this JVM builds at a local AWS (a moto_server started here, or LocalStack), and
 * prepares what a deployed stack would have: the tables from template.yaml, the bus, the plan queue and a demo
 * target, so every function can be invoked locally.
 */
public final class LocalAws {
    public static final String METRICS_TABLE = "predictive-scaling-metrics";
    public static final String TARGETS_TABLE = "predictive-scaling-targets";
    public static final String PATTERNS_TABLE = "predictive-scaling-patterns";
    public static final String PREDICTIONS_TABLE = "predictive-scaling-predictions";
    public static final String EVENT_BUS = "predictive-scaling-bus";
    public static final String ACCURACY_TABLE = "predictive-scaling-accuracy";
    public static final String SIGNALS_TABLE = "predictive-scaling-signals";
    public static final String EVENTS_TABLE = "predictive-scaling-events";
    public static final String LEASE_TABLE = "predictive-scaling-leases";
    public static final String PLAN_QUEUE = "predictive-scaling-plan-queue";
    public static final String DEMO_TARGET = "checkout-ecs";
    public static final String DEMO_METRIC = "checkout-rps";

    private LocalAws() {}

    /** Like {@link #use}, after checking that a given endpoint answers (one line with the fix when not). */
    public static String useReachable(String endpoint) {
        if (endpoint != null) {
            AwsAccess.reach(endpoint);
        }
        return use(endpoint);
    }

    /** Uses {@code endpoint}, or starts moto_server when it is null. Returns the endpoint in use. */
    public static String use(String endpoint) {
        String url = endpoint != null ? endpoint : Moto.endpoint().toString();
        System.setProperty("aws.endpointUrl", url);
        setIfAbsent("aws.region", "AWS_REGION", "us-east-1");
        // Local emulators accept any credentials; real ones from the environment are left alone.
        setIfAbsent("aws.accessKeyId", "AWS_ACCESS_KEY_ID", "test");
        setIfAbsent("aws.secretAccessKey", "AWS_SECRET_ACCESS_KEY", "test");
        return url;
    }

    /**
     * Creates the tables, the bus and the plan queue (each if missing, also when another run creates it at the same
     * moment), and tells the handlers their names; no target (see {@link #prepareStackWithDemoTarget()}).
     */
    public static void prepareStack() {
        DynamoDbClient dynamo = AwsClients.dynamoDb();
        TemplateTables.create(dynamo, "MetricsTable", METRICS_TABLE);
        TemplateTables.create(dynamo, "TargetsTable", TARGETS_TABLE);
        TemplateTables.create(dynamo, "PatternsTable", PATTERNS_TABLE);
        TemplateTables.create(dynamo, "PredictionsTable", PREDICTIONS_TABLE);
        TemplateTables.create(dynamo, "AccuracyTable", ACCURACY_TABLE);
        TemplateTables.create(dynamo, "SignalsTable", SIGNALS_TABLE);
        TemplateTables.create(dynamo, "EventsTable", EVENTS_TABLE);
        TemplateTables.create(dynamo, "LeaseTable", LEASE_TABLE);
        String queueUrl;
        try (SqsClient sqs = AwsClients.build(SqsClient.builder())) {
            // CreateQueue with the same name and attributes returns the existing queue's URL.
            queueUrl = sqs.createQueue(r -> r.queueName(PLAN_QUEUE)).queueUrl();
        }
        var bridge = AwsClients.build(EventBridgeClient.builder());
        try {
            bridge.createEventBus(r -> r.name(EVENT_BUS));
        } catch (ResourceAlreadyExistsException exists) {
            // Made by an earlier or a concurrent run: tried rather than looked up first, so two at once both go on.
        }
        System.setProperty(Env.METRICS_TABLE.name(), METRICS_TABLE);
        System.setProperty(Env.TARGETS_TABLE.name(), TARGETS_TABLE);
        System.setProperty(Env.PATTERNS_TABLE.name(), PATTERNS_TABLE);
        System.setProperty(Env.PREDICTIONS_TABLE.name(), PREDICTIONS_TABLE);
        System.setProperty(Env.EVENT_BUS_NAME.name(), EVENT_BUS);
        System.setProperty(Env.ACCURACY_TABLE.name(), ACCURACY_TABLE);
        System.setProperty(Env.SIGNALS_TABLE.name(), SIGNALS_TABLE);
        System.setProperty(Env.EVENTS_TABLE.name(), EVENTS_TABLE);
        System.setProperty(Env.LEASE_TABLE.name(), LEASE_TABLE);
        System.setProperty(Env.PLAN_QUEUE_URL.name(), queueUrl);
    }

    /**
     * The stack of {@link #prepareStack()} with the demo target {@value #DEMO_TARGET} (metric {@value
     * #DEMO_METRIC}) registered, which the sample events in {@code events/} name.
     */
    public static void prepareStackWithDemoTarget() {
        prepareStack();
        DynamoDbClient dynamo = AwsClients.dynamoDb();
        dynamo.putItem(r -> r.tableName(TARGETS_TABLE)
                .item(Map.of(
                        "targetId", AttributeValue.fromS(DEMO_TARGET),
                        "metricId", AttributeValue.fromS(DEMO_METRIC))));
    }

    private static void setIfAbsent(String property, String envVar, String value) {
        if (System.getProperty(property) == null && System.getenv(envVar) == null) {
            System.setProperty(property, value);
        }
    }
}
