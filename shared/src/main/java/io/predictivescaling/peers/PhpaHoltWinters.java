package io.predictivescaling.peers;

import java.util.ArrayDeque;

/**
 * The Predictive Horizontal Pod Autoscaler's Holt-Winters model (jthomperoo/predictive-horizontal-pod-autoscaler,
 * {@code docs/user-guide/models.md}, {@code internal/controllers/controller.go}, {@code
 * internal/prediction/holtwinters/holtwinters.go}): at every sync it records the replicas the HPA calculates from the
 * current metric (ceil(load / (target x unit))), keeps {@code storedSeasons} whole seasons of them (pruning only whole
 * seasons, so between 4 and 5 seasons are kept), forecasts the next sync's replicas with additive {@link HoltWinters},
 * rounded up, once it has 2 seasons, and scales to the larger of forecast and calculated replicas ({@code decisionType}
 * {@code maximum}, the default). As in the documented example: 4 stored seasons, additive trend and season; the
 * smoothing constants have no default, see {@link #documented()} and {@link #midRange()}. The sync period is the
 * trace's interval and the season a day of them.
 * Here the calculated replicas are the target tracking underneath, and the forecast is a floor decided at each
 * interval's end whose units serve after the warm-up.
 *
 * <p>The released controller sorts the stored history newest first when it prunes and appends the next value after
 * it, so the model sees the series out of order; this replays the series in time order, as the documentation
 * describes it, which can only help the peer.
 */
public final class PhpaHoltWinters implements PeerPolicy {
    /** The documented example's smoothing constants (alpha = beta = gamma = 0.9). */
    static final double DOCUMENTED = 0.9;
    /** Mid-range smoothing constants (Chatfield and Yar, "Holt-Winters forecasting: some practical issues", 1988). */
    static final double MID_RANGE = 0.2;

    static final int STORED_SEASONS = 4;

    private final String name;
    private final double alpha;
    private final double beta;
    private final double gamma;

    /** @param name the row's name; the constants are statsmodels' smoothing_level, _trend and _seasonal */
    PhpaHoltWinters(String name, double alpha, double beta, double gamma) {
        this.name = name;
        this.alpha = alpha;
        this.beta = beta;
        this.gamma = gamma;
    }

    /**
     * The documented example's constants. They lie outside additive Holt-Winters' forecastable region (gamma must
     * stay below 1 - alpha: Hyndman et al. 2008, section 10.2), harmless on the example's 6-sync season but growing
     * errors from season to season on a day of syncs, so this row shows what copying the example does.
     */
    public static PhpaHoltWinters documented() {
        return new PhpaHoltWinters("phpa-holt-winters", DOCUMENTED, DOCUMENTED, DOCUMENTED);
    }

    /**
     * The same model with constants inside the forecastable region, chosen without looking at any trace: 0.2 each, the
     * middle of the 0.1-0.3 range practice recommends (Chatfield and Yar 1988). What a PHPA user who tuned a little
     * might run.
     */
    public static PhpaHoltWinters midRange() {
        return new PhpaHoltWinters("phpa-hw-0.2", MID_RANGE, MID_RANGE, MID_RANGE);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String summary() {
        return "Predictive HPA, Holt-Winters (alpha = beta = gamma = " + alpha + ")";
    }

    @Override
    public int[] floors(Load load) {
        double[] demand = load.demand();
        int n = demand.length;
        int[] floors = new int[n];
        int m = (int) Math.max(1, 86_400 / load.stepSeconds());
        int w = load.warmupIntervals();
        ArrayDeque<Double> replicas = new ArrayDeque<>();
        double[] series = new double[(STORED_SEASONS + 1) * m];
        for (int s = 0; s < n; s++) {
            if (Double.isNaN(demand[s])) {
                continue; // no metric, no sync: the HPA does not calculate
            }
            replicas.addLast((double) load.tracking().needed(demand[s]));
            int target = s + 1 + w;
            if (replicas.size() >= HoltWinters.minimumLength(m) && target < n) {
                int i = 0;
                for (double r : replicas) {
                    series[i++] = r;
                }
                double forecast = HoltWinters.oneStepAhead(java.util.Arrays.copyOf(series, i), m, alpha, beta, gamma);
                floors[target] = (int) Math.max(0, Math.ceil(forecast));
            }
            int extraSeasons = replicas.size() / m - STORED_SEASONS;
            for (int k = 0; k < extraSeasons * m; k++) {
                replicas.pollFirst();
            }
        }
        return floors;
    }
}
