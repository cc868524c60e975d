package io.predictivescaling.cli.m4;

import io.predictivescaling.cli.files.FileOption;
import io.predictivescaling.forecast.ForecastMethod;
import io.predictivescaling.forecast.Forecasters;
import io.predictivescaling.forecast.GlobalArModel;
import io.predictivescaling.forecast.ValidatedEnsemble;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The M4 Hourly benchmark commands. */
public final class M4Commands {
    private M4Commands() {}

    @Command(
            name = "forecast-m4",
            mixinStandardHelpOptions = true,
            description = "Forecasts every series of an M4 training file from its own values only.")
    public static final class Forecast implements Callable<Integer>, FileOption.WritesBeside {
        @Spec
        CommandSpec spec;

        /** The quantile files written beside the points (P2.5, P10, P80, P90, P97.5). */
        @Override
        public List<Path> alsoWritten(Path points) {
            return java.util.Arrays.stream(QuantileScore.LEVELS)
                    .mapToObj(q -> quantileFile(points, q))
                    .toList();
        }

        @Option(
                names = "--train",
                converter = FileOption.InputFile.class,
                required = true,
                description = "M4 training CSV, e.g. ../shared/data/m4-hourly/Hourly-train.csv")
        Path train;

        @Option(
                names = "--out",
                converter = FileOption.OutputFile.class,
                required = true,
                description = "Where to write the forecasts (M4 layout)")
        Path out;

        @Option(names = "--horizon", defaultValue = "48", description = "Steps ahead")
        int horizon;

        @Option(
                names = "--method",
                defaultValue = "auto",
                completionCandidates = MethodNames.class,
                description = "auto (the validated ensemble), classic (the engine before the seasonal "
                        + "autoregressions) or one candidate by name: ${COMPLETION-CANDIDATES}")
        String method;

        /** The names --method takes, for its help: the ensembles, then every hourly candidate's name. */
        static final class MethodNames implements Iterable<String> {
            @Override
            public java.util.Iterator<String> iterator() {
                List<String> names = new ArrayList<>(List.of("auto", "classic"));
                io.predictivescaling.forecast.Forecasters.candidates(24).forEach(m -> names.add(m.name()));
                return names.iterator();
            }
        }

        @Option(
                names = "--model",
                converter = FileOption.InputFile.class,
                description = "A global-ar model written by train, instead of the one shipped (trained on M4 "
                        + "Hourly-train.csv)")
        Path model;

        @Override
        public Integer call() throws Exception {
            PrintWriter stderr = spec.commandLine().getErr();
            long start = System.nanoTime();
            Map<String, double[]> series = M4Csv.read(train);
            ForecastMethod forecaster =
                    model == null ? Forecasters.hourly(method) : Forecasters.hourly(method, GlobalArModel.read(model));
            Map<String, Object> results = series.entrySet().parallelStream()
                    .collect(Collectors.toMap(
                            Map.Entry::getKey,
                            e -> forecaster instanceof ValidatedEnsemble v
                                    ? v.choose(e.getValue(), horizon)
                                    : forecaster.forecast(e.getValue(), horizon)));
            Map<String, double[]> ordered = new LinkedHashMap<>();
            series.keySet()
                    .forEach(id -> ordered.put(
                            id,
                            results.get(id) instanceof ValidatedEnsemble.Choice c
                                    ? c.forecast()
                                    : (double[]) results.get(id)));
            M4Csv.write(out, ordered);
            String quantileNote = "";
            if (forecaster instanceof ValidatedEnsemble) {
                for (double q : QuantileScore.LEVELS) {
                    Map<String, double[]> byId = new LinkedHashMap<>();
                    series.keySet()
                            .forEach(id -> byId.put(id, ((ValidatedEnsemble.Choice) results.get(id)).quantile(q)));
                    M4Csv.write(quantileFile(out, q), byId);
                }
                quantileNote = " and " + quantileFile(out, 0.1).getFileName() + " etc. (P2.5, P10, P80, P90, P97.5)";
            }
            stderr.printf(
                    Locale.ROOT,
                    "forecast %d series x %d steps with %s in %.2f s -> %s%s%n",
                    series.size(),
                    horizon,
                    method,
                    (System.nanoTime() - start) / 1e9,
                    out,
                    quantileNote);
            return 0;
        }
    }

