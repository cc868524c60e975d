package io.predictivescaling.cli;

import io.predictivescaling.aws.AwsClients;
import io.predictivescaling.aws.Retry;
import io.predictivescaling.aws.local.ProjectRoot;
import io.predictivescaling.backtest.Trace;
import io.predictivescaling.backtest.TraceReader;
import io.predictivescaling.cli.files.FileOption;
import io.predictivescaling.cli.local.EmulatorEndpoint;
import io.predictivescaling.cli.local.LocalAws;
import io.predictivescaling.cli.local.UserError;
import io.predictivescaling.feedback.MetricsEmitter;
import io.predictivescaling.functions.analyzepatterns.AnalyzePatternsHandler;
import io.predictivescaling.functions.analyzepatterns.AnalyzePatternsWiring;
import io.predictivescaling.functions.predictandscale.PredictAndScaleHandler;
import io.predictivescaling.functions.predictandscale.PredictAndScaleWiring;
import io.predictivescaling.functions.scorefeedback.ScoreFeedbackHandler;
import io.predictivescaling.functions.scorefeedback.ScoreFeedbackWiring;
import io.predictivescaling.metrics.DynamoDbTimeSeriesStore;
import io.predictivescaling.metrics.LoadSample;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * {@code demo}: the deployed pipeline for real, against moto (or LocalStack): a trace goes into the metrics
 * table, then analyze-patterns, predict-and-scale and score-feedback run hour by hour over simulated days.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the pipeline's handlers against an auto-started moto_server (or --endpoint): loads a "
                    + "trace into the metrics table, then runs analyze-patterns, predict-and-scale and score-feedback over simulated "
                    + "days, and prints the aws commands that show the predictions and scheduled actions.",
            "Then score-feedback scores the matured predictions each hour."
        })
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    static final String TARGET = "demo-web";
    static final String CLUSTER = "demo";
    static final String SERVICE = "web";
    /** How long the demo's metrics are kept: the whole trace, however old its timestamps. */
    private static final Duration RETENTION = Duration.ofDays(4000);

    @Option(
            names = "--trace",
            converter = FileOption.InputFile.class,
            description = "CSV timestamp,value (default: the bundled cli/traces/nyc_taxi.csv)")
    Path trace;

    @Option(
            names = "--history-days",
            defaultValue = "21",
            description = "Days of the trace loaded before the first run")
    int historyDays;

    @Option(names = "--days", defaultValue = "2", description = "Simulated days to run")
    int days;

    @Option(names = "--hours", description = "Simulated hours to run instead of whole days (a quicker look)")
    Integer hours;

    @Mixin
    EmulatorEndpoint emulator;

    @Option(
            names = "--keep-running",
            description = "Keep moto_server up after the demo until Enter is pressed, so the printed aws commands work")
    boolean keepRunning;

    @Option(names = "--verbose", description = "Also print each run's plans and feedback and the handlers' logs")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        int runs = hours != null ? hours : days * 24;
        if (runs < 1) {
            throw new UserError("--days and --hours need at least one simulated hour, got " + runs
                    + "; e.g. --days 1 or --hours 6");
        }
        Trace t = TraceReader.read(trace != null ? trace : ProjectRoot.resolve("cli/traces/nyc_taxi.csv"));
        String url = emulator.use();
        LocalAws.prepareStack();
        stdout.println("AWS endpoint: " + url);
        double unit = t.defaultUnit();
        var dynamo = AwsClients.dynamoDb();
        var aas = AwsClients.build(ApplicationAutoScalingClient.builder());
        Retry retry = Retry.standard();
        try (var ecs = software.amazon.awssdk.services.ecs.EcsClient.builder()
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                .build()) {
            ecs.createCluster(r -> r.clusterName(CLUSTER));
            if (ecs.describeServices(r -> r.cluster(CLUSTER).services(SERVICE))
                    .services()
                    .isEmpty()) {
                ecs.createService(r -> r.cluster(CLUSTER).serviceName(SERVICE).desiredCount(2));
            }
        }
        String resource = "service/" + CLUSTER + "/" + SERVICE;
        aas.registerScalableTarget(r -> r.serviceNamespace("ecs")
                .resourceId(resource)
                .scalableDimension("ecs:service:DesiredCount")
                .minCapacity(2)
                .maxCapacity(40));
        dynamo.putItem(r -> r.tableName(LocalAws.TARGETS_TABLE)
                .item(Map.of(
                        "targetId",
                        AttributeValue.fromS(TARGET),
                        "metricId",
                        AttributeValue.fromS("demo-load"),
                        "serviceNamespace",
                        AttributeValue.fromS("ecs"),
                        "resourceId",
                        AttributeValue.fromS(resource),
                        "scalableDimension",
                        AttributeValue.fromS("ecs:service:DesiredCount"),
                        "loadPerUnit",
                        AttributeValue.fromN(String.format(Locale.ROOT, "%.3f", 0.7 * unit)),
                        "minCapacity",
                        AttributeValue.fromN("2"),
                        "maxCapacity",
                        AttributeValue.fromN("40"),
                        // The trace reports every 30 minutes: a sample 31 minutes old is not stale here.
                        "staleAfterMinutes",
                        AttributeValue.fromN(Long.toString(3 * t.step().toMinutes())),
                        "mode",
                        AttributeValue.fromS("ForecastAndScale"))));

        var store = new DynamoDbTimeSeriesStore(dynamo, LocalAws.METRICS_TABLE, RETENTION, retry);
        Instant first = t.start().plus(Duration.ofDays(historyDays));
        load(store, t, t.start(), first);
        stdout.printf(
                Locale.ROOT,
                "loaded %d days of %s into %s; target %s scales %s (%.1f load per task)%n",
                historyDays,
                t.name(),
                LocalAws.METRICS_TABLE,
                TARGET,
                resource,
                0.7 * unit);
        stdout.printf(
                Locale.ROOT,
                "running analyze-patterns, predict-and-scale and score-feedback hourly over %s%s%n",
                hours != null ? hours + " simulated hours" : days + " simulated days",
                verbose ? "" : " (--verbose shows each run)");

        for (int hour = 0; hour < runs; hour++) {
            Instant now = first.plus(Duration.ofHours(hour));
            load(store, t, now.minus(Duration.ofHours(1)), now);
            Clock clock = Clock.fixed(now.plusSeconds(60), ZoneOffset.UTC);
            var context = new CliContext("demo", !verbose, spec.commandLine().getErr());
            if (hour % 24 == 0 || hour == 0) {
                new AnalyzePatternsHandler(
                                AnalyzePatternsWiring.of(
                                        dynamo,
                                        retry,
                                        new AnalyzePatternsWiring.Tables(
                                                LocalAws.TARGETS_TABLE,
                                                LocalAws.METRICS_TABLE,
                                                LocalAws.PATTERNS_TABLE),
                                        RETENTION,
                                        Duration.ofDays(56)),
                                clock)
                        .handleRequest(new com.amazonaws.services.lambda.runtime.events.ScheduledEvent(), context);
            }
            var result = new PredictAndScaleHandler(
                            PredictAndScaleWiring.of(
                                    dynamo,
                                    aas,
                                    AwsClients.build(EventBridgeClient.builder()),
                                    retry,
                                    new PredictAndScaleWiring.Tables(
                                            LocalAws.TARGETS_TABLE,
                                            LocalAws.METRICS_TABLE,
                                            LocalAws.PATTERNS_TABLE,
                                            LocalAws.PREDICTIONS_TABLE,
                                            LocalAws.ACCURACY_TABLE,
                                            LocalAws.SIGNALS_TABLE,
                                            LocalAws.EVENTS_TABLE,
                                            LocalAws.EVENT_BUS),
                                    Duration.ofDays(28),
                                    2),
                            clock)
                    .handleRequest(new com.amazonaws.services.lambda.runtime.events.ScheduledEvent(), context);
            if (verbose && hour % 6 == 0 || hour == runs - 1) {
                stdout.println(now + "  " + String.join("; ", result.lines()));
            }
            var scored = new ScoreFeedbackHandler(
                            ScoreFeedbackWiring.of(
                                    dynamo,
                                    retry,
                                    new ScoreFeedbackWiring.Tables(
                                            LocalAws.TARGETS_TABLE,
                                            LocalAws.METRICS_TABLE,
                                            LocalAws.PREDICTIONS_TABLE,
                                            LocalAws.ACCURACY_TABLE),
                                    RETENTION,
                                    MetricsEmitter.NONE),
                            clock)
                    .handleRequest(new com.amazonaws.services.lambda.runtime.events.ScheduledEvent(), context);
            if (verbose && hour % 6 == 5) {
                stdout.println(now + "  feedback: " + String.join("; ", scored.lines()));
            }
        }
        var actions = aas.describeScheduledActions(
                        r -> r.serviceNamespace("ecs").resourceId(resource))
                .scheduledActions();
        stdout.printf(Locale.ROOT, "%nscheduled actions on %s now: %d, e.g.%n", resource, actions.size());
        actions.stream()
                .limit(6)
                .forEach(a -> stdout.println("  " + a.scheduledActionName() + "  " + a.schedule() + "  MinCapacity="
                        + a.scalableTargetAction().minCapacity()));
        printCommands(url);
        if (keepRunning) {
            stdout.println("\nmoto_server stays up; press Enter to stop.");
            System.in.read();
        }
        return 0;
    }

    /**
     * The commands that show what the demo left, runnable as printed from any folder: the aws CLI needs credentials
     * and a region even for an emulator, so they come with them. Moto started here stops with the demo, so
     * without --keep-running they are only promised.
     */
    private void printCommands(String url) {
        PrintWriter stdout = spec.commandLine().getOut();
        if (!emulator.given() && !keepRunning) {
            stdout.println("\nTo look at them with the aws CLI, run the demo with --keep-running: it prints the "
                    + "commands and keeps moto_server up until you press Enter.");
            return;
        }
        String region = io.predictivescaling.aws.Settings.optional(
                "aws.region", io.predictivescaling.aws.Settings.optional("AWS_REGION", "us-east-1"));
        String aws = "AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=" + region
                + " aws --endpoint-url " + url;
        stdout.println("\nLook at them yourself" + (!emulator.given() ? " (in another terminal, while moto is up)" : "")
                + ":");
        stdout.println("  " + aws + " dynamodb query --table-name " + LocalAws.PREDICTIONS_TABLE
                + " --key-condition-expression 'targetId = :t' --expression-attribute-values '{\":t\":{\"S\":\""
                + TARGET + "\"}}' --max-items 5");
        // The hourly paths sort after the time-keyed items: one item per hour, its hours as parallel lists.
        stdout.println("  " + aws + " dynamodb query --table-name " + LocalAws.PREDICTIONS_TABLE
                + " --key-condition-expression 'targetId = :t AND begins_with(forecast, :p)'"
                + " --expression-attribute-values '{\":t\":{\"S\":\"" + TARGET + "\"},\":p\":{\"S\":\"path#\"}}'"
                + " --no-scan-index-forward --max-items 1");
        stdout.println("  " + aws + " application-autoscaling describe-scheduled-actions --service-namespace ecs"
                + " --resource-id service/" + CLUSTER + "/" + SERVICE);
        stdout.println("  " + aws + " dynamodb query --table-name " + LocalAws.PATTERNS_TABLE
                + " --key-condition-expression 'metricId = :m' --expression-attribute-values "
                + "'{\":m\":{\"S\":\"demo-load\"}}'");
        stdout.println("  " + ProjectRoot.resolve("bin/predictive-scaling") + " report --endpoint " + url);
    }

    private static void load(DynamoDbTimeSeriesStore store, Trace t, Instant from, Instant to) {
        List<LoadSample> samples = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            Instant at = t.time(i);
            if (!at.isBefore(from) && at.isBefore(to) && !Double.isNaN(t.demand()[i])) {
                samples.add(new LoadSample("demo-load", at, t.demand()[i], "", "demo"));
            }
        }
        store.append(samples);
    }
}
