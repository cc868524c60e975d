package io.predictivescaling.cli.m4;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Scores quantile forecasts on the same footing as M4's point scores: every loss is divided by the series'
 * in-sample seasonal-naive MAE (as MASE is), averaged over horizons, then over series.
 *
 * <ul>
 *   <li>MSIS (M4's interval score, {@code a} = 0.05, the 95% interval from P2.5 to P97.5): width plus
 *       {@code 2/a} times how far each actual falls outside.</li>
 *   <li>Scaled pinball loss at quantile q: {@code q (y - f)} when the actual is above, {@code (1 - q)(f - y)}
 *       when below.</li>
 *   <li>Coverage: the share of actuals inside P10-P90 and at or below P80 (both should be 80%), and inside
 *       P2.5-P97.5 (should be 95%).</li>
 * </ul>
 */
public final class QuantileScore {
    /** The quantiles {@code forecast-m4} writes and {@code score-m4} reads (P50 is the point forecast). */
    public static final double[] LEVELS = {0.025, 0.1, 0.8, 0.9, 0.975};
    /** The quantiles whose pinball loss is reported. */
    public static final double[] PINBALL = {0.1, 0.5, 0.8, 0.9};

    private QuantileScore() {}

    /**
     * @param msis M4's mean scaled interval score of the 95% interval (NaN when P2.5 or P97.5 is missing)
     * @param pinball scaled pinball loss by quantile
     * @param coverage80 share of actuals within P10-P90
     * @param belowP80 share of actuals at or below P80
     * @param coverage95 share of actuals within P2.5-P97.5 (NaN when either is missing)
     */
    public record Scores(
            double msis, Map<Double, Double> pinball, double coverage80, double belowP80, double coverage95) {}

    /**
     * @param quantiles forecasts by quantile level (0.5 = the point forecast), each by series id; levels
     *     that are missing score NaN
     */
    public static Scores score(
            Map<String, double[]> train,
            Map<String, double[]> test,
            Map<Double, Map<String, double[]>> quantiles,
            int m) {
        Map<Double, Double> pinball = new TreeMap<>();
        for (double q : PINBALL) {
            Map<String, double[]> f = quantiles.get(q);
            pinball.put(
                    q,
                    f == null
                            ? Double.NaN
                            : perSeriesMean(train, test, m, (actual, id, h) -> {
                                double diff = actual - f.get(id)[h];
                                return diff >= 0 ? q * diff : (q - 1) * diff;
                            }));
        }
        Map<String, double[]> lo95 = quantiles.get(0.025);
        Map<String, double[]> hi95 = quantiles.get(0.975);
        double a = 0.05;
        double msis = lo95 == null || hi95 == null
                ? Double.NaN
                : perSeriesMean(train, test, m, (y, id, h) -> {
                    double lo = lo95.get(id)[h];
                    double hi = hi95.get(id)[h];
                    return hi - lo + (y < lo ? 2 / a * (lo - y) : 0) + (y > hi ? 2 / a * (y - hi) : 0);
                });
        Map<String, double[]> p10 = quantiles.get(0.1);
        Map<String, double[]> p80 = quantiles.get(0.8);
        Map<String, double[]> p90 = quantiles.get(0.9);
        double inside = p10 == null || p90 == null
                ? Double.NaN
                : share(test, (y, id, h) -> y >= p10.get(id)[h] && y <= p90.get(id)[h]);
        double below = p80 == null ? Double.NaN : share(test, (y, id, h) -> y <= p80.get(id)[h]);
        double inside95 = lo95 == null || hi95 == null
                ? Double.NaN
                : share(test, (y, id, h) -> y >= lo95.get(id)[h] && y <= hi95.get(id)[h]);
        return new Scores(msis, pinball, inside, below, inside95);
    }

    /**
     * Seasonal naive with its textbook normal interval (Hyndman and Athanasopoulos, Forecasting: Principles
     * and Practice, 5.5): the in-sample seasonal-naive residuals' standard deviation, times
     * {@code sqrt(k + 1)} for the k-th repeated season.
     *
     * @return forecasts by quantile level, including 0.5 (the seasonal naive point forecast)
     */
    public static Map<Double, Map<String, double[]>> seasonalNaive(
            Map<String, double[]> train, Map<String, double[]> test, int m) {
        NormalDistribution normal = new NormalDistribution();
        Map<Double, Map<String, double[]>> out = new TreeMap<>();
        double[] levels = {0.025, 0.1, 0.5, 0.8, 0.9, 0.975};
        for (double q : levels) {
            out.put(q, new LinkedHashMap<>());
        }
        test.forEach((id, actual) -> {
            double[] x = train.get(id);
            int n = x.length;
            double sumSquares = 0;
            for (int t = m; t < n; t++) {
                sumSquares += (x[t] - x[t - m]) * (x[t] - x[t - m]);
            }
            double sigma = Math.sqrt(sumSquares / Math.max(1, n - m - 1));
            for (double q : levels) {
                double z = normal.inverseCumulativeProbability(q);
                double[] f = new double[actual.length];
                for (int h = 0; h < f.length; h++) {
                    int k = h / m;
                    f[h] = Math.max(0, x[n - m + h % m] + z * sigma * Math.sqrt(k + 1));
                }
                out.get(q).put(id, f);
            }
        });
        return out;
    }

    private interface Loss {
        double at(double actual, String id, int h);
    }

    private interface Hit {
        boolean at(double actual, String id, int h);
    }

    private static double perSeriesMean(Map<String, double[]> train, Map<String, double[]> test, int m, Loss loss) {
        double sum = 0;
        for (var e : test.entrySet()) {
            double[] y = e.getValue();
            double s = 0;
            for (int h = 0; h < y.length; h++) {
                s += loss.at(y[h], e.getKey(), h);
            }
            sum += s / y.length / M4Score.seasonalNaiveMae(train.get(e.getKey()), m);
        }
        return sum / test.size();
    }

    private static double share(Map<String, double[]> test, Hit hit) {
        long hits = 0;
        long all = 0;
        for (var e : test.entrySet()) {
            double[] y = e.getValue();
            for (int h = 0; h < y.length; h++) {
                hits += hit.at(y[h], e.getKey(), h) ? 1 : 0;
                all++;
            }
        }
        return (double) hits / all;
    }
}
