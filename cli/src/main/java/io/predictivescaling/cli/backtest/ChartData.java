package io.predictivescaling.cli.backtest;

import io.predictivescaling.backtest.BacktestResult;

/**
 * The timeline thinned for drawing: at most {@code points} buckets, each keeping its maximum (a spike or an
 * under-provisioned moment must stay visible), capacities in the load they serve (units x unit).
 */
record ChartData(long[] time, double[] demand, double[] predicted, double[] lower, double[] upper,
                 double[] reactive, double[] predictive, double[] oracle) {

    static ChartData of(BacktestResult r, int points) {
        BacktestResult.Timeline t = r.timeline();
        int n = t.demand().length;
        int bucket = Math.max(1, (int) Math.ceil(n / (double) points));
        int m = (n + bucket - 1) / bucket;
        double unit = r.config().unit();
        ChartData d = new ChartData(new long[m], new double[m], new double[m], new double[m], new double[m],
                new double[m], new double[m], new double[m]);
        for (int b = 0; b < m; b++) {
            int from = b * bucket;
            int to = Math.min(n, from + bucket);
            d.time[b] = r.trace().time(from).toEpochMilli();
            d.demand[b] = max(t.demand(), from, to, 1);
            d.predicted[b] = max(t.predicted(), from, to, 1);
            d.lower[b] = max(t.lower(), from, to, 1);
            d.upper[b] = max(t.upper(), from, to, 1);
            d.reactive[b] = maxInt(t.reactive(), from, to) * unit;
            d.predictive[b] = maxInt(t.predictive(), from, to) * unit;
            d.oracle[b] = maxInt(t.oracle(), from, to) * unit;
        }
        return d;
    }

    private static double max(double[] v, int from, int to, double scale) {
        double best = Double.NaN;
        for (int i = from; i < to; i++) {
            if (!Double.isNaN(v[i]) && (Double.isNaN(best) || v[i] > best)) {
                best = v[i];
            }
        }
        return best * scale;
    }

    private static double maxInt(int[] v, int from, int to) {
        int best = 0;
        for (int i = from; i < to; i++) {
            best = Math.max(best, v[i]);
        }
        return best;
    }
}
