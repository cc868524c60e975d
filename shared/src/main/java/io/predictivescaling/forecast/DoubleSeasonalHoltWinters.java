package io.predictivescaling.forecast;

/**
 * Exponential smoothing with a level, an intraday (daily) season and an intraweek season, after Taylor
 * (2003, "Short-term electricity demand forecasting using double seasonal exponential smoothing"), with
 * the first-order error autocorrelation adjustment. With {@code weekly = 0} it is plain additive
 * Holt-Winters with one season. Optionally works on log(1 + y) so that seasons scale with the level.
 * Smoothing parameters are chosen per series on a small grid by one-step-ahead squared error.
 */
public record DoubleSeasonalHoltWinters(int daily, int weekly, boolean logScale, String name)
        implements ForecastMethod {

    private static final double[] ALPHAS = {0.02, 0.05, 0.1, 0.2, 0.4};
    private static final double[] DELTAS = {0.01, 0.05, 0.15, 0.3};
    private static final double[] OMEGAS = {0.01, 0.05, 0.15, 0.3};
    private static final double[] PHIS = {0.0, 0.5, 0.8, 0.95};

    @Override
    public double[] forecast(double[] history, int horizon) {
        double[] y = logScale ? Transforms.log1p(history) : history;
        double bestSse = Double.POSITIVE_INFINITY;
        double[] best = null;
        for (double alpha : ALPHAS) {
            for (double delta : DELTAS) {
                for (double omega : weekly > 0 ? OMEGAS : new double[] {0}) {
                    // phi only corrects the one-step error, it does not move the state: one pass scores all
                    double[] sse = run(y, alpha, delta, omega, bestSse).sse;
                    for (int k = 0; k < PHIS.length; k++) {
                        if (sse[k] < bestSse) {
                            bestSse = sse[k];
                            best = new double[] {alpha, delta, omega, PHIS[k]};
                        }
                    }
                }
            }
        }
        State s = run(y, best[0], best[1], best[2], Double.POSITIVE_INFINITY);
        double[] forecast = new double[horizon];
        double adjustment = s.lastError;
        for (int h = 0; h < horizon; h++) {
            adjustment *= best[3];
            double value = s.level + s.day[(s.t + h) % daily] + (weekly > 0 ? s.week[(s.t + h) % weekly] : 0)
                    + adjustment;
            forecast[h] = Math.max(0, logScale ? Math.expm1(value) : value);
        }
        return forecast;
    }

    private static final class State {
        double level;
        double[] day;
        double[] week;
        double lastError;
        /** One-step squared error after the error adjustment, for each of {@link #PHIS}. */
        double[] sse;
        int t;
    }

    /** Runs the filter over y; stops early once every phi's error passes {@code bound} (all then exceed it). */
    private State run(double[] y, double alpha, double delta, double omega, double bound) {
        int n = y.length;
        int init = Math.max(daily, weekly) * (weekly > 0 ? 1 : 2);
        if (n < init + daily) {
            init = Math.max(daily, weekly);
        }
        State s = new State();
        s.day = new double[daily];
        s.week = new double[Math.max(weekly, 1)];
        double level = 0;
        for (int i = 0; i < init; i++) {
            level += y[i];
        }
        level /= init;
        int[] dayCount = new int[daily];
        for (int i = 0; i < init; i++) {
            s.day[i % daily] += y[i] - level;
            dayCount[i % daily]++;
        }
        for (int p = 0; p < daily; p++) {
            s.day[p] /= Math.max(1, dayCount[p]);
        }
        if (weekly > 0) {
            int[] weekCount = new int[weekly];
            for (int i = 0; i < init; i++) {
                s.week[i % weekly] += y[i] - level - s.day[i % daily];
                weekCount[i % weekly]++;
            }
            for (int p = 0; p < weekly; p++) {
                s.week[p] /= Math.max(1, weekCount[p]);
            }
        }
        s.level = level;
        double error = 0;
        double[] sse = new double[PHIS.length];
        int checkEvery = 64;
        for (int t = init; t < n; t++) {
            int d = t % daily;
            int w = weekly > 0 ? t % weekly : 0;
            double seasonal = s.day[d] + (weekly > 0 ? s.week[w] : 0);
            double e = y[t] - (s.level + seasonal);
            double least = Double.POSITIVE_INFINITY;
            for (int k = 0; k < PHIS.length; k++) {
                double adjusted = e - PHIS[k] * error;
                sse[k] += adjusted * adjusted;
                least = Math.min(least, sse[k]);
            }
            if (least > bound && (t - init) % checkEvery == 0) {
                java.util.Arrays.fill(sse, Double.POSITIVE_INFINITY);
                break;
            }
            s.level += alpha * e;
            s.day[d] += delta * e;
            if (weekly > 0) {
                s.week[w] += omega * e;
            }
            error = e;
        }
        s.lastError = error;
        s.sse = sse;
        s.t = n;
        return s;
    }

    @Override
    public int minHistory() {
        return Math.max(daily, weekly) + daily;
    }
}
