package io.predictivescaling.cli.m4;

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
import picocli.CommandLine.Option;

/**
 * Fits the global autoregression ({@link GlobalArModel}) on every series of an M4-format training file and writes its
 * coefficients. The default model in shared's resources was written by {@code train --train
 * ../shared/data/m4-hourly/Hourly-train.csv --out
 * shared/src/main/resources/io/predictivescaling/forecast/global-ar-hourly.csv.gz} with the defaults below; the same
 * input always gives the same file.
 */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = "Fits the global autoregression (global-ar) on an M4-format training file and writes its "
                + "coefficients for forecast-m4 --model (the shipped default was fitted on M4 Hourly-train.csv).")
public final class TrainCommand implements Callable<Integer> {
    @Option(
            names = "--train",
            required = true,
            description = "M4 training CSV of hourly series, e.g. ../shared/data/m4-hourly/Hourly-train.csv")
    Path train;

    @Option(
            names = "--out",
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

    @Option(names = "--holdout", defaultValue = "0", description = "Last hours of each series left out of the fit")
    int holdout;

    @Option(
            names = "--folds",
            defaultValue = "1",
            description =
                    "Series folds for cross-fitting (each fold forecast by a map fitted on the others); 1: one map")
    int folds;

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        Map<String, double[]> series = M4Csv.read(train);
        GlobalArModel model =
                GlobalArModel.fit(series.values(), lags, scaleWindow, horizon, ridge, step, holdout, folds);
        try (Writer w = new OutputStreamWriter(
                out.toString().endsWith(".gz")
                        ? new GZIPOutputStream(Files.newOutputStream(out))
                        : Files.newOutputStream(out),
                StandardCharsets.UTF_8)) {
            model.write(w);
        }
        System.err.printf(
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
}
