package io.predictivescaling.cli.m4;

import io.predictivescaling.cli.files.FileOption;
import io.predictivescaling.forecast.GlobalArModel;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.zip.GZIPOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Fits the global autoregression ({@link GlobalArModel}) on every series of an M4-format training file and writes its
 * coefficients. The default model in shared's resources was written by {@code train --train
 * ../shared/data/m4-hourly/Hourly-train.csv --out
 * shared/src/main/resources/io/predictivescaling/forecast/global-ar-hourly.csv.gz} with the defaults below; the same
 * input always gives the same file. {@code data/m4/Hourly-train.csv} from the README's pinned M4 download is the same
 * file as {@code ../shared/data/m4-hourly/Hourly-train.csv}, so either path reproduces it.
 *
 * <p>Errors (one line, exit 2): an option out of range (echoing the value), a value that is not finite or negative
 * (file, series, column), series too short for one window (file), degenerate windows with {@code --ridge 0}.
 */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = "Fits the global autoregression (global-ar) on an M4-format training file and writes its "
                + "coefficients for forecast-m4 --model (the shipped default was fitted on M4 Hourly-train.csv: data/m4/Hourly-train.csv from the README's pinned "
                + "download, the same file as ../shared/data/m4-hourly/Hourly-train.csv).")
public final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--train",
            converter = FileOption.InputFile.class,
            required = true,
            description = "M4 training CSV of hourly series, e.g. ../shared/data/m4-hourly/Hourly-train.csv")
    Path train;

    @Option(
            names = "--out",
            converter = FileOption.OutputFile.class,
            required = true,
            description = "Where to write the model (CSV of coefficients; gzipped if the name ends in .gz)")
    Path out;

    @Option(names = "--lags", defaultValue = "168", description = "Past hours the model reads")
    int lags;

    @Option(
            names = "--scale-window",
            defaultValue = "168",
            description = "Last hours whose mean divides each window (its per-series scale)")
    int scaleWindow;

    @Option(names = "--horizon", defaultValue = "48", description = "Hours ahead the model writes directly")
    int horizon;

    @Option(names = "--ridge", defaultValue = "0.01", description = "Ridge penalty per window, on the normalised logs")
    double ridge;

    @Option(names = "--step", defaultValue = "2", description = "Hours between the ends of two training windows")
    int step;

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        checkOptions();
        Map<String, double[]> series = M4Csv.read(train);
        checkValues(series);
        GlobalArModel model;
        try {
            model = GlobalArModel.fit(series.values(), lags, scaleWindow, horizon, ridge, step);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(train + ": " + e.getMessage(), e);
        }
        try (Writer w = new OutputStreamWriter(
                out.toString().endsWith(".gz")
                        ? new GZIPOutputStream(Files.newOutputStream(out))
                        : Files.newOutputStream(out),
                StandardCharsets.UTF_8)) {
            model.write(w);
        }
        spec.commandLine()
                .getErr()
                .printf(
                        Locale.ROOT,
                        "fitted global-ar (%d lags, scale over %d, %d ahead, ridge %s) on %d windows of %d series in %.1f s"
                                + " -> %s (%d KB)%n",
                        lags,
                        scaleWindow,
                        horizon,
                        ridge,
                        model.windows(),
                        series.size(),
                        (System.nanoTime() - start) / 1e9,
                        out,
                        Files.size(out) / 1024);
        return 0;
    }

    /** Rejects an out-of-range option before reading anything, echoing the value given. */
    private void checkOptions() {
        positive("--lags", lags);
        positive("--scale-window", scaleWindow);
        positive("--horizon", horizon);
        positive("--step", step);
        if (scaleWindow > lags) {
            throw new IllegalArgumentException(
                    "--scale-window " + scaleWindow + " is more than --lags " + lags + "; give at most --lags");
        }
        if (!(ridge >= 0) || Double.isInfinite(ridge)) {
            throw new IllegalArgumentException("--ridge " + ridge + " must be a finite number >= 0 (e.g. 0.01)");
        }
    }

    private static void positive(String option, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(option + " " + value + " must be at least 1");
        }
    }

    /** Rejects a non-finite or negative value, naming the file, the series (row) and the M4 column. */
    private void checkValues(Map<String, double[]> series) {
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            double[] y = e.getValue();
            for (int i = 0; i < y.length; i++) {
                if (!Double.isFinite(y[i]) || y[i] < 0) {
                    throw new IllegalArgumentException(train + " series " + e.getKey() + ", column V" + (i + 2) + ": "
                            + y[i] + " is not a finite value >= 0; fix or drop that series");
                }
            }
        }
    }
}
