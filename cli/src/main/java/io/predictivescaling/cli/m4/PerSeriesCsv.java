package io.predictivescaling.cli.m4;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * {@code score-m4 --per-series}: each series' scores, so what drives a mean over series can be seen. M4 averages
 * MASE and MSIS over series, so a handful of series whose test days break from their past can carry much of the
 * mean; sorting this file by {@code msis} shows them, and the {@code test_dayN_vs_weeks_before} columns show whether
 * their test days were like the same hours a week and two weeks before.
 *
 * <p>Columns: {@code forecasts} (the file's name), {@code series}, {@code smape} (percent), {@code mase},
 * {@code msis} (both scaled by the series' in-sample seasonal-naive MAE, as {@link M4Score} and {@link QuantileScore}
 * score them), {@code msis_snaive} (seasonal naive's on the same series), then per test day {@code k} (of {@code
 * seasonality} steps) {@code test_dayk_vs_weeks_before}: the day's total over the mean total of the same steps one
 * and two weeks ({@code 7 x seasonality} and twice that) earlier; empty when the history is too short.
 */
final class PerSeriesCsv {
    private PerSeriesCsv() {}

    /** One forecast file's rows. */
    record Scored(String label, Map<Double, Map<String, double[]>> quantiles) {}

    static void write(
            Path file,
            Map<String, double[]> train,
            Map<String, double[]> test,
            List<Scored> scored,
            Map<Double, Map<String, double[]>> seasonalNaive,
            int m)
            throws IOException {
        int horizon = test.values().iterator().next().length;
        int days = horizon / m;
        List<String> header = new ArrayList<>(List.of("forecasts", "series", "smape", "mase", "msis", "msis_snaive"));
        for (int k = 1; k <= days; k++) {
            header.add("test_day" + k + "_vs_weeks_before");
        }
        try (Writer w = Files.newBufferedWriter(file);
                CSVPrinter out = new CSVPrinter(
                        w,
                        CSVFormat.DEFAULT
                                .builder()
                                .setHeader(header.toArray(String[]::new))
                                .get())) {
            for (Scored s : scored) {
                for (var e : test.entrySet()) {
                    String id = e.getKey();
                    Map<String, double[]> one = Map.of(id, e.getValue());
                    M4Score.Scores points =
                            M4Score.score(train, one, s.quantiles().get(0.5), m);
                    List<Object> row = new ArrayList<>(List.of(
                            s.label(),
                            id,
                            points.smape(),
                            points.mase(),
                            QuantileScore.score(train, one, s.quantiles(), m).msis(),
                            QuantileScore.score(train, one, seasonalNaive, m).msis()));
                    for (int k = 0; k < days; k++) {
                        double ratio = dayVsWeeksBefore(train.get(id), e.getValue(), k, m);
                        row.add(Double.isNaN(ratio) ? "" : ratio);
                    }
                    out.printRecord(row);
                }
            }
        }
    }

    /** Test day {@code k}'s total over the mean total of the same steps 7 and 14 days before; NaN if unknown. */
    static double dayVsWeeksBefore(double[] history, double[] test, int k, int m) {
        double[] all = new double[history.length + test.length];
        System.arraycopy(history, 0, all, 0, history.length);
        System.arraycopy(test, 0, all, history.length, test.length);
        int start = history.length + k * m;
        int week = 7 * m;
        if (start - 2 * week < 0) {
            return Double.NaN;
        }
        double before = (sum(all, start - week, m) + sum(all, start - 2 * week, m)) / 2;
        return before > 0 ? sum(all, start, m) / before : Double.NaN;
    }

    private static double sum(double[] v, int from, int n) {
        double s = 0;
        for (int i = from; i < from + n; i++) {
            s += v[i];
        }
        return s;
    }
}
