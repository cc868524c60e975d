package io.predictivescaling.cli.m4;

import static org.assertj.core.api.Assertions.assertThat;

import io.predictivescaling.cli.CliRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bad model file for {@code forecast-m4 --model}, or bad input to {@code train}: one line naming it, exit 2. */
class M4ModelErrorsTest {
    @TempDir
    Path dir;

    /** A valid 2-lag, 2-ahead model's CSV with the given meta row. */
    private static String model(String meta) {
        return "lags,scale_window,horizon,ridge,step,holdout,windows\n" + meta + "\n0.5,0.1\n0.5,0.1\n0,0\n";
    }

    private record Run(int exit, String err) {}

    private static Run run(String... args) {
        CliRun run = CliRun.of(args);
        return new Run(run.exit(), run.err());
    }

    private Run forecastWith(Path model) throws Exception {
        Path train = dir.resolve("train.csv");
        double[] y = new double[400];
        Arrays.fill(y, 5);
        y[399] = 6;
        M4Csv.write(train, Map.of("H1", y));
        return run(
                "forecast-m4",
                "--train",
                train.toString(),
                "--method",
                "global-ar",
                "--model",
                model.toString(),
                "--out",
                dir.resolve("f.csv").toString());
    }

    private void assertOneLineNaming(Run run, Path file, String... words) {
        assertThat(run.exit()).isEqualTo(2);
        var errors = run.err().lines().filter(l -> l.startsWith("error: ")).toList();
        assertThat(errors).hasSize(1);
        assertThat(run.err()).doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(errors.get(0)).contains(file.toString()).contains(words);
    }

    @Test
    void aModelWithAScaleWindowBeyondItsLagsIsRejectedNamingTheFileAndTheFix() throws Exception {
        Path file = dir.resolve("m.csv");
        Files.writeString(file, model("2,900,2,0.01,2,0,10"));

        assertOneLineNaming(forecastWith(file), file, "scale_window 900", "predictive-scaling train --train");
    }

    @Test
    void aModelWithANegativeHorizonIsRejected() throws Exception {
        Path file = dir.resolve("m.csv");
        Files.writeString(file, model("2,2,-3,0.01,2,0,10"));

        assertOneLineNaming(forecastWith(file), file, "horizon -3");
    }

    @Test
    void aPlainFileNamedGzAndACutShortGzAreRejectedNamingTheFile() throws Exception {
        Path plain = dir.resolve("plain.csv.gz");
        Files.writeString(plain, model("2,2,2,0.01,2,0,10"));
        Path whole = dir.resolve("whole.csv.gz");
        try (var out = new GZIPOutputStream(Files.newOutputStream(whole))) {
            out.write(model("2,2,2,0.01,2,0,10").getBytes(StandardCharsets.UTF_8));
        }
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = dir.resolve("cut.csv.gz");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));

        assertOneLineNaming(forecastWith(plain), plain, "GZIP");
        assertOneLineNaming(forecastWith(cut), cut, "cut short");
        assertThat(forecastWith(whole).exit()).isZero();
    }

    @Test
    void anUnbalancedQuoteABadNumberAndANonFiniteCoefficientAreRejectedNamingTheRow() throws Exception {
        Path quote = dir.resolve("quote.csv");
        Files.writeString(quote, model("2,2,2,0.01,2,0,10") + "\"1,2\n");
        Path number = dir.resolve("number.csv");
        Files.writeString(number, model("2,2,2,0.01,2,0,10").replace("0.5,0.1\n0,0", "0.5,0.1\n0,x"));
        Path nan = dir.resolve("nan.csv");
        Files.writeString(nan, model("2,2,2,0.01,2,0,10").replace("0,0", "0,NaN"));

        assertOneLineNaming(forecastWith(quote), quote, "bad CSV");
        assertOneLineNaming(forecastWith(number), number, "row 5, column 2", "'x' is not a number");
        assertOneLineNaming(forecastWith(nan), nan, "not finite");
    }

    private Path trainFile(double bad) throws Exception {
        Map<String, double[]> train = new LinkedHashMap<>();
        for (int s = 1; s <= 3; s++) {
            double[] y = new double[300];
            for (int t = 0; t < y.length; t++) {
                y[t] = 100 * s + 30 * Math.sin(2 * Math.PI * t / 24) + t % 7;
            }
            train.put("H" + s, y);
        }
        train.get("H2")[10] = bad;
        Path file = dir.resolve("train.csv");
        M4Csv.write(file, train);
        return file;
    }

    @Test
    void trainRejectsANonFiniteOrNegativeValueNamingFileSeriesAndColumnAndWritesNoModel() throws Exception {
        for (double bad : new double[] {Double.NaN, -1}) {
            Path file = trainFile(bad);
            Path out = dir.resolve("model.csv");

            Run run = run(
                    "train",
                    "--train",
                    file.toString(),
                    "--out",
                    out.toString(),
                    "--lags",
                    "48",
                    "--scale-window",
                    "48");

            assertOneLineNaming(run, file, "series H2, column V12");
            assertThat(out).doesNotExist();
        }
    }

    @Test
    void trainRejectsNonPositiveOptionsEchoingTheValue() throws Exception {
        Path file = trainFile(5);
        Run scale = run(
                "train",
                "--train",
                file.toString(),
                "--out",
                dir.resolve("m.csv").toString(),
                "--scale-window",
                "0");
        Run step = run(
                "train",
                "--train",
                file.toString(),
                "--out",
                dir.resolve("m.csv").toString(),
                "--step",
                "-2");

        assertThat(scale.exit()).isEqualTo(2);
        assertThat(scale.err()).contains("--scale-window 0");
        assertThat(step.exit()).isEqualTo(2);
        assertThat(step.err()).contains("--step -2");
    }

    @Test
    void trainWithRidgeZeroOnDegenerateDataSaysToUseAPositiveRidge() throws Exception {
        Map<String, double[]> flat = new LinkedHashMap<>();
        double[] y = new double[300];
        Arrays.fill(y, 7);
        flat.put("H1", y);
        Path file = dir.resolve("flat.csv");
        M4Csv.write(file, flat);

        Run run = run(
                "train",
                "--train",
                file.toString(),
                "--out",
                dir.resolve("m.csv").toString(),
                "--lags",
                "48",
                "--scale-window",
                "48",
                "--ridge",
                "0");

        assertOneLineNaming(run, file, "use a positive --ridge");
    }

    @Test
    void trainOnSeriesTooShortNamesTheFile() throws Exception {
        Path file = dir.resolve("short.csv");
        M4Csv.write(file, Map.of("H1", new double[50]));

        assertOneLineNaming(
                run(
                        "train",
                        "--train",
                        file.toString(),
                        "--out",
                        dir.resolve("m.csv").toString()),
                file,
                "give longer series");
    }
}
