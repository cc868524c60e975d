package io.predictivescaling.cli.m4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.predictivescaling.cli.Main;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class M4ScoreTest {
    @TempDir
    Path dir;

    @Test
    void smapeAndMaseFollowTheM4DefinitionsOnAHandCheckedExample() {
        // m = 1 keeps the arithmetic checkable by hand: in-sample naive MAE of 1,2,4 is (1 + 2) / 2 = 1.5.
        Map<String, double[]> train = Map.of("A", new double[] {1, 2, 4});
        Map<String, double[]> test = Map.of("A", new double[] {4, 6});
        Map<String, double[]> forecast = Map.of("A", new double[] {5, 6});

        M4Score.Scores s = M4Score.score(train, test, forecast, 1);

        // sMAPE: (200 * 1 / 9 + 0) / 2 = 11.111; MASE: mean(1, 0) / 1.5 = 0.3333
        assertThat(s.smape()).isCloseTo(11.111, within(1e-3));
        assertThat(s.mase()).isCloseTo(1 / 3.0, within(1e-9));
    }

    @Test
    void naive2ReseasonalisesTheLastDeseasonalisedValue() {
        double[] season = {1.5, 1.0, 0.5, 1.0};
        double[] history = new double[4 * 6];
        for (int i = 0; i < history.length; i++) {
            history[i] = 100 * season[i % 4];
        }

        double[] f = Naive2.forecast(history, 8, 4);

        assertThat(Naive2.seasonal(history, 4)).isTrue();
        assertThat(f).containsExactly(new double[] {150, 100, 50, 100, 150, 100, 50, 100}, within(1e-9));
    }

    @Test
    void aShortOrUnseasonalSeriesGetsPlainNaive() {
        assertThat(Naive2.forecast(new double[] {3, 4, 5}, 2, 24)).containsExactly(5, 5);
    }

    @Test
    void forecastAndScoreCommandsRoundTripTheM4Layout() throws Exception {
        Random random = new Random(3);
        Map<String, double[]> train = new LinkedHashMap<>();
        Map<String, double[]> test = new LinkedHashMap<>();
        for (int s = 1; s <= 3; s++) {
            int n = s == 1 ? 700 : 960;
            double[] all = new double[n + 48];
            for (int t = 0; t < all.length; t++) {
                all[t] = 100 * s + 30 * Math.sin(2 * Math.PI * t / 24) + random.nextGaussian();
            }
            train.put("H" + s, java.util.Arrays.copyOf(all, n));
            test.put("H" + s, java.util.Arrays.copyOfRange(all, n, n + 48));
        }
        Path trainFile = dir.resolve("train.csv");
        Path testFile = dir.resolve("test.csv");
        Path out = dir.resolve("forecast.csv");
        M4Csv.write(trainFile, train);
        M4Csv.write(testFile, test);

        assertThat(Main.run("forecast-m4", "--train", trainFile.toString(), "--out", out.toString())).isZero();

        assertThat(Files.readAllLines(out).get(0)).startsWith("\"V1\",\"V2\"").endsWith("\"V49\"");
        Map<String, double[]> forecasts = M4Csv.read(out);
        assertThat(forecasts.keySet()).containsExactly("H1", "H2", "H3");
        assertThat(forecasts.get("H2")).hasSize(48);
        M4Score.Report report = M4Score.report(train, test, forecasts, 24);
        assertThat(report.owa()).as("beats Naive2 on a noisy daily cycle").isLessThan(1.0);
        assertThat(M4Csv.read(trainFile).get("H1")).hasSize(700);
    }
}
