package io.predictivescaling.cli.m4;

import java.util.Map;

/**
 * Scores forecasts the way the M4 competition did (see ../shared/data/m4-hourly/SOURCE.md): sMAPE and MASE
 * averaged over all series and horizons, and OWA relative to Naive2 on the same series.
 */
public final class M4Score {
    /** @param smape percent; @param mase scaled by the in-sample seasonal-naive error */
    public record Scores(double smape, double mase, int series) {}

    public record Report(Scores method, Scores naive2, double owa) {}

    private M4Score() {}

    public static Report report(
            Map<String, double[]> train, Map<String, double[]> test, Map<String, double[]> forecasts, int seasonality) {
        Scores baseline = naive2(train, test, seasonality);
        Scores method = score(train, test, forecasts, seasonality);
        double owa = (method.smape() / baseline.smape() + method.mase() / baseline.mase()) / 2;
        return new Report(method, baseline, owa);
    }

    /** Naive2's scores on the same series: OWA's yardstick. */
    public static Scores naive2(Map<String, double[]> train, Map<String, double[]> test, int seasonality) {
        Map<String, double[]> naive2 = new java.util.LinkedHashMap<>();
        test.forEach((id, actual) -> naive2.put(id, Naive2.forecast(train.get(id), actual.length, seasonality)));
        return score(train, test, naive2, seasonality);
    }

    public static Scores score(
            Map<String, double[]> train, Map<String, double[]> test, Map<String, double[]> forecasts, int seasonality) {
        double smapeSum = 0;
        long points = 0;
        double maseSum = 0;
        for (var entry : test.entrySet()) {
            String id = entry.getKey();
            double[] actual = entry.getValue();
            double[] forecast = forecasts.get(id);
            double[] history = train.get(id);
            if (forecast == null || forecast.length < actual.length) {
                throw new IllegalArgumentException("series " + id + ": forecast missing or shorter than the test");
            }
            if (history == null) {
                throw new IllegalArgumentException("series " + id + ": not in the training file");
            }
            double absSum = 0;
            for (int h = 0; h < actual.length; h++) {
                double error = Math.abs(actual[h] - forecast[h]);
                double denominator = Math.abs(actual[h]) + Math.abs(forecast[h]);
                smapeSum += denominator == 0 ? 0 : 200 * error / denominator;
                absSum += error;
                points++;
            }
            maseSum += (absSum / actual.length) / seasonalNaiveMae(history, seasonality);
        }
        return new Scores(smapeSum / points, maseSum / test.size(), test.size());
    }

    static double seasonalNaiveMae(double[] history, int m) {
        double sum = 0;
        for (int t = m; t < history.length; t++) {
            sum += Math.abs(history[t] - history[t - m]);
        }
        return sum / (history.length - m);
    }
}
