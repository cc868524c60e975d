package io.predictivescaling.peers;

import java.util.Arrays;

/**
 * Crane's EffectiveHorizontalPodAutoscaler with its DSP predictor ({@link CraneDsp}), as gocrane/crane documents it
 * ({@code docs/tutorials/using-effective-hpa-to-scaling-with-effectiveness.md}) and runs it: the model is refitted
 * every 12 hours (craned's {@code --model-update-interval} default, {@code cmd/craned/app/options/options.go}) on the
 * last 15 days of samples ({@code historyLength: "15d"} of the DSP tutorial, also the predictor's internal default)
 * at the trace's interval (the {@code sampleInterval}); the prediction metric is the largest predicted value from now
 * to {@code predictionWindowSeconds} (3600, the documented example) ahead ({@code QueryRealtimePredictedValues}); the
 * HPA turns it into replicas at the target utilization and takes the larger of that and the original metric's
 * replicas. Here the original metric's part is the same target tracking the product runs on, and the prediction's
 * part is a floor: decided at each interval's start, its units serve after the warm-up. Where Crane finds no daily or
 * weekly period it predicts nothing and the floor is 0 (target tracking alone).
 */
public final class CraneEhpa implements PeerPolicy {
    static final long REFIT_SECONDS = 12 * 3600;
    static final long HISTORY_SECONDS = 15 * 86_400 + 3600;
    static final long WINDOW_SECONDS = 3600;

    @Override
    public String name() {
        return "crane-dsp";
    }

    @Override
    public String summary() {
        return "Crane EHPA, DSP predictor";
    }

    @Override
    public int[] floors(Load load) {
        double[] demand = load.demand();
        int n = demand.length;
        long step = load.stepSeconds();
        int[] floors = new int[n];
        if (step > 3600) {
            return floors; // Crane refuses a sample interval over an hour
        }
        CraneDsp dsp = new CraneDsp(step);
        int refit = (int) Math.max(1, REFIT_SECONDS / step);
        int history = (int) (HISTORY_SECONDS / step);
        int window = (int) (WINDOW_SECONDS / step);
        int w = load.warmupIntervals();
        double[] predicted = new double[0];
        int predictedFrom = 0;
        for (int s = 1; s < n; s++) {
            if (s % refit == 0) {
                double[] next = dsp.predictNextPeriod(Arrays.copyOfRange(demand, Math.max(0, s - history), s));
                predicted = next == null ? new double[0] : repeat(next, history / Math.max(1, next.length));
                // Crane predicts from its last sample: after a gap in the history that is before the refit.
                predictedFrom = lastSample(demand, Math.max(0, s - history), s) + 1;
            }
            double most = Double.NaN;
            for (int t = s; t <= s + window; t++) {
                int i = t - predictedFrom;
                if (i >= 0 && i < predicted.length) {
                    most = Double.isNaN(most) ? predicted[i] : Math.max(most, predicted[i]);
                }
            }
            if (!Double.isNaN(most) && s + w < n) {
                floors[s + w] = load.tracking().needed(most);
            }
        }
        return floors;
    }

    /** Crane lays the predicted period end to end as many times as whole periods were analysed (at least once). */
    private static double[] repeat(double[] period, int times) {
        int count = Math.max(1, times);
        double[] out = new double[period.length * count];
        for (int k = 0; k < count; k++) {
            System.arraycopy(period, 0, out, k * period.length, period.length);
        }
        return out;
    }

    /** The index of the last sample with data in {@code [from, to)}, or {@code to - 1} when there is none. */
    static int lastSample(double[] demand, int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            if (!Double.isNaN(demand[i])) {
                return i;
            }
        }
        return to - 1;
    }
}