    /** Where the {@code q} quantile of a point-forecast file lives: {@code forecasts.csv} -> {@code forecasts-q0.1.csv}. */
    static Path quantileFile(Path points, double q) {
        String name = points.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        return points.resolveSibling(
                stem + "-q" + BigDecimal.valueOf(q).stripTrailingZeros().toPlainString() + ext);
    }

    @Command(
            name = "score-m4",
            mixinStandardHelpOptions = true,
            description = "Scores forecasts with M4's sMAPE, MASE and OWA against Naive2, and their quantiles with "
                    + "MSIS, scaled pinball loss and coverage, next to seasonal naive.")
    public static final class Score implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(
                names = "--train",
                converter = FileOption.InputFile.class,
                required = true,
                description = "The training CSV the forecasts were made from")
        Path train;

        @Option(
                names = "--test",
                converter = FileOption.InputFile.class,
                required = true,
                description = "The actual values (M4 test layout)")
        Path test;

        @Option(
                names = "--forecasts",
                converter = FileOption.InputFile.class,
                required = true,
                description = "The forecasts to score (repeatable); "
                        + "quantiles are read from the files forecast-m4 writes beside them (NAME-q0.1.csv, ...)")
        List<Path> forecasts;

        @Option(names = "--seasonality", defaultValue = "24", description = "m for MASE and Naive2")
        int seasonality;

        @Option(
                names = "--per-series",
                converter = FileOption.OutputFile.class,
                description = "Also write each series' sMAPE, MASE and MSIS (and seasonal naive's MSIS, and how each"
                        + " test day compares with the same hours one and two weeks before) to this CSV")
        Path perSeries;

        @Override
        public Integer call() throws Exception {
            PrintWriter stdout = spec.commandLine().getOut();
            PrintWriter stderr = spec.commandLine().getErr();
            List<PerSeriesCsv.Scored> scored = new ArrayList<>();
            Map<String, double[]> history = M4Csv.read(train);
            Map<String, double[]> actual = M4Csv.read(test);
            stdout.printf(
                    Locale.ROOT,
                    "series  %d, horizon %d; MSIS of the 95%% interval, scaled pinball loss, "
                            + "coverage of P10-P90 and share at or below P80 (both target 80%%), of P2.5-P97.5 (target 95%%)%n",
                    actual.size(),
                    actual.values().iterator().next().length);
            stdout.printf(
                    Locale.ROOT,
                    "%-22s %7s %6s %6s %7s %6s %6s %6s %6s %7s %7s %7s%n",
                    "",
                    "sMAPE",
                    "MASE",
                    "OWA",
                    "MSIS",
                    "SPL10",
                    "SPL50",
                    "SPL80",
                    "SPL90",
                    "P10-90",
                    "<=P80",
                    "P2.5-97.5");
            for (Path file : forecasts) {
                Map<Double, Map<String, double[]>> quantiles = new java.util.TreeMap<>();
                Map<String, double[]> points = read(file, actual);
                quantiles.put(0.5, points);
                List<String> missing = new ArrayList<>();
                for (double q : QuantileScore.LEVELS) {
                    Path qf = quantileFile(file, q);
                    if (Files.exists(qf)) {
                        quantiles.put(q, read(qf, actual));
                    } else {
                        missing.add(qf.getFileName().toString());
                    }
                }
                if (!missing.isEmpty()) {
                    // Scored as NaN without them: say why rather than leave a row of NaN to puzzle over.
                    stderr.println("note: " + file + ": no " + String.join(", ", missing) + " beside it, so its"
                            + " MSIS, pinball loss and coverage are NaN; forecast-m4 writes them next to --out");
                }
                print(file.getFileName().toString(), history, actual, quantiles);
                scored.add(new PerSeriesCsv.Scored(file.getFileName().toString(), quantiles));
            }
            Map<Double, Map<String, double[]>> seasonalNaive =
                    QuantileScore.seasonalNaive(history, actual, seasonality);
            print("sNaive", history, actual, seasonalNaive);
            M4Score.Scores naive2 = M4Score.naive2(history, actual, seasonality);
            stdout.printf(Locale.ROOT, "%-22s %7.3f %6.3f %6.3f%n", "Naive2", naive2.smape(), naive2.mase(), 1.0);
            if (perSeries != null) {
                PerSeriesCsv.write(perSeries, history, actual, scored, seasonalNaive, seasonality);
                stdout.println("each series' scores -> " + perSeries);
            }
            return 0;
        }

