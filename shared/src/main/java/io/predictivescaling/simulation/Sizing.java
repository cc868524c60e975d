package io.predictivescaling.simulation;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * How floors are sized: which quantile of the predicted load they cover, at which utilization, and how many whole
 * units on top of each busy hour's need.
 *
 * @param quantile the predicted-load quantile the floors cover (0.8: the P80)
 * @param floorUtilization the utilization the floors are sized for, in (0, 1]
 * @param spare whole units added to each hour the forecast expects load in (0: none)
 */
public record Sizing(double quantile, double floorUtilization, int spare) {
    public Sizing {
        if (spare < 0) {
            throw new IllegalArgumentException("spare units must not be negative, got " + spare);
        }
    }

    /** A sizing without spare units. */
    public Sizing(double quantile, double floorUtilization) {
        this(quantile, floorUtilization, 0);
    }

    /** E.g. "P90 at 80%": the P90 of the predicted load, sized for 80% utilization; "P50 at 80% +2 units". */
    public String label() {
        return String.format(Locale.ROOT, "P%.0f at %.0f%%", 100 * quantile, 100 * floorUtilization)
                + (spare > 0 ? " +" + spare + " units" : "");
    }

    /** The predicted-load quantiles sizings cover: the median, and three steps up the forecast's band. */
    public static final List<Double> QUANTILES = List.of(0.5, 0.65, 0.8, 0.9);

    /** Steps from the target utilization to full (1.0): the target, a third, two thirds and all of the way. */
    public static final int UTILIZATION_STEPS = 3;

    /** The most whole spare units a candidate adds on top of each busy hour's need. */
    public static final int MAX_SPARE = 3;

    /**
     * What sizing tuning chooses from (the backtest's daily tuning, the {@code bound} command's cheapest sizing and
     * the Lambdas' sizing tuner use the same): every quantile in {@link #QUANTILES} at each of four utilizations,
     * from the target to 1.0 (full) in {@link #UTILIZATION_STEPS} even steps, where there is a margin besides the
     * forecast's band (below full, see {@link #hasMargin}); and, at the two highest utilizations, the same with 1 to
     * {@link #MAX_SPARE} whole spare units on top: 12 + 24 = 36 sizings, in that order
     * (by quantile, then utilization from the target up, then spare units).
     *
     * <p>Why this shape: the margin over the forecast's median can come from three places, and the grid offers
     * each on its own and the useful mixes. A higher quantile buys margin where the forecast is unsure; a lower
     * utilization buys it in proportion to the load; spare units buy the same few units at night as at the peak,
     * which is what bursts inside an hour need (hindsight floors show it too: the {@code bound} command tunes
     * {@code k x level + b units}). A forecast good enough to need little margin is offered little: the median at
     * 90% or 100% plus a unit. On nyc_taxi the cheapest sizing within 0.5% under-provisioned is now the P50 at 90%
     * (0.359%, 1.020x the oracle, 1.3% above hour-level foresight, on session 7's engine), where the grid before this one (11 sizings, the
     * median only at 80% +2 units and 100% +3 units) offered the P80 at 90% (1.042x, +3.4%). Spare units are offered only where the proportional margin is
     * thin (two thirds of the way to full and above): below that, the utilization headroom already covers a few
     * units at the peak and spare units would only add cost at night.
     *
     * @param targetUtilization target tracking's utilization, in (0, 1]
     * @return the candidates, without duplicates (at a target of 1.0 the four utilizations coincide)
     */
    public static List<Sizing> candidates(double targetUtilization) {
        LinkedHashSet<Sizing> all = new LinkedHashSet<>();
        for (double q : QUANTILES) {
            for (int step = 0; step <= UTILIZATION_STEPS; step++) {
                Sizing z = new Sizing(q, utilization(targetUtilization, step));
                if (z.hasMargin()) {
                    all.add(z);
                }
            }
        }
        for (double q : QUANTILES) {
            for (int step = UTILIZATION_STEPS - 1; step <= UTILIZATION_STEPS; step++) {
                for (int spare = 1; spare <= MAX_SPARE; spare++) {
                    all.add(new Sizing(q, utilization(targetUtilization, step), spare));
                }
            }
        }
        return List.copyOf(all);
    }

    /**
     * Whether the floors carry a margin that does not rest on the forecast's own band: utilization below full, or
     * spare units. A quantile above the median is margin only as far as the band is right, and the band is learned on
     * ordinary hours: at a known event or a ramp, where the forecast is least sure, floors at full utilization without
     * a spare unit leave every miss to target tracking's warm-up. Offered, they were chosen for ordinary weeks and
     * then covered nothing at the events: in the game-release scenario the P65 at 100% planned 92% of the replay and
     * the release's events, 7% more capacity, no longer cut under-provisioning at all.
     */
    public boolean hasMargin() {
        return floorUtilization < 1.0 || spare > 0;
    }

    /** {@code step} of {@link #UTILIZATION_STEPS} of the way from the target to full; exactly 1.0 at the last. */
    static double utilization(double targetUtilization, int step) {
        return step == UTILIZATION_STEPS ? 1.0 : targetUtilization + step * (1 - targetUtilization) / UTILIZATION_STEPS;
    }
}
