package io.predictivescaling.cli;

import io.predictivescaling.aws.AwsClients;
import io.predictivescaling.aws.Retry;
import io.predictivescaling.aws.local.TemplateTables;
import io.predictivescaling.cli.local.EmulatorEndpoint;
import io.predictivescaling.functions.predictandscale.PredictAndScaleWiring;
import io.predictivescaling.metrics.DynamoDbTimeSeriesStore;
import io.predictivescaling.metrics.LoadSample;
import io.predictivescaling.scaling.PredictAndScaleService;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/** Times one predict-and-scale run over many targets against moto (or --endpoint LocalStack). */
@Command(
        name = "bench-scale",
        mixinStandardHelpOptions = true,
        description =
                "Registers N DynamoDB-table targets in a local AWS, seeds their load and times predict-and-scale runs.")
final class BenchScaleCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--targets", defaultValue = "1000", description = "Targets to register and plan in one run")
    int targets;

    @Option(names = "--metrics", defaultValue = "5", description = "Distinct load series the targets share")
    int metrics;

    @Option(names = "--days", defaultValue = "14", description = "Days of 10-minute history per series")
    int days;

    @Option(names = "--threads", defaultValue = "8", description = "Targets planned in parallel (PARALLEL_TARGETS)")
    int threads;

    @Mixin
    EmulatorEndpoint emulator;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        stderr.println("AWS endpoint: " + emulator.use());
        var dynamo = AwsClients.dynamoDb();
        var aas = AwsClients.build(ApplicationAutoScalingClient.builder());
        var bridge = AwsClients.build(EventBridgeClient.builder());
        Retry retry = Retry.standard();
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String metricsTable = TemplateTables.create(dynamo, "MetricsTable", "bench-metrics-" + suffix);
        String targetsTable = TemplateTables.create(dynamo, "TargetsTable", "bench-targets-" + suffix);
        String patternsTable = TemplateTables.create(dynamo, "PatternsTable", "bench-patterns-" + suffix);
        String predictionsTable = TemplateTables.create(dynamo, "PredictionsTable", "bench-predictions-" + suffix);
        String accuracyTable = TemplateTables.create(dynamo, "AccuracyTable", "bench-accuracy-" + suffix);
        String bus = "bench-bus-" + suffix;
        bridge.createEventBus(r -> r.name(bus));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);

        long t0 = System.nanoTime();
        var store = new DynamoDbTimeSeriesStore(dynamo, metricsTable, Duration.ofDays(400), retry);
        for (int m = 0; m < metrics; m++) {
            List<LoadSample> samples = new ArrayList<>();
            for (Instant t = now.minus(Duration.ofDays(days)); t.isBefore(now); t = t.plus(Duration.ofMinutes(10))) {
                double hour = t.atZone(ZoneOffset.UTC).getHour();
                samples.add(new LoadSample(
                        "metric-" + m,
                        t,
                        (100 + 20 * m) * (1 + 0.8 * Math.exp(-Math.pow(hour - 14, 2) / 8)),
                        "Count",
                        "bench"));
            }
            store.append(samples);
        }
        for (int n = 0; n < targets; n++) {
            int i = n;
            String resource = String.format(Locale.ROOT, "table/bench-%04d", i);
            aas.registerScalableTarget(r -> r.serviceNamespace("dynamodb")
                    .resourceId(resource)
                    .scalableDimension("dynamodb:table:ReadCapacityUnits")
                    .minCapacity(5)
                    .maxCapacity(10_000));
            String metric = "metric-" + (i % metrics);
            dynamo.putItem(r -> r.tableName(targetsTable)
                    .item(Map.of(
                            "targetId", AttributeValue.fromS(String.format(Locale.ROOT, "bench-%04d", i)),
                            "metricId", AttributeValue.fromS(metric),
                            "serviceNamespace", AttributeValue.fromS("dynamodb"),
                            "resourceId", AttributeValue.fromS(resource),
                            "scalableDimension", AttributeValue.fromS("dynamodb:table:ReadCapacityUnits"),
                            "loadPerUnit", AttributeValue.fromN("2"),
                            "minCapacity", AttributeValue.fromN("5"),
                            "maxCapacity", AttributeValue.fromN("10000"),
                            "mode", AttributeValue.fromS("ForecastAndScale"))));
        }
        stdout.printf(
                Locale.ROOT,
                "seeded %d series x %d days and %d targets in %.1f s%n",
                metrics,
                days,
                targets,
                (System.nanoTime() - t0) / 1e9);

        PredictAndScaleService service = PredictAndScaleWiring.of(
                dynamo,
                aas,
                bridge,
                retry,
                new PredictAndScaleWiring.Tables(
                        targetsTable,
                        metricsTable,
                        patternsTable,
                        predictionsTable,
                        accuracyTable,
                        TemplateTables.create(dynamo, "SignalsTable", "bench-signals-" + suffix),
                        TemplateTables.create(dynamo, "EventsTable", "bench-events-" + suffix),
                        bus),
                Duration.ofDays(28),
                threads);
        for (String run : List.of("first run (all actions new)", "second run (steady state)")) {
            long start = System.nanoTime();
            PredictAndScaleService.Result result = service.run(now);
            stdout.printf(
                    Locale.ROOT,
                    "%s: %d targets planned, %d scaled, %d problems in %.1f s%n",
                    run,
                    result.planned(),
                    result.applied(),
                    result.problems().size(),
                    (System.nanoTime() - start) / 1e9);
            result.problems().stream().limit(3).forEach(p -> stdout.println("  problem: " + p));
        }
        return 0;
    }
}
