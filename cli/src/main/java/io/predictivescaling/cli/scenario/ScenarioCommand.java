package io.predictivescaling.cli.scenario;

import io.predictivescaling.backtest.DecisionLog;
import io.predictivescaling.cli.backtest.BacktestCommand;
import io.predictivescaling.cli.files.FileOption;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code scenario game-release|viral-moment}: generates the seeded story ({@link Scenario}), replays it with the
 * ordinary {@code backtest --social --events}, and prints the decision log's headline lines and where the report
 * is.
 */
@Command(
        name = "scenario",
        mixinStandardHelpOptions = true,
        description = "Replays a bundled, seeded story through the backtest (load, calendar and social signals "
                + "together) and prints its decision log's headlines: game-release or viral-moment.")
public final class ScenarioCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "game-release or viral-moment")
    String name;

    @Option(
            names = "--out",
            converter = FileOption.OutputFolder.class,
            description = "Output folder (default scenario-NAME)")
    Path out;

    @Option(names = "--seed", defaultValue = "" + Scenario.SEED, description = "Generator seed")
    long seed;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        Scenario s = switch (name) {
            case "game-release" -> Scenario.gameRelease(seed);
            case "viral-moment" -> Scenario.viralMoment(seed);
            default ->
                throw new IllegalArgumentException("unknown scenario '" + name + "': use game-release or viral-moment");
        };
        Path dir = out != null ? out : Path.of("scenario-" + name);
        s.write(dir);
        List<String> args = new ArrayList<>(List.of(
                "backtest",
                "--trace",
                dir.resolve("load.csv").toString(),
                "--social",
                dir.resolve("mentions.csv").toString(),
                "--keyword",
                s.keyword(),
                "--unit",
                String.valueOf(s.unit()),
                "--out",
                dir.toString(),
                "--quiet"));
        if (!s.events().isEmpty()) {
            args.addAll(List.of("--events", dir.resolve("events.csv").toString()));
        }
        stdout.println("seeded scenario " + name + " (seed " + seed + "), replayed as: bin/predictive-scaling "
                + String.join(" ", args));
        // The ordinary backtest command, with the root command's handlers (one line per error, no stack trace);
        // built here rather than through Main so that this package does not depend back on the root package.
        CommandLine root = spec.root().commandLine();
        int exit = new CommandLine(new BacktestCommand())
                .setExecutionExceptionHandler(root.getExecutionExceptionHandler())
                .setParameterExceptionHandler(root.getParameterExceptionHandler())
                .setOut(stdout)
                .setErr(stderr)
                .execute(args.subList(1, args.size()).toArray(String[]::new));
        if (exit != 0) {
            return exit;
        }
        stdout.printf(
                Locale.ROOT,
                "%nthe story (%s at %s), from decisions.csv:%n",
                name.equals("game-release") ? "release" : "load burst",
                s.moment());
        List<DecisionLog.Row> rows = read(dir.resolve("decisions.csv"));
        DecisionLog.headlines(rows, s.from(), s.moment(), s.to()).forEach(line -> stdout.println("  " + line));
        if (name.equals("game-release")) {
            stdout.println("  highest floor per day from the release: "
                    + dailyPeakFloors(dir.resolve("timeline.csv"), s.moment(), 4));
        }
        stdout.println("decision log: " + dir.resolve("decisions.csv").toAbsolutePath());
        stdout.println("report: " + dir.resolve("report.html").toAbsolutePath());
        return 0;
    }

    /** decisions.csv back as rows. */
    public static List<DecisionLog.Row> read(Path file) throws IOException {
        List<DecisionLog.Row> rows = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(file)) {
            for (CSVRecord r : CSVFormat.DEFAULT
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .get()
                    .parse(in)) {
                rows.add(new DecisionLog.Row(
                        Instant.parse(r.get("time")), r.get("kind"), r.get("seen"), r.get("planned"), r.get("why")));
            }
        }
        return rows;
    }

    /** The largest floor of each 24 h from {@code from}, from timeline.csv: the scale-down, day by day. */
    public static List<Integer> dailyPeakFloors(Path timeline, Instant from, int days) throws IOException {
        List<Integer> peaks = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            peaks.add(0);
        }
        try (Reader in = Files.newBufferedReader(timeline)) {
            for (CSVRecord r : CSVFormat.DEFAULT
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .get()
                    .parse(in)) {
                long day = Math.floorDiv(
                        Duration.between(from, Instant.parse(r.get("timestamp")))
                                .getSeconds(),
                        86400);
                if (day >= 0 && day < days) {
                    peaks.set((int) day, Math.max(peaks.get((int) day), Integer.parseInt(r.get("floor"))));
                }
            }
        }
        return peaks;
    }
}