        private void print(
                String label,
                Map<String, double[]> history,
                Map<String, double[]> actual,
                Map<Double, Map<String, double[]>> quantiles) {
            M4Score.Report r = M4Score.report(history, actual, quantiles.get(0.5), seasonality);
            QuantileScore.Scores q = QuantileScore.score(history, actual, quantiles, seasonality);
            spec.commandLine()
                    .getOut()
                    .printf(
                            Locale.ROOT,
                            "%-22s %7.3f %6.3f %6.3f %7.3f %6.3f %6.3f %6.3f %6.3f %6.1f%% %6.1f%% %6.1f%%%n",
                            label,
                            r.method().smape(),
                            r.method().mase(),
                            r.owa(),
                            q.msis(),
                            q.pinball().get(0.1),
                            q.pinball().get(0.5),
                            q.pinball().get(0.8),
                            q.pinball().get(0.9),
                            100 * q.coverage80(),
                            100 * q.belowP80(),
                            100 * q.coverage95());
        }

        /** A forecast file, checked to hold every test series at least as far ahead as the test. */
        private static Map<String, double[]> read(Path file, Map<String, double[]> actual) throws IOException {
            Map<String, double[]> f = M4Csv.read(file);
            for (var e : actual.entrySet()) {
                double[] v = f.get(e.getKey());
                if (v == null || v.length < e.getValue().length) {
                    throw new IllegalArgumentException(file + ": series " + e.getKey() + " is missing or shorter than "
                            + e.getValue().length + " steps; forecast it with forecast-m4 --horizon "
                            + e.getValue().length);
                }
            }
            return f;
        }
    }

    @Command(
            name = "split-m4",
            mixinStandardHelpOptions = true,
            description = "Holds out the last HORIZON values of each series: a validation split of a training file.")
    public static final class Split implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(
                names = "--train",
                converter = FileOption.InputFile.class,
                required = true,
                description = "M4 training CSV to split, e.g. ../shared/data/m4-hourly/Hourly-train.csv")
        Path train;

        @Option(
                names = "--out-train",
                converter = FileOption.OutputFile.class,
                required = true,
                description = "Where to write each series without its last HORIZON values")
        Path outTrain;

        @Option(
                names = "--out-test",
                converter = FileOption.OutputFile.class,
                required = true,
                description = "Where to write the held-out last HORIZON values")
        Path outTest;

        @Option(names = "--horizon", defaultValue = "48", description = "Values held out per series (M4 Hourly: 48)")
        int horizon;

        @Override
        public Integer call() throws Exception {
            PrintWriter stderr = spec.commandLine().getErr();
            if (horizon < 1) {
                throw new IllegalArgumentException("--horizon must be 1 or more values, got " + horizon);
            }
            Map<String, double[]> series = M4Csv.read(train);
            // Every series must keep at least one value to train on: a short one is named, and nothing is written.
            series.forEach((id, v) -> {
                if (v.length <= horizon) {
                    throw new IllegalArgumentException(train + ": series " + id + " has " + v.length + " values, not"
                            + " more than --horizon " + horizon + "; give a smaller --horizon or leave that series"
                            + " out");
                }
            });
            Map<String, double[]> head = new LinkedHashMap<>();
            Map<String, double[]> tail = new LinkedHashMap<>();
            series.forEach((id, v) -> {
                head.put(id, java.util.Arrays.copyOf(v, v.length - horizon));
                tail.put(id, java.util.Arrays.copyOfRange(v, v.length - horizon, v.length));
            });
            M4Csv.write(outTrain, head);
            M4Csv.write(outTest, tail);
            stderr.printf(
                    "wrote %d series: train minus last %d -> %s, last %d -> %s%n",
                    series.size(), horizon, outTrain, horizon, outTest);
            return 0;
        }
    }
}
