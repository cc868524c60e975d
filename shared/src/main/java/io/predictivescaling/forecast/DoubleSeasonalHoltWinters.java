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
        return forecastFrom(history, new int[] {history.length}, horizon)[0];
    }

    /**
     * The grid search for all origins in one filter pass per parameter set: the filter over a shorter
     * prefix is the start of the filter over the whole history, so each origin's squared errors are read
     * where the pass reaches it. Gives exactly the one-by-one forecasts, at a ninth of the passes for the
     * engine's eight validation windows.
     */
    @Override
    public double[][] forecastFrom(double[] history, int[] ends, int horizon) {
        double[] y = logScale ? Transforms.log1p(history) : history;
        double[][] out = new double[ends.length][];
        // origins share a pass only when the filter starts the same way (very short ones start shorter)
        java.util.Map<Integer, java.util.List<Integer>> byInit = new java.util.TreeMap<>();
        for (int i = 0; i < ends.length; i++) {
            byInit.computeIfAbsent(init(ends[i]), k -> new java.util.ArrayList<>())
                    .add(i);
        }
        for (var group : byInit.entrySet()) {
            int[] idx = group.getValue().stream()
                    .sorted(java.util.Comparator.comparingInt(i -> ends[i]))
                    .mapToInt(Integer::intValue)
                    .toArray();
            int[] sortedEnds = java.util.Arrays.stream(idx).map(i -> ends[i]).toArray();
            double[] bestSse = new double[idx.length];
            java.util.Arrays.fill(bestSse, Double.POSITIVE_INFINITY);
            double[][] best = new double[idx.length][];
            for (double alpha : ALPHAS) {
                for (double delta : DELTAS) {
                    for (double omega : weekly > 0 ? OMEGAS : new double[] {0}) {
                        // phi only corrects the one-step error, it does not move the state: one pass scores all
                        double[][] sse = scores(y, group.getKey(), sortedEnds, alpha, delta, omega, bestSse);
                        for (int j = 0; j < idx.length; j++) {
                            for (int k = 0; k < PHIS.length; k++) {
                                if (sse[j][k] < bestSse[j]) {
                                    bestSse[j] = sse[j][k];
                                    best[j] = new double[] {alpha, delta, omega, PHIS[k]};
                                }
                            }
                        }
                    }
                }
            }
            for (int j = 0; j < idx.length; j++) {
                out[idx[j]] = extend(
                        run(y, sortedEnds[j], best[j][0], best[j][1], best[j][2], Double.POSITIVE_INFINITY),
                        best[j][3],
                        horizon);
            }
        }
        return out;
    }

    private double[] extend(State s, double phi, int horizon) {
        double[] best = {0, 0, 0, phi};
        double[] forecast = new double[horizon];
        double adjustment = s.lastError;
        for (int h = 0; h < horizon; h++) {
            adjustment *= best[3];
            double value =
                    s.level + s.day[(s.t + h) % daily] + (weekly > 0 ? s.week[(s.t + h) % weekly] : 0) + adjustment;
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

    /** How many first values set the starting level and seasons, for a history of {@code n} values. */
    private int init(int n) {
        int init = Math.max(daily, weekly) * (weekly > 0 ? 1 : 2);
        return n < init + daily ? Math.max(daily, weekly) : init;
    }

    /**
     * The one-step squared errors, per phi, of one parameter set over each prefix {@code ends[j]} (ascending,
     * all with the same {@code init}): one pass up to the longest. Stops early, with infinite errors for the
     * origins not yet reached, once every phi's error passes {@code bound[j]} for all of those origins.
     */
    private double[][] scores(
            double[] y, int init, int[] ends, double alpha, double delta, double omega, double[] bound) {
        double[][] out = new double[ends.length][];
        int j = 0;
        int last = ends[ends.length - 1];
        State s = start(y, init);
        double error = 0;
        double[] sse = new double[PHIS.length];
        int checkEvery = 64;
        for (int t = init; t < last; t++) {
            while (j < ends.length && ends[j] == t) {
                out[j++] = sse.clone();
            }
            int d = t % daily;
            int w = weekly > 0 ? t % weekly : 0;
            double seasonal = s.day[d] + (weekly > 0 ? s.week[w] : 0);
            double e = y[t] - (s.level + seasonal);
            for (int k = 0; k < PHIS.length; k++) {
                double adjusted = e - PHIS[k] * error;
                sse[k] += adjusted * adjusted;
            }
            if ((t - init) % checkEvery == 0) {
                // The best phi so far, only when it is looked at (this loop is most of a backtest's CPU).
                double least = Double.POSITIVE_INFINITY;
                for (double v : sse) {
                    least = Math.min(least, v);
                }
                boolean worseForAll = true;
                for (int r = j; r < ends.length && worseForAll; r++) {
                    worseForAll = least > bound[r];
                }
                if (worseForAll) {
                    for (; j < ends.length; j++) {
                        out[j] = new double[PHIS.length];
                        java.util.Arrays.fill(out[j], Double.POSITIVE_INFINITY);
                    }
                    return out;
                }
            }
            s.level += alpha * e;
            s.day[d] += delta * e;
            if (weekly > 0) {
                s.week[w] += omega * e;
            }
            error = e;
        }
        while (j < ends.length) {
            out[j++] = sse.clone();
        }
        return out;
    }

    /** Starting level and seasons from the first {@code init} values. */
    private State start(double[] y, int init) {
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
        return s;
    }

    /** Runs the filter over the first n values of y; stops early once every phi's error passes {@code bound}. */
    private State run(double[] y, int n, double alpha, double delta, double omega, double bound) {
        int init = init(n);
        State s = start(y, init);
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
