package io.predictivescaling.cli.fleet;

import io.predictivescaling.feedback.Accuracy;
import io.predictivescaling.feedback.AccuracyMetrics;
import io.predictivescaling.fleet.DispatchService;
import io.predictivescaling.fleet.FleetBatchPlanner;
import io.predictivescaling.fleet.PlanBatch;
import io.predictivescaling.planning.PlanningCore;
import io.predictivescaling.scaling.PlanInputs;
import io.predictivescaling.scaling.PredictAndScaleService;
import io.predictivescaling.targets.ScalableResource;
import io.predictivescaling.targets.ScalableTarget;
import io.predictivescaling.targets.ScalingConfig;
import io.predictivescaling.targets.ScalingPolicy;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The fleet benchmark: the real dispatcher and predict-and-scale planning code over N targets, with every AWS
 * call answered by in-memory fakes of the ports that meter each call as the adapter would make it. Prints the
 * planning time, AWS calls and DynamoDB units per target per run, Lambda GB-seconds, and the cost per
 * target-month by the README's formula. Moto stores actions in lists, so it cannot stand in for AWS at this
 * size; {@code bench-scale} keeps the moto-backed end-to-end path.
 */
@Command(
        name = "bench-fleet",
        mixinStandardHelpOptions = true,
        description =
                "Plans a synthetic fleet through the fleet queue with metered in-memory AWS; prints time, calls and cost per target.")
