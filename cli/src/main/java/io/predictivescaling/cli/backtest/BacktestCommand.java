package io.predictivescaling.cli.backtest;

import io.predictivescaling.backtest.Backtest;
import io.predictivescaling.backtest.BacktestConfig;
import io.predictivescaling.backtest.BacktestResult;
import io.predictivescaling.backtest.DecisionLog;
import io.predictivescaling.backtest.Trace;
import io.predictivescaling.cli.files.FileOption;
import io.predictivescaling.events.EventCalendars;
import io.predictivescaling.events.KnownEvent;
import io.predictivescaling.peers.Peers;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code backtest}: replays a load trace through the predictor and planner, against reactive and oracle. */
@Command(
        name = "backtest",
        mixinStandardHelpOptions = true,
        description = "Replays a load trace (CSV timestamp,value) walk-forward: reactive target tracking, the same "
                + "with predictive floors, and a perfect-foresight oracle. Writes summary.json, timeline.csv, "
                + "decisions.csv, report.html and report.png.")
public final class BacktestCommand implements Callable<Integer>, FileOption.WritesInto {
    private static final String SUMMARY = "summary.json";
    private static final String TIMELINE = "timeline.csv";
    private static final String DECISIONS = "decisions.csv";
    private static final String HTML = "report.html";
    private static final String PNG = "report.png";

    @Override
    public List<String> filesWritten() {
        return List.of(SUMMARY, TIMELINE, DECISIONS, HTML, PNG);
    }

    @Spec
    CommandSpec spec;

    @Mixin
    TraceOptions traceOptions;

    @Mixin
    ReportOptions reportOptions;

    @Option(
            names = "--events",
            converter = FileOption.InputFile.class,
            description =
                    "Known events, CSV start,end,type,name[,expectedImpact] or an .ics calendar: past ones left out of learning, upcoming ones applied where they helped on past ones")
    Path events;

    @Option(
            names = "--social",
            converter = FileOption.InputFile.class,
            description = "Mention volume of a keyword, CSV timestamp,value[,sentiment]: replayed "
                    + "walk-forward through the trend detector and the learned social impact (skill gate included), as "
                    + "fetch-sentiment and predict-and-scale run them")
    Path social;

    @Option(names = "--keyword", description = "The keyword's name in reasons (default: the --social file's name)")
    String keyword;

    @Option(
            names = "--event-days",
            converter = FileOption.InputFile.class,
            description = "Also print the forecast's MAE on the days (UTC) this calendar's "
                    + "events touch (default: the --events calendar); give it without --events to score the forecast that "
                    + "knows no calendar on the same days")
    Path eventDays;

    @Option(
            names = "--out",
            converter = FileOption.OutputFolder.class,
            defaultValue = "backtest-out",
            description = "Output folder")
    Path out;

    @Option(
            names = "--perfect-floors",
            defaultValue = "NONE",
            description = "Analysis only: use the oracle's capacity "
                    + "as floors (INTERVAL or HOUR) to see the best any forecast could do with this reactive policy")
    Backtest.PerfectFloors perfectFloors;

    @Option(
            names = "--quantile",
            description = "Fixed sizing: the predicted-load quantile the floors cover, as the "
                    + "target's capacityQuantile (default: tuned daily, starting at " + BacktestConfig.DEFAULT_QUANTILE
                    + ")")
    Double quantile;

    @Option(
            names = "--floor-utilization",
            description = "Fixed sizing: the utilization floors are sized for "
                    + "(default: tuned daily, starting at the target utilization)")
    Double floorUtilization;

    @Option(
            names = "--spare-units",
            description = "Fixed sizing: whole units the floors add on top of each busy "
                    + "hour's need (default: tuned daily, starting at 0)")
    Integer spareUnits;

    @Option(
            names = "--under-objective",
            defaultValue = "0.005",
            description = "Daily sizing tuning aims for at most " + "this fraction of intervals under-provisioned")
    double underObjective;

    @Option(
            names = "--cost-cap",
            defaultValue = "1.15",
            description = "The daily sizing tuning never picks a sizing that cost more "
                    + "than this times target tracking alone over the last week (bursty load that floors "
                    + "cannot cover: at most 1.10, aiming at 10%% under-provisioned)")
    double costCap;

    @Option(
            names = "--scale-in-step",
            description =
                    "Most the planned floor falls per hour, percent, as the target's scaleInStepPercent (default: "
                            + BacktestConfig.DEFAULT_SCALE_IN_STEP + ")")
    Double scaleInStep;

    @Option(
            names = "--peers",
            description = "Also replay open peers under the same target tracking and show their rows: "
                    + "aws-predictive (a proxy of AWS predictive scaling as documented), crane-dsp (Crane's EHPA with its DSP "
                    + "predictor), phpa-holt-winters (Holt-Winters as the Predictive HPA runs it, its documented smoothing "
                    + "factors) and phpa-hw-0.2 (the same with mid-range factors, 0.2); adds seconds")
    boolean peers;

    @Option(
            names = "--tracking-target-under-floors",
            split = ",",
            description = "What-if analysis: target tracking's target under the predictive floors (default: "
                    + "--target-utilization); several, e.g. 0.7,0.8,0.9,1.0: the daily tuning chooses the target with "
                    + "the sizing. Reactive alone, the oracle, the peers and the tuning's cost budget stay at "
                    + "--target-utilization; the product itself does not change your target tracking policy")
    List<Double> trackingTargetsUnderFloors;

