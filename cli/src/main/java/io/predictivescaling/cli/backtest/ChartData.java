package io.predictivescaling.cli.backtest;

import io.predictivescaling.backtest.BacktestResult;

/**
 * The timeline thinned for report.png: at most {@code buckets} buckets, each drawn as its minimum and its maximum
 * (two points), so a spike, a dip or an under-provisioned moment stays visible; capacities in the load they serve
 * (units x unit). Each array has two entries per bucket.
 */
record ChartData(
        long[] time,
        double[] demand,
        double[] predicted,
        double[] lower,
        double[] upper,
        double[] reactive,
        double[] predictive,
        double[] oracle) {

    static ChartData of(BacktestResult r, int buckets) {
        return of(r, 0, r.timeline().demand().length, buckets);
    }

    /** Intervals {@code [first, end)} only. */
    static ChartData of(BacktestResult r, int first, int end, int buckets) {
        BacktestResult.Timeline t = r.timeline();
        int n = end - first;
        int bucket = Math.max(1, (int) Math.ceil(n / (double) buckets));
        int m = (n + bucket - 1) / bucket;
        int k = bucket == 1 ? m : 2 * m;
        double unit = r.config().unit();
        ChartData d = new ChartData(
                new long[k],
                new double[k],
                new double[k],
                new double[k],
                new double[k],
                new double[k],
                new double[k],
                new double[k]);
        long step = r.trace().step().toMillis();
        for (int b = 0; b < m; b++) {
            int from = first + b * bucket;
            int to = Math.min(end, from + bucket);
            int[] at = bucket == 1 ? new int[] {b} : new int[] {2 * b, 2 * b + 1};
            long t0 = r.trace().time(from).toEpochMilli();
            for (int j = 0; j < at.length; j++) {
                boolean max = j == at.length - 1;
                int i = at[j];
                d.time[i] = t0 + j * step * (to - from) / 2;
                d.demand[i] = pick(t.demand(), from, to, max);
                d.predicted[i] = pick(t.predicted(), from, to, max);
                d.lower[i] = pick(t.lower(), from, to, max);
                d.upper[i] = pick(t.upper(), from, to, max);
                d.reactive[i] = pick(t.reactive(), from, to, max) * unit;
                d.predictive[i] = pick(t.predictive(), from, to, max) * unit;
                d.oracle[i] = pick(t.oracle(), from, to, max) * unit;
            }
        }
        return d;
    }

    private static double pick(double[] v, int from, int to, boolean max) {
        double best = Double.NaN;
        for (int i = from; i < to; i++) {
            if (!Double.isNaN(v[i]) && (Double.isNaN(best) || (max ? v[i] > best : v[i] < best))) {
                best = v[i];
            }
        }
        return best;
    }

    private static double pick(int[] v, int from, int to, boolean max) {
        int best = v[from];
        for (int i = from; i < to; i++) {
            best = max ? Math.max(best, v[i]) : Math.min(best, v[i]);
        }
        return best;
    }
}