public final class BenchFleetCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    // Prices (us-east-1, on-demand, 2026): what the cost formula in the README uses.
    static final double LAMBDA_GB_SECOND_ARM = 0.0000133334;
    static final double LAMBDA_REQUEST = 0.20e-6;
    static final double DYNAMO_READ_UNIT = 0.125e-6;
    static final double DYNAMO_WRITE_UNIT = 0.625e-6;
    static final double EVENTBRIDGE_EVENT = 1.00e-6;
    static final double SQS_REQUEST = 0.40e-6;
    static final double GET_METRIC_DATA_METRIC = 0.01e-3;
    /** CloudWatch custom metric, per metric-month (first 10,000 metrics; CloudWatch pricing). */
    static final double CUSTOM_METRIC_MONTH = 0.30;
    /** CloudWatch Logs ingestion (standard log class), per GB. */
    static final double LOG_INGESTION_GB = 0.50;
    /** What Lambda itself logs per invocation (START, END and REPORT lines), in bytes. */
    static final int LAMBDA_LOG_LINES_BYTES = 350;

    static final int RUNS_PER_MONTH = 30 * 24 * 12;
    /**
     * Run 1 (12:02) starts from nothing and run 2 (12:07) clears what run 1 set due at once; run 3 (12:12) is a
     * run within the hour, run 4 (13:02) the first after the hour turned (new hourly history: the 48-hour path
     * is new). Steady state per run is their hourly mix: (11 x run 3 + run 4) / 12.
     */
    static final List<Duration> RUN_AT =
            List.of(Duration.ZERO, Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(60));

    @Option(names = "--targets", defaultValue = "10000", description = "How many scalable targets the fleet has")
    int targets;

    @Option(names = "--targets-per-metric", defaultValue = "1", description = "Targets scaling on one metric")
    int perMetric;

    @Option(names = "--history-days", defaultValue = "28", description = "PREDICTION_HISTORY_DAYS")
    int historyDays;

    @Option(names = "--resolution-seconds", defaultValue = "60", description = "The metrics' sample interval")
    int resolutionSeconds;

    @Option(names = "--batch-targets", defaultValue = "25", description = "MAX_TARGETS_PER_BATCH of the dispatcher")
    int batchTargets;

    @Option(
            names = "--batch-size",
            defaultValue = "4",
            description = "Messages per invocation (the event source's BatchSize)")
    int batchSize;

    @Option(names = "--threads", defaultValue = "8", description = "PARALLEL_TARGETS")
    int threads;

    @Option(names = "--memory-mb", defaultValue = "2048", description = "predict-and-scale's MemorySize")
    int memoryMb;

    @Option(
            names = "--pull-minutes",
            defaultValue = "15",
            description = "How often record-metrics pulls CloudWatch (cost only; MetricPullSchedule, default 15)")
    int pullMinutes;

    @Option(
            names = "--pattern-hours",
            defaultValue = "6",
            description = "How often analyze-patterns runs, in hours (cost only; PatternSchedule, default 6)")
    int patternHours;

    @Option(names = "--whole-history", description = "Read the whole history every run (no digest): as before issue 19")
    boolean wholeHistory;

    @Option(names = "--aws-latency-ms", defaultValue = "8", description = "Assumed latency of one AWS call in Lambda")
    double latencyMs;

    @Option(
            names = "--per-target-metrics",
            description = "PerTargetMetrics=true: score-feedback's 11 accuracy metrics per target too (cost only)")
    boolean perTargetMetrics;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        if (targets < 1 || perMetric < 1 || batchTargets < 1 || batchSize < 1 || threads < 1) {
            throw new IllegalArgumentException("--targets, --targets-per-metric, --batch-targets, --batch-size and "
                    + "--threads must be at least 1");
        }
        Instant start = Instant.parse("2026-11-30T12:02:00Z");
        Meter meter = new Meter();
        List<ScalableTarget> fleet = fleet();
        var queue = new FakeServices.Queue(meter);
        var leases = new FakeServices.Leases(meter);
        var aas = new FakeServices.Aas(meter);
        var metrics = new FakeStores.Metrics(meter, Duration.ofSeconds(resolutionSeconds));
        var predictions = new FakeStores.Predictions(meter);
        PredictAndScaleService service = PredictAndScaleService.builder()
                .targets(new FakeStores.Targets(fleet, meter))
                .metrics(metrics)
                .patterns(new FakeStores.Patterns(meter, start))
                .predictions(predictions)
                .gateway(aas)
                .publisher(new FakeServices.Bus(meter))
                .inputs(new PlanInputs(
                        new FakeStores.Feedback(meter), new FakeStores.Signals(meter), new FakeStores.Events(meter)))
                .history(Duration.ofDays(historyDays))
                .threads(threads)
                .digests(wholeHistory ? null : metrics)
                .announcements(new FakeServices.Announcements(meter))
                .build();
        FleetBatchPlanner planner = new FleetBatchPlanner(service, leases, queue, Duration.ofMinutes(5));
        DispatchService dispatcher = new DispatchService(new FakeStores.Targets(fleet, meter), queue, batchTargets);
        var cpu = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

        stdout.printf(
                Locale.ROOT,
                "bench-fleet: %d targets on %d metrics, %d-s samples, %d days of history, "
                        + "batches of %d targets, %d messages per invocation, %d planning threads, %d cores%n",
                targets,
                (targets + perMetric - 1) / perMetric,
                resolutionSeconds,
                historyDays,
                batchTargets,
                batchSize,
                threads,
                Runtime.getRuntime().availableProcessors());
        Meter.Snapshot steady = null;
        double steadyWall = 0;
        double steadyCpu = 0;
        double logBytes = 0;
        double archived = 0;
        double shortBytes = 0;
        double pathBytes = 0;
        double intervals = 0;
        int invocations = 0;
        for (int run = 0; run < RUN_AT.size(); run++) {
            Instant now = start.plus(RUN_AT.get(run));
            aas.advanceTo(now);
            Meter.Snapshot before = meter.snapshot();
            long archived0 = predictions.archive().predictions().get();
            long shortBytes0 = predictions.archive().shortBytes().get();
            long pathBytes0 = predictions.archive().pathBytes().get();
            long intervals0 = predictions.intervalCount();
            long cpu0 = cpu.getProcessCpuTime();
            long wall0 = System.nanoTime();
            DispatchService.Result dispatched = dispatcher.run();
            List<PlanBatch> batches = new ArrayList<>(queue.messages);
            queue.messages.clear();
            int planned = 0;
            long runLogBytes = 0;
            int failed = 0;
            invocations = 0;
            for (int i = 0; i < batches.size(); i += batchSize) {
                List<FleetBatchPlanner.Message> messages = new ArrayList<>();
                for (int j = i; j < Math.min(batches.size(), i + batchSize); j++) {
                    messages.add(new FleetBatchPlanner.Message(
                            "m" + j, batches.get(j).toJson()));
                }
                FleetBatchPlanner.Outcome outcome = planner.handle(now, "bench-" + run + "-" + i, messages);
                planned += outcome.result().planned();
                // What the handler logs (a line per target and per problem) and Lambda's own lines per invocation.
                runLogBytes += LAMBDA_LOG_LINES_BYTES
                        + Stream.concat(outcome.result().lines().stream(), outcome.problems().stream())
                                .mapToLong(l -> l.getBytes(StandardCharsets.UTF_8).length + 60)
                                .sum();
                failed += outcome.failedMessageIds().size();
                invocations++;
            }
            double wall = (System.nanoTime() - wall0) / 1e9;
            double cpuSeconds = (cpu.getProcessCpuTime() - cpu0) / 1e9;
            Meter.Snapshot used = meter.snapshot().minus(before);
            stdout.printf(
                    Locale.ROOT,
                    "run %d (%s): %d targets in %d batches, %d invocations, planned %d, "
                            + "failed messages %d: %.1f s wall (%.1f s per 1,000 targets), %.1f s CPU; per target: "
                            + "%.2f AAS calls, %.1f read units, %.1f write units%n",
                    run + 1,
                    new String[] {
                                "12:02, from nothing",
                                "12:07, warm-up",
                                "12:12, within the hour",
                                "13:02, the hour turned"
                            }
                            [run],
                    dispatched.targets(),
                    dispatched.batches(),
                    invocations,
                    planned,
                    failed,
                    wall,
                    1000 * wall / targets,
                    cpuSeconds,
                    (double) used.calls("application-autoscaling:") / targets,
                    used.readUnits() / targets,
                    used.writeUnits() / targets);
            double weight = run == 2 ? 11 / 12.0 : run == 3 ? 1 / 12.0 : 0;
            steady = steady == null ? scale(used, weight) : add(steady, scale(used, weight));
            if (run == 0 && !wholeHistory) {
                // Digests are rewritten every DIGEST_REFRESH_HOURS hours (36 runs), never in runs 3 and 4: the
                // first run's writes of them, spread over those runs, join the steady state.
                Meter.Snapshot writes = digestWrites(used, metrics);
                steady = add(steady, scale(writes, 1.0 / (12 * PredictAndScaleService.DIGEST_REFRESH_HOURS)));
            }
            archived += weight * (predictions.archive().predictions().get() - archived0) / targets;
            shortBytes += weight * (predictions.archive().shortBytes().get() - shortBytes0) / targets;
            pathBytes += weight * (predictions.archive().pathBytes().get() - pathBytes0) / targets;
            intervals += weight * (predictions.intervalCount() - intervals0) / targets;
            steadyWall += weight * wall;
            steadyCpu += weight * cpuSeconds;
            logBytes += weight * runLogBytes / targets;
        }
        report(
                steady,
                steadyWall,
                steadyCpu,
                invocations,
                new Archived(archived, shortBytes, pathBytes, intervals),
                logBytes);
        return 0;
    }

    /**
     * What predict-and-scale archives per target per run in steady state: what score-feedback reads back and scores.
     *
     * @param predictions predictions stored under new keys
     * @param shortBytes bytes of the short-horizon items among them (one item each)
     * @param pathBytes bytes of the new hourly path items among them (one item per target and hour)
     * @param intervals new intervals (forecast time and resolution): score-feedback writes one actual item for each
     */
    private record Archived(double predictions, double shortBytes, double pathBytes, double intervals) {}

    /** @param logBytes bytes predict-and-scale logs per target per run (its lines and Lambda's own) */
    private void report(
            Meter.Snapshot total, double wall, double cpuSeconds, int invocations, Archived archived, double logBytes) {
        PrintWriter stdout = spec.commandLine().getOut();
        double per = 1.0 / targets;
        double perCall = per / 1000; // the weighted calls and events are counted in thousandths
        stdout.printf(Locale.ROOT, "%nsteady state, per target per run (11/12 run 3 + 1/12 run 4):%n");
        total.calls()
                .forEach((api, count) -> stdout.printf(Locale.ROOT, "  %-52s %8.3f calls%n", api, count * perCall));
        double aas = total.calls("application-autoscaling:") * perCall;
        stdout.printf(Locale.ROOT, "  %-52s %8.3f calls%n", "Application Auto Scaling, all", aas);
        double rru = total.readUnits() * per;
        double wru = total.writeUnits() * per;
        double events = total.events() * perCall;
        stdout.printf(
                Locale.ROOT,
                "  DynamoDB read units %.2f, write units %.2f; EventBridge events %.2f%n",
                rru,
                wru,
                events);
        stdout.printf(
                Locale.ROOT,
                "  predictions archived (new keys, each scored once by score-feedback): %.2f per target per run, "
                        + "%.1f per target-hour, in %.1f intervals (one actual item each); %.0f bytes of "
                        + "short-horizon items and %.0f of hourly path items per target-hour%n",
                archived.predictions(),
                12 * archived.predictions(),
                12 * archived.intervals(),
                12 * archived.shortBytes(),
                12 * archived.pathBytes());
        double vcpus = memoryMb / 1769.0;
        double calls =
                total.calls().values().stream().mapToLong(Long::longValue).sum() * perCall;
        double seconds = cpuSeconds / targets / vcpus + calls * latencyMs / 1000 / threads;
        double gbSeconds = seconds * memoryMb / 1024.0;
        stdout.printf(
                Locale.ROOT,
                "  Lambda: %.2f s planning per 1,000 targets here (%.1f s CPU); in Lambda at "
                        + "%d MB (%.2f vCPU) about %.1f ms per target = %.5f GB-s%n",
                1000 * wall / targets,
                1000 * cpuSeconds / targets,
                memoryMb,
                vcpus,
                1000 * seconds,
                gbSeconds);

        double metricsPerTarget = 1.0 / perMetric;
        double pulls = 43200.0 / pullMinutes;
        double month = RUNS_PER_MONTH;
        double lambda = month * (gbSeconds * LAMBDA_GB_SECOND_ARM + (double) invocations / targets * LAMBDA_REQUEST);
        double dynamo = month * (rru * DYNAMO_READ_UNIT + wru * DYNAMO_WRITE_UNIT);
        double bus = month * events * EVENTBRIDGE_EVENT;
        // Per message: a send (batched 10), the event source's receive and delete (batched by BatchSize).
        double sqs = month * (1.0 / batchTargets) * (0.1 + 2.0 / batchSize) * SQS_REQUEST;
        double cloudWatch = metricsPerTarget * pulls * GET_METRIC_DATA_METRIC;
        // record-metrics, per metric and pull: one Query for the latest stored sample (half a unit) and one update of
        // each metric-hour item the pull's samples fall in (under 1 KB: one write unit; a pull of the last
        // pullMinutes spans two hour items pullMinutes/60 of the time).
        double recordWrites =
                metricsPerTarget * pulls * ((1 + pullMinutes / 60.0) * DYNAMO_WRITE_UNIT + 0.5 * DYNAMO_READ_UNIT);
        // analyze-patterns reads 56 days of metric-hour items per metric on every run (PatternSchedule).
        double hourItem = FakeStores.HOUR_ITEM_OVERHEAD + FakeStores.POINT_BYTES * (3600.0 / resolutionSeconds);
        double patterns = metricsPerTarget
                * (720.0 / patternHours)
                * 0.5
                * Math.ceil(56 * 24 * hourItem / 4096)
                * DYNAMO_READ_UNIT;
        double feedback = scoreFeedback(archived, hourItem);
        // CloudWatch custom metrics: score-feedback's 9 accuracy metrics, fleet-wide (shared by every target), and
        // with PerTargetMetrics 11 more per target; PlanFailed and SourceFailures exist only in months something fails.
        int accuracyMetrics = AccuracyMetrics.NAMES.size();
        int perTarget = perTargetMetrics ? AccuracyMetrics.PER_TARGET_NAMES.size() : 0;
        double customMetrics = CUSTOM_METRIC_MONTH * ((double) accuracyMetrics / targets + perTarget);
        // CloudWatch Logs: predict-and-scale's lines every run, score-feedback's metric line every hour.
        double logs = (month * logBytes + 720 * accuracyLineBytes()) / 1e9 * LOG_INGESTION_GB;
        double total$ =
                lambda + dynamo + bus + sqs + cloudWatch + recordWrites + patterns + feedback + customMetrics + logs;
        stdout.printf(
                Locale.ROOT, "%ncost per target-month (%d runs a month, formula in the README):%n", RUNS_PER_MONTH);
        line("predict-and-scale Lambda (GB-s + requests)", lambda);
        line("predict-and-scale DynamoDB (reads + writes)", dynamo);
        line("EventBridge PutEvents", bus);
        line("SQS (send, receive, delete)", sqs);
        line("CloudWatch GetMetricData, pull every " + pullMinutes + " min", cloudWatch);
        line("record-metrics DynamoDB (latest-sample read + write)", recordWrites);
        line("analyze-patterns DynamoDB reads (every " + patternHours + " h, 56 days)", patterns);
        line("score-feedback DynamoDB (hourly: actuals, read back 25 h)", feedback);
        line(
                "CloudWatch custom metrics (" + (perTargetMetrics ? perTarget + " per target + " : "") + accuracyMetrics
                        + " fleet-wide)",
                customMetrics);
        line(
                String.format(
                        Locale.ROOT,
                        "CloudWatch Logs (predict-and-scale %.0f bytes a run, score-feedback's metric line hourly)",
                        logBytes),
                logs);
        line("total", total$);
    }

    /**
     * score-feedback's DynamoDB cost per target-month, as {@code ScoreFeedbackService} makes its calls, from what
     * predict-and-scale archives per target-hour (measured here): each matured interval's actual load written once
     * (one PutItem under 1 KB, 1 write unit, however many predictions the interval has); every hourly run Queries
     * the short-horizon and actual items of the last {@code LOOKBACK} (25 hours) and the hourly path items forecast from
     * those hours and the 48 before them (a path holds predictions up to 48 hours ahead), and reads the metric's
     * hour items over it (half a unit per started 4 KB each), and writes the accuracy scopes (all, 5 horizon buckets,
     * about 5 method signals) and the signal confidence; once a day the sizing tuner reads a week the same way.
     */
    private static double scoreFeedback(Archived archived, double hourItem) {
        double intervalsPerHour = 12 * archived.intervals();
        double predictionsPerHour = 12 * archived.predictions();
        // An actual item: keys, actualLoad, statistic, scoredAt (about 150 bytes) and one error per prediction.
        double actualBytes = 150 + 13 * predictionsPerHour / Math.max(intervalsPerHour, 1e-9);
        double byTime = 12 * archived.shortBytes() + intervalsPerHour * actualBytes;
        double paths = 12 * archived.pathBytes();
        double lookbackHours = 25; // ScoreFeedbackService.LOOKBACK
        double pathHours = PlanningCore.PATH.toHours() + 1;
        double perRunReads = 0.5 * Math.ceil(byTime * lookbackHours / 4096)
                + 0.5 * Math.ceil(paths * (lookbackHours + pathHours) / 4096)
                + 0.5 * Math.ceil(lookbackHours * hourItem / 4096)
                + 0.5 * 2; // GetItem of the signal confidence and of the sizing
        double perRunWrites = 11 + 1;
        double dailyReads = 0.5 * Math.ceil(byTime * 168 / 4096)
                + 0.5 * Math.ceil(paths * (168 + pathHours) / 4096)
                + 0.5 * Math.ceil(168 * hourItem / 4096);
        return 720
                        * (intervalsPerHour * DYNAMO_WRITE_UNIT
                                + perRunReads * DYNAMO_READ_UNIT
                                + perRunWrites * DYNAMO_WRITE_UNIT)
                + 30 * dailyReads * DYNAMO_READ_UNIT;
    }

    /** The bytes of one accuracy metrics line score-feedback logs per target and hour (as it is written). */
    private double accuracyLineBytes() {
        var out = new ByteArrayOutputStream();
        new AccuracyMetrics(new PrintStream(out, true, StandardCharsets.UTF_8), Clock.systemUTC(), perTargetMetrics)
                .emit(
                        "svc-00000",
                        new Accuracy(
                                288, 12.345, 11.234, -1.234, 0.81, 3, 12, 273, 1234.5, 2000, OptionalDouble.empty()),
                        288,
                        0,
                        1234.567,
                        1200.123);
        return out.size() + 60 + 200; // the line, Lambda's prefix, and the run's summary line
    }

    private void line(String what, double dollars) {
        spec.commandLine().getOut().printf(Locale.ROOT, "  %-52s $%.4f%n", what, dollars);
    }

    /** Only the digest PutItems of a run (their calls and write units). */
    private static Meter.Snapshot digestWrites(Meter.Snapshot run, FakeStores.Metrics metrics) {
        String api = "dynamodb:PutItem metrics (digest)";
        long calls = run.calls().getOrDefault(api, 0L);
        return new Meter.Snapshot(calls == 0 ? Map.of() : Map.of(api, calls), 0, calls * metrics.digestWriteUnits(), 0);
    }

    private static Meter.Snapshot scale(Meter.Snapshot a, double w) {
        var calls = new java.util.TreeMap<String, Long>();
        a.calls().forEach((k, v) -> calls.put(k, Math.round(v * w * 1000)));
        return new Meter.Snapshot(calls, a.readUnits() * w, a.writeUnits() * w, Math.round(a.events() * w * 1000));
    }

    private static Meter.Snapshot add(Meter.Snapshot a, Meter.Snapshot b) {
        var calls = new java.util.TreeMap<>(a.calls());
        b.calls().forEach((k, v) -> calls.merge(k, v, Long::sum));
        return new Meter.Snapshot(
                calls, a.readUnits() + b.readUnits(), a.writeUnits() + b.writeUnits(), a.events() + b.events());
    }

    private List<ScalableTarget> fleet() {
        List<ScalableTarget> fleet = new ArrayList<>();
        ScalingPolicy policy = ScalingPolicy.defaults(50, 1, 200).withMode(ScalingPolicy.Mode.ForecastAndScale);
        for (int i = 0; i < targets; i++) {
            String id = String.format(Locale.ROOT, "svc-%05d", i);
            ScalingConfig config = new ScalingConfig(
                    new ScalableResource("ecs", "service/fleet/" + id, "ecs:service:DesiredCount"),
                    policy,
                    OptionalDouble.empty(),
                    true,
                    ScalingConfig.DEFAULT_TARGET_UTILIZATION);
            fleet.add(new ScalableTarget(
                    id,
                    "m-" + (i / perMetric),
                    Optional.empty(),
                    ZoneOffset.UTC,
                    List.of(),
                    Optional.of(config),
                    List.of()));
        }
        return fleet;
    }
}
