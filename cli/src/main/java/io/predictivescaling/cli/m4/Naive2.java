package io.predictivescaling.cli.m4;

/**
 * The M4 benchmark Naive2: the last value of the seasonally adjusted series, re-seasonalised with classical
 * multiplicative decomposition, when a 90% autocorrelation test finds the seasonality.
 */
public final class Naive2 {
    private Naive2() {}

    public static double[] forecast(double[] history, int horizon, int m) {
        int n = history.length;
        double[] indices = seasonal(history, m) ? seasonalIndices(history, m) : null;
        double last = history[n - 1] / (indices == null ? 1 : indices[(n - 1) % m]);
        double[] forecast = new double[horizon];
        for (int h = 0; h < horizon; h++) {
            forecast[h] = last * (indices == null ? 1 : indices[(n + h) % m]);
        }
        return forecast;
    }

    static boolean seasonal(double[] x, int m) {
        int n = x.length;
        if (n < 3 * m) {
            return false;
        }
        double[] acf = acf(x, m);
        double sumSquares = 0;
        for (int k = 1; k < m; k++) {
            sumSquares += acf[k] * acf[k];
        }
        double limit = 1.645 / Math.sqrt(n) * Math.sqrt(1 + 2 * sumSquares);
        return Math.abs(acf[m]) > limit;
    }

    /** Autocorrelations at lags 0..maxLag as R computes them: demeaned, denominator n. */
    static double[] acf(double[] x, int maxLag) {
        int n = x.length;
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= n;
        double c0 = 0;
        for (double v : x) {
            c0 += (v - mean) * (v - mean);
        }
        double[] acf = new double[maxLag + 1];
        for (int k = 0; k <= maxLag; k++) {
            double c = 0;
            for (int t = k; t < n; t++) {
                c += (x[t] - mean) * (x[t - k] - mean);
            }
            acf[k] = c / c0;
        }
        return acf;
    }

    /** R's decompose(type = "multiplicative") figure, by position t mod m, normalised to mean 1. */
    static double[] seasonalIndices(double[] x, int m) {
        int n = x.length;
        double[] sum = new double[m];
        int[] count = new int[m];
        int half = m / 2;
        for (int t = half; t < n - half; t++) {
            double trend;
            if (m % 2 == 0) {
                double s = 0.5 * x[t - half] + 0.5 * x[t + half];
                for (int k = -half + 1; k < half; k++) {
                    s += x[t + k];
                }
                trend = s / m;
            } else {
                double s = 0;
                for (int k = -half; k <= half; k++) {
                    s += x[t + k];
                }
                trend = s / m;
            }
            sum[t % m] += x[t] / trend;
            count[t % m]++;
        }
        double[] figure = new double[m];
        double mean = 0;
        for (int i = 0; i < m; i++) {
            figure[i] = sum[i] / count[i];
            mean += figure[i];
        }
        mean /= m;
        for (int i = 0; i < m; i++) {
            figure[i] /= mean;
        }
        return figure;
    }
}
