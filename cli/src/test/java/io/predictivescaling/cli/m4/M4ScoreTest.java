package io.predictivescaling.cli.m4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.predictivescaling.cli.CliRun;
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

        assertThat(Main.run("forecast-m4", "--train", trainFile.toString(), "--out", out.toString()))
                .isZero();

        assertThat(Files.readAllLines(out).get(0)).startsWith("\"V1\",\"V2\"").endsWith("\"V49\"");
        Map<String, double[]> forecasts = M4Csv.read(out);
        assertThat(forecasts.keySet()).containsExactly("H1", "H2", "H3");
        assertThat(forecasts.get("H2")).hasSize(48);
        M4Score.Report report = M4Score.report(train, test, forecasts, 24);
        assertThat(report.owa()).as("beats Naive2 on a noisy daily cycle").isLessThan(1.0);
        assertThat(M4Csv.read(trainFile).get("H1")).hasSize(700);

        // quantiles beside the points, ordered, and scored next to seasonal naive
        for (double q : QuantileScore.LEVELS) {
            assertThat(M4Commands.quantileFile(out, q)).exists();
        }
        assertThat(M4Commands.quantileFile(out, 0.025).getFileName().toString()).isEqualTo("forecast-q0.025.csv");
        double[] p10 = M4Csv.read(M4Commands.quantileFile(out, 0.1)).get("H2");
        double[] p90 = M4Csv.read(M4Commands.quantileFile(out, 0.9)).get("H2");
        for (int h = 0; h < 48; h++) {
            assertThat(p10[h]).isLessThanOrEqualTo(forecasts.get("H2")[h]);
            assertThat(p90[h]).isGreaterThanOrEqualTo(forecasts.get("H2")[h]);
        }
        Scored scored = scoreM4(trainFile, testFile, out);
        assertThat(scored.exit()).isZero();
        String table = scored.out();
        assertThat(table).contains("MSIS", "SPL10", "SPL50", "SPL80", "SPL90", "P10-90", "<=P80");
        assertThat(table.lines()
                        .filter(l -> l.startsWith("forecast.csv"))
                        .findFirst()
                        .orElseThrow())
                .doesNotContain("NaN");
        assertThat(table).containsPattern("(?m)^sNaive +\\d").containsPattern("(?m)^Naive2 +\\d");

        // Points alone (no quantile files beside them): the NaN interval scores are explained, not left to puzzle.
        Path alone =
                Files.copy(out, Files.createDirectories(dir.resolve("alone")).resolve("points.csv"));
        Scored noted = scoreM4(trainFile, testFile, alone);
        assertThat(noted.exit()).isZero();
        assertThat(noted.err())
                .contains("no points-q0.025.csv")
                .contains("MSIS, pinball loss and coverage are NaN; forecast-m4 writes them next to --out");
    }

    @Test
    void perSeriesScoresShowWhichSeriesCarryTheMeanAndWhetherTheirTestDaysBrokeFromTheWeeksBefore() throws Exception {
        Random random = new Random(5);
        Map<String, double[]> train = new LinkedHashMap<>();
        Map<String, double[]> test = new LinkedHashMap<>();
        for (int s = 1; s <= 3; s++) {
            double[] all = new double[960 + 48];
            for (int t = 0; t < all.length; t++) {
                all[t] = 200 + 80 * Math.sin(2 * Math.PI * t / 24) + 3 * random.nextGaussian();
            }
            if (s == 3) {
                // A holiday on the second test day: a third of the usual load, like nothing in the history.
                for (int t = 960 + 24; t < all.length; t++) {
                    all[t] /= 3;
                }
            }
            train.put("H" + s, java.util.Arrays.copyOf(all, 960));
            test.put("H" + s, java.util.Arrays.copyOfRange(all, 960, all.length));
        }
        Path trainFile = dir.resolve("train.csv");
        Path testFile = dir.resolve("test.csv");
        Path out = dir.resolve("forecast.csv");
        Path perSeries = dir.resolve("per-series.csv");
        M4Csv.write(trainFile, train);
        M4Csv.write(testFile, test);
        assertThat(Main.run("forecast-m4", "--train", trainFile.toString(), "--out", out.toString()))
                .isZero();

        Scored scored = scoreM4(trainFile, testFile, out, "--per-series", perSeries.toString());

        assertThat(scored.exit()).isZero();
        assertThat(scored.out()).contains("each series' scores -> " + perSeries);
        java.util.List<String> lines = Files.readAllLines(perSeries);
        assertThat(lines.get(0))
                .isEqualTo("forecasts,series,smape,mase,msis,msis_snaive,test_day1_vs_weeks_before,"
                        + "test_day2_vs_weeks_before");
        assertThat(lines).hasSize(4);
        Map<String, String[]> rows = new LinkedHashMap<>();
        lines.stream().skip(1).map(l -> l.split(",")).forEach(r -> rows.put(r[1], r));
        assertThat(rows.keySet()).containsExactly("H1", "H2", "H3");
        assertThat(rows.values()).allSatisfy(r -> assertThat(r[0]).isEqualTo("forecast.csv"));
        assertThat(Double.parseDouble(rows.get("H3")[7])).isCloseTo(1 / 3.0, within(0.02));
        assertThat(Double.parseDouble(rows.get("H3")[6])).isCloseTo(1.0, within(0.02));
        assertThat(Double.parseDouble(rows.get("H1")[7])).isCloseTo(1.0, within(0.02));
        double h1 = Double.parseDouble(rows.get("H1")[4]);
        double h3 = Double.parseDouble(rows.get("H3")[4]);
        assertThat(h3).as("the broken series carries the mean").isGreaterThan(10 * h1);
        // The rows add up to the table: their mean is the MSIS score-m4 printed for the file.
        double mean = rows.values().stream()
                .mapToDouble(r -> Double.parseDouble(r[4]))
                .average()
                .orElseThrow();
        String msis = scored.out()
                .lines()
                .filter(l -> l.startsWith("forecast.csv"))
                .findFirst()
                .orElseThrow()
                .trim()
                .split(" +")[4];
        assertThat(String.format(java.util.Locale.ROOT, "%.3f", mean)).isEqualTo(msis);
    }

    /** What a {@code score-m4} run returned and printed. */
    private record Scored(int exit, String out, String err) {}

    /** {@code score-m4} on these files, with stdout and stderr captured. */
    private static Scored scoreM4(Path train, Path test, Path forecasts, String... more) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(
                "score-m4",
                "--train",
                train.toString(),
                "--test",
                test.toString(),
                "--forecasts",
                forecasts.toString()));
        args.addAll(java.util.List.of(more));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        return new Scored(run.exit(), run.out(), run.err());
    }

    @Test
    void msisPinballAndCoverageFollowTheirDefinitionsOnAHandCheckedExample() {
        // m = 1: the in-sample naive MAE of 1, 2, 4 is 1.5, the scale of every loss.
        Map<String, double[]> train = Map.of("A", new double[] {1, 2, 4});
        Map<String, double[]> test = Map.of("A", new double[] {4, 10});
        Map<Double, Map<String, double[]>> q = Map.of(
                0.025, Map.of("A", new double[] {3, 5}),
                0.1, Map.of("A", new double[] {3.5, 6}),
                0.5, Map.of("A", new double[] {4, 7}),
                0.8, Map.of("A", new double[] {5, 8}),
                0.9, Map.of("A", new double[] {6, 9}),
                0.975, Map.of("A", new double[] {7, 9}));

        QuantileScore.Scores s = QuantileScore.score(train, test, q, 1);

        // MSIS: step 1 inside, width 4; step 2 above by 1: width 4 + 2 / 0.05 * 1 = 44. (4 + 44) / 2 / 1.5 = 16
        assertThat(s.msis()).isCloseTo(16, within(1e-9));
        // P90: step 1 below by 2 -> 0.1 * 2 = 0.2; step 2 above by 1 -> 0.9. (0.2 + 0.9) / 2 / 1.5
        assertThat(s.pinball().get(0.9)).isCloseTo(1.1 / 3, within(1e-9));
        // P50: |0| and |3| * 0.5 -> 0.75 / 1.5
        assertThat(s.pinball().get(0.5)).isCloseTo(0.5, within(1e-9));
        assertThat(s.coverage80()).isEqualTo(0.5);
        assertThat(s.belowP80()).isEqualTo(0.5);
        // P2.5-P97.5: 4 in [3, 7], 10 above 9
        assertThat(s.coverage95()).isEqualTo(0.5);
    }

    @Test
    void seasonalNaiveQuantilesWidenWithEachRepeatedSeason() {
        // m = 2; residuals x_t - x_{t-2}: 2, -2, 2, -2 -> standard deviation sqrt(16 / 3)
        Map<String, double[]> train = Map.of("A", new double[] {10, 20, 12, 18, 14, 16});
        Map<String, double[]> test = Map.of("A", new double[] {0, 0, 0, 0});

        Map<Double, Map<String, double[]>> q = QuantileScore.seasonalNaive(train, test, 2);

        assertThat(q.get(0.5).get("A")).containsExactly(14, 16, 14, 16);
        double sigma = Math.sqrt(16 / 3.0);
        assertThat(q.get(0.9).get("A")[0]).isCloseTo(14 + 1.2816 * sigma, within(1e-3));
        assertThat(q.get(0.9).get("A")[2]).isCloseTo(14 + 1.2816 * sigma * Math.sqrt(2), within(1e-3));
    }
}
