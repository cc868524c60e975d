package io.predictivescaling.cli;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.predictivescaling.aws.local.ProjectRoot;
import io.predictivescaling.cli.coldinit.ColdInitRun;
import io.predictivescaling.cli.files.FileOption;
import io.predictivescaling.cli.local.EmulatorEndpoint;
import io.predictivescaling.cli.local.LocalAws;
import io.predictivescaling.cli.local.UserError;
import io.predictivescaling.functions.predictandscale.PredictAndScaleQueueHandler;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench-cold-init}: each function's Lambda zip cold-started in a fresh JVM against moto (see
 * {@link ColdInitRun}), with the handler template.yaml deploys and the function's sample event from events/.
 */
@Command(
        name = "bench-cold-init",
        mixinStandardHelpOptions = true,
        description = {
            "Cold-starts each function's Lambda zip in a fresh JVM (only the zip and the Lambda runtime's "
                    + "event serializer on the class path) against moto: constructs the handler, handles its sample "
                    + "event once, and prints JVM start to first result in ms (median of --runs) with the zip's size.",
            "Build the zips first: mvn -B -q package -DskipTests."
        })
final class BenchColdInitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--functions", split = ",", description = "Functions to start (default: all seven)")
    List<String> functions;

    @Option(
            names = "--zips",
            converter = FileOption.InputFolder.class,
            description = "Directory of <function>.zip files to start instead of the built ones "
                    + "(functions/<function>/target/<function>.zip), e.g. zips saved from another commit")
    Path zips;

    @Option(names = "--runs", defaultValue = "3", description = "Cold starts per function; the median is printed")
    int runs;

    @Mixin
    EmulatorEndpoint emulator;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        List<String> names = functions == null ? List.copyOf(Functions.HANDLERS.keySet()) : functions;
        for (String name : names) {
            Functions.handler(name);
            Path zip = zip(name);
            if (!Files.isRegularFile(zip)) {
                throw new UserError("no Lambda zip at " + zip + "; build it with: mvn -B -q package -DskipTests");
            }
        }
        Map<String, String> settings = prepare(emulator.use());
        stdout.printf(
                Locale.ROOT,
                "%-18s %9s %12s %9s %15s %11s%n",
                "function",
                "zip MB",
                "unpacked MB",
                "init ms",
                "first result ms",
                "process ms");
        try (ColdInitRun cold = new ColdInitRun()) {
            for (String name : names) {
                List<ColdInitRun.Result> results = new ArrayList<>();
                for (int i = 0; i < runs; i++) {
                    ColdInitRun.Result r =
                            cold.run(zip(name), deployedHandler(name).getName(), event(name), settings, 120);
                    if (!r.ok()) {
                        stderr.println(name + " failed (exit " + r.exitCode() + "):\n" + r.stderr());
                        return 1;
                    }
                    results.add(r);
                }
                stdout.printf(
                        Locale.ROOT,
                        "%-18s %9.1f %12.1f %9d %15d %11d%n",
                        name,
                        Files.size(zip(name)) / 1e6,
                        results.get(0).unpackedBytes() / 1e6,
                        median(results.stream()
                                .mapToLong(ColdInitRun.Result::initMs)
                                .toArray()),
                        median(results.stream()
                                .mapToLong(ColdInitRun.Result::firstResultMs)
                                .toArray()),
                        median(results.stream()
                                .mapToLong(ColdInitRun.Result::wallMs)
                                .toArray()));
            }
        }
        return 0;
    }

    /**
     * Starts moto (or uses {@code endpoint}), creates what the functions read (the tables from template.yaml, the
     * event bus, a demo target, the lease table and the plan queue) and returns the settings a child JVM needs.
     */
    static Map<String, String> prepare(String endpoint) {
        LocalAws.use(endpoint);
        LocalAws.prepareStackWithDemoTarget();
        Map<String, String> settings = new LinkedHashMap<>();
        for (String key : List.of(
                "aws.endpointUrl",
                "aws.region",
                "aws.accessKeyId",
                "aws.secretAccessKey",
                "METRICS_TABLE",
                "TARGETS_TABLE",
                "PATTERNS_TABLE",
                "PREDICTIONS_TABLE",
                "ACCURACY_TABLE",
                "SIGNALS_TABLE",
                "EVENTS_TABLE",
                "EVENT_BUS_NAME",
                "LEASE_TABLE",
                "PLAN_QUEUE_URL")) {
            String value = System.getProperty(key);
            if (value != null) {
                settings.put(key, value);
            }
        }
        return settings;
    }

    /** The handler template.yaml deploys: predict-and-scale consumes the plan queue. */
    static Class<? extends RequestHandler<?, ?>> deployedHandler(String function) {
        return function.equals("predict-and-scale") ? PredictAndScaleQueueHandler.class : Functions.handler(function);
    }

    /** The sample event the deployed handler receives: a plan batch for predict-and-scale, else the schedule. */
    static Path event(String function) {
        return ProjectRoot.resolve("events/" + function + "/"
                + (function.equals("predict-and-scale") ? "plan-batch.json" : "scheduled.json"));
    }

    private Path zip(String function) {
        return zips != null
                ? zips.resolve(function + ".zip")
                : ProjectRoot.resolve("functions/" + function + "/target/" + function + ".zip");
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
