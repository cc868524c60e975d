package io.predictivescaling.peers;

/**
 * Additive Holt-Winters with fixed smoothing constants, as the Predictive Horizontal Pod Autoscaler runs it: statsmodels'
 * {@code ExponentialSmoothing(trend="add", seasonal="add", initialization_method="estimated")} fitted with
 * {@code optimized=False} (jthomperoo/predictive-horizontal-pod-autoscaler, {@code algorithms/holt_winters/holt_winters.py}).
 * Without optimisation the "estimated" initial states stay at statsmodels' heuristic start values (R. Hyndman, A.
 * Koehler, J. Ord and R. Snyder, "Forecasting with Exponential Smoothing", Springer 2008, section 2.6.1): a centred
 * 2 x m moving average over the first min(5, n / m) seasons is the trend; the seasonal states are the mean deviation
 * from it per position in the season, centred on 0; level and trend are the intercept and slope of a least-squares line
 * through the first 10 values of the moving average. The recursions (statsmodels' form, Hyndman and Athanasopoulos,
 * "Forecasting: Principles and Practice", 3rd ed., section 8.3):
 * l_t = alpha (y_t - s_(t-m)) + (1 - alpha)(l_(t-1) + b_(t-1)); b_t = beta (l_t - l_(t-1)) + (1 - beta) b_(t-1);
 * s_t = gamma (y_t - l_(t-1) - b_(t-1)) + (1 - gamma) s_(t-m); one step ahead: l_n + b_n + s_(n+1-m).
 */
final class HoltWinters {
    private HoltWinters() {}

    /** The fewest values the PHPA forecasts from: 2 seasons and 10 + 2 (m / 2) (statsmodels' heuristic needs both). */
    static int minimumLength(int m) {
        return Math.max(2 * m, 10 + 2 * (m / 2));
    }

    /**
     * @param y the series, oldest first, at least {@link #minimumLength} values
     * @param m the season length in values
     * @return the forecast for the value after the last
     */
    static double oneStepAhead(double[] y, int m, double alpha, double beta, double gamma) {
        int n = y.length;
        if (n < minimumLength(m)) {
            throw new IllegalArgumentException("Holt-Winters needs " + minimumLength(m) + " values, got " + n);
        }
        int cycles = Math.max(Math.min(5, n / m), (int) Math.ceil((10 + 2 * (m / 2)) / (double) m));
        int len = Math.min(n, cycles * m);
        double[] trend = centredMovingAverage(y, len, m);
        double[] seasonSum = new double[m];
        int[] seasonCount = new int[m];
        double[] ma = new double[len];
        int valid = 0;
        for (int i = 0; i < len; i++) {
            if (!Double.isNaN(trend[i])) {
                seasonSum[i % m] += y[i] - trend[i];
                seasonCount[i % m]++;
                ma[valid++] = trend[i];
            }
        }
        double[] season = new double[m];
        double mean = 0;
        for (int j = 0; j < m; j++) {
            season[j] = seasonCount[j] > 0 ? seasonSum[j] / seasonCount[j] : 0;
            mean += season[j] / m;
        }
        for (int j = 0; j < m; j++) {
            season[j] -= mean;
        }
        // Least squares of the first 10 trend values on x = 1..10.
        int k = Math.min(10, valid);
        double sx = 0;
        double sy = 0;
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < k; i++) {
            double x = i + 1;
            sx += x;
            sy += ma[i];
            sxy += x * ma[i];
            sxx += x * x;
        }
        double slope = k * sxx - sx * sx == 0 ? 0 : (k * sxy - sx * sy) / (k * sxx - sx * sx);
        double level = k == 0 ? y[0] : (sy - slope * sx) / k;
        double b = slope;
        // s[t mod m] holds s_(t-m) when y_t arrives.
        double[] s = season.clone();
        for (int t = 0; t < n; t++) {
            int j = t % m;
            double previousLevel = level;
            double previousTrend = b;
            level = alpha * (y[t] - s[j]) + (1 - alpha) * (previousLevel + previousTrend);
            b = beta * (level - previousLevel) + (1 - beta) * previousTrend;
            s[j] = gamma * (y[t] - previousLevel - previousTrend) + (1 - gamma) * s[j];
        }
        return level + b + s[n % m];
    }

    /** The centred moving average over m values (2 x m when m is even) of y[0, len); NaN where it is not defined. */
    private static double[] centredMovingAverage(double[] y, int len, int m) {
        double[] out = new double[len];
        java.util.Arrays.fill(out, Double.NaN);
        double[] prefix = new double[len + 1];
        for (int i = 0; i < len; i++) {
            prefix[i + 1] = prefix[i] + y[i];
        }
        int half = m / 2;
        for (int i = half; i + half < len; i++) {
            if (m % 2 == 1) {
                out[i] = (prefix[i + half + 1] - prefix[i - half]) / m;
            } else {
                double inner = prefix[i + half] - prefix[i - half + 1];
                out[i] = (inner + 0.5 * y[i - half] + 0.5 * y[i + half]) / m;
            }
        }
        return out;
    }
}