    @Option(names = "--quiet", description = "No progress bar")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        // --out was checked while parsing (FileOption.OutputFolder), before a replay that can take a minute; the
        // what-if's targets are checked before the trace is read, naming the option.
        if (trackingTargetsUnderFloors != null) {
            try {
                Backtest.checkTrackingTargets(trackingTargetsUnderFloors);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--tracking-target-under-floors: " + e.getMessage());
            }
        }
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        Trace t = traceOptions.read();
        List<KnownEvent> known = events == null
                ? List.of()
                : EventCalendars.read(events, t.start(), t.time(t.size()), traceOptions.zone(), stderr::println);
        BacktestConfig config = traceOptions.config(t, known);
        double u = config.unit();
        config = config.with(
                quantile != null ? quantile : config.capacityQuantile(),
                floorUtilization != null ? floorUtilization : config.floorUtilization(),
                scaleInStep != null ? scaleInStep : config.scaleInStepPercent(),
                config.hourQuantile(),
                config.interpolate(),
                config.intraHour());
        if (spareUnits != null && spareUnits < 0) {
            throw new IllegalArgumentException("--spare-units must be 0 or more, got " + spareUnits);
        }
        config = config.withSpareUnits(spareUnits != null ? spareUnits : 0);
        boolean fixed = quantile != null || floorUtilization != null || spareUnits != null;
        config = config.tuning(!fixed, underObjective, costCap);
        stderr.printf(
                Locale.ROOT,
                "trace %s: %d intervals of %s from %s; unit %.4g%n",
                t.name(),
                t.size(),
                t.step(),
                t.start(),
                u);
        t.problems().forEach(p -> stderr.println("  note: " + p));
        t.warnings().forEach(w -> stderr.println("  WARNING: " + w));
        long start = System.nanoTime();
        DecisionLog log = new DecisionLog(
                t, social == null ? null : SocialFile.read(social, keyword, traceOptions.timestampZone(), stderr), u);
        BacktestResult result;
        Map<String, Map<String, Object>> added = Map.of();
        Attribution attribution =
                perfectFloors == Backtest.PerfectFloors.NONE ? Attribution.start(t, config, social != null) : null;
        try (Progress progress = new Progress(t.size(), quiet, stderr)) {
            Backtest backtest = new Backtest(config, perfectFloors);
            if (trackingTargetsUnderFloors != null) {
                backtest = backtest.withTrackingTargetsUnderFloors(trackingTargetsUnderFloors);
            }
            result = backtest.with(log)
                    .withPeers(peers ? Peers.all() : List.of())
                    .run(t, progress::step);
            if (attribution != null) {
                added = attribution.of(result);
            }
        } finally {
            if (attribution != null) {
                attribution.close();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Files.createDirectories(out);
        Verdict verdict = Verdict.of(result, reportOptions.price());
        if (trackingTargetsUnderFloors != null) {
            // Analysis only: every report (stdout, summary.json, HTML, PNG) says so before its numbers can be taken
            // for what the product does, which is to leave your target tracking policy as it is.
            verdict = new Verdict(
                    "What-if, not the product as shipped (target tracking at "
                            + trackingTargetsUnderFloors.stream()
                                    .map(v -> String.format(Locale.ROOT, "%.2f", v))
                                    .collect(java.util.stream.Collectors.joining(" or "))
                            + " under the floors, chosen daily where several): " + verdict.sentence(),
                    verdict.costVsReactive(),
                    verdict.extraPerMonth());
        }
        Reports.writeSummary(out.resolve(SUMMARY), result, traceOptions.warmup, verdict, reportOptions.price(), added);
        Reports.writeTimeline(out.resolve(TIMELINE), result, log);
        DecisionsCsv.write(out.resolve(DECISIONS), log);
        Reports.writeHtml(
                out.resolve(HTML),
                result,
                verdict,
                reportOptions,
                new HtmlReport.Marks(config.events(), log.rows(), added));
        Reports.writePng(out.resolve(PNG), result, verdict, reportOptions);
        stdout.println(verdict.sentence());
        int width = Math.max(
                11,
                result.policies().keySet().stream()
                        .mapToInt(String::length)
                        .max()
                        .orElse(0));
        stdout.printf(
                Locale.ROOT,
                "%-" + width + "s %12s %10s %14s %13s %11s%n",
                "policy",
                "underProv%",
                "unserved%",
                "unit-hours",
                "cost/reactive",
                "cost/oracle");
        var reactive = result.policies().get("reactive");
        result.policies()
                .forEach((name, s) -> stdout.printf(
                        Locale.ROOT,
                        "%-" + width + "s %12.3f %10.3f %14.1f %13.3f %11.3f%n",
                        name,
                        100 * s.underProvisionedFraction(),
                        100 * s.unservedDemandFraction(),
                        s.capacityUnitHours(),
                        Verdict.costVsReactive(s, reactive),
                        s.costVsOracle()));
        stdout.println("predictive floors sized " + Reports.shares(result));
        added.forEach((signal, m) -> stdout.println("capacity added by " + Attribution.line(signal, m)));
        Path days = eventDays != null ? eventDays : events;
        if (days != null) {
            List<KnownEvent> scored = days.equals(events)
                    ? known
                    : EventCalendars.read(days, t.start(), t.time(t.size()), traceOptions.zone(), stderr::println);
            stdout.println(EventDayError.of(result, t, scored, traceOptions.zone()));
        }
        stdout.printf(
                Locale.ROOT,
                "backtest of %d intervals in %.1f s; report: %s%n",
                t.size(),
                seconds,
                out.resolve(HTML).toAbsolutePath());
        return 0;
    }

    static Duration duration(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (s.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
            }
            long n = Long.parseLong(s.substring(0, s.length() - 1));
            return switch (s.charAt(s.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                default -> Duration.parse(text);
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--warmup '" + text + "' is not a duration like 5m, 90s or 1h", e);
        }
    }
}
