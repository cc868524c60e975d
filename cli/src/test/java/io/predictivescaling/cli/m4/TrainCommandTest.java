package io.predictivescaling.cli.m4;

import static org.assertj.core.api.Assertions.assertThat;

import io.predictivescaling.cli.Main;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train} writes a global-ar model that {@code forecast-m4 --model} loads, the same every time. */
class TrainCommandTest {
    @TempDir
    Path dir;

    @Test
    void trainWritesAModelThatForecastM4LoadsAndTrainingAgainReproducesIt() throws Exception {
        Random random = new Random(11);
        Map<String, double[]> train = new LinkedHashMap<>();
        for (int s = 1; s <= 6; s++) {
            double[] y = new double[700];
            for (int t = 0; t < y.length; t++) {
                y[t] = 100 * s * (1 + 0.3 * Math.sin(2 * Math.PI * t / 24)) + random.nextGaussian();
            }
            train.put("H" + s, y);
        }
        Path trainFile = dir.resolve("train.csv");
        M4Csv.write(trainFile, train);
        Path model = dir.resolve("model.csv.gz");
        Path again = dir.resolve("again.csv.gz");
        Path forecasts = dir.resolve("f.csv");

        assertThat(Main.run("train", "--train", trainFile.toString(), "--out", model.toString(), "--lags", "168"))
                .isZero();
        assertThat(Main.run("train", "--train", trainFile.toString(), "--out", again.toString(), "--lags", "168"))
                .isZero();
        assertThat(Main.run(
                        "forecast-m4",
                        "--train",
                        trainFile.toString(),
                        "--method",
                        "global-ar",
                        "--model",
                        model.toString(),
                        "--out",
                        forecasts.toString()))
                .isZero();

        assertThat(Files.size(model)).isLessThan(300_000);
        assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(model));
        double[] f = M4Csv.read(forecasts).get("H3");
        // the daily cycle of a series it was fitted on, carried on: the peak hour near 1.3 x the level of 300
        assertThat(f).hasSize(48);
        assertThat(f[2]).as("700 + 2 h is the peak hour").isBetween(370.0, 410.0);
        assertThat(f[14]).as("and 700 + 14 h the trough").isBetween(190.0, 230.0);
    }

    @Test
    void aModelFileThatIsNotOneIsRejectedInOneLine() throws Exception {
        Path trainFile = dir.resolve("train.csv");
        M4Csv.write(trainFile, Map.of("H1", new double[400]));
        Path notAModel = dir.resolve("bad.csv");
        Files.writeString(notAModel, "a,b\n1,2\n");

        assertThat(Main.run(
                        "forecast-m4",
                        "--train",
                        trainFile.toString(),
                        "--model",
                        notAModel.toString(),
                        "--out",
                        dir.resolve("f.csv").toString()))
                .isEqualTo(2);
    }
}
