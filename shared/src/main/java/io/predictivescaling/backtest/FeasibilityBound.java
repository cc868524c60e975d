package io.predictivescaling.backtest;

import io.predictivescaling.common.Stats;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * For analysis only: how cheaply scheduled floors could hold under-provisioning to a target if they knew more
 * than any forecaster can. Each family of floors looks ahead by design (the demand of the interval itself, or
 * the median level of the intervals around it), and its margin, {@code k x level + b spare units}, is tuned in
 * hindsight on the whole trace. The same reactive policy runs on top, as in the backtest.
 *
 * <p>A forecast made a warm-up ahead knows less than these floors do, so if none of them reaches a cost, no
 * predictive policy will: the answer to "is this target reachable on this trace?" before tuning a forecaster.
 */
public final class FeasibilityBound {
    /** What a floor family knows, and the cheapest margin that met the target (NaN cost: none did). */
    public record Bound(String knows, double k, int spareUnits, double underProvisionedFraction, double costVsOracle) {

        public String describe() {
            if (Double.isNaN(costVsOracle)) {
                return String.format(Locale.ROOT, "%-58s no margin up to x4 + 4 units met the target", knows);
            }
            return String.format(
                    Locale.ROOT,
                    "%-58s x%.3f + %d units  under %.3f%%  cost %.3f x oracle",
                    knows,
                    k,
                    spareUnits,
                    100 * underProvisionedFraction,
                    costVsOracle);
        }
    }

    /** What the hour-level floors know: each clock hour's median demand, exactly (the "hour-level foresight"). */
    public static final String HOUR_LEVEL = "median of its own clock hour";

    /** The forecast's own row ({@link #ofForecast}): it knows only what a forecast a warm-up ahead knows. */
    public static final String FORECAST_LEVEL = "the forecast made a warm-up ahead (its P50)";

    private static final int[] HALF_WINDOWS = {0, 3, 6, 12};
    private static final int MAX_SPARE_UNITS = 4;
    private static final double MAX_K = 4;

    private FeasibilityBound() {}

    /** The cheapest hindsight-tuned floors of each family with under-provisioning at most {@code maxUnder}. */
    public static List<Bound> of(Trace trace, BacktestConfig config, double maxUnder) {
        return of(trace, config, maxUnder, Double.NaN);
    }

    /**
     * The same with target tracking at {@code trackingTarget} under the floors (NaN: the configured target), as
     * {@link Backtest#withTrackingTargetUnderFloors}: target tracking alone and the oracle stay at the configured one.
     */
    public static List<Bound> of(Trace trace, BacktestConfig config, double maxUnder, double trackingTarget) {
        List<Bound> bounds = new ArrayList<>();
        double[] demand = trace.demand();
        for (int w : HALF_WINDOWS) {
            String knows = w == 0
                    ? "the interval's own demand"
                    : String.format(Locale.ROOT, "median of the %d intervals around it (itself included)", 2 * w + 1);
            bounds.add(cheapest(trace, config, maxUnder, knows, centeredMedian(demand, w), trackingTarget));
        }
        bounds.add(cheapest(trace, config, maxUnder, HOUR_LEVEL, hourMedian(trace), trackingTarget));
        return bounds;
    }

    /**
     * The same sweep of margins ({@code k x level + b spare units}, tuned in hindsight) with the forecast as the
     * level: what a sizing of this forecast can reach at best, so its distance from {@link #HOUR_LEVEL} is the
     * forecast's own, whatever sizing candidates the product offers.
     *
     * @param predicted per interval of the trace, the point forecast behind its floor (made a warm-up ahead; the
     *     backtest timeline's {@code predicted}), NaN where there was none
     */
    public static Bound ofForecast(Trace trace, BacktestConfig config, double maxUnder, double[] predicted) {
        return ofForecast(trace, config, maxUnder, predicted, Double.NaN);
    }

    /** The same with target tracking at {@code trackingTarget} under the floors (NaN: the configured target). */
    public static Bound ofForecast(
            Trace trace, BacktestConfig config, double maxUnder, double[] predicted, double trackingTarget) {
        return cheapest(trace, config, maxUnder, FORECAST_LEVEL, predicted, trackingTarget);
    }

    private static Bound cheapest(
            Trace trace, BacktestConfig config, double maxUnder, String knows, double[] level, double trackingTarget) {
        Bound best = new Bound(knows, Double.NaN, 0, Double.NaN, Double.NaN);
        for (int b = 0; b <= MAX_SPARE_UNITS; b++) {
            // Under-provisioning falls as k grows: bisect for the smallest k that meets the target.
            double lo = 0;
            double hi = MAX_K;
            BacktestResult.PolicyStats atHi = replay(trace, config, level, hi, b, trackingTarget);
            if (atHi.underProvisionedFraction() > maxUnder) {
                continue;
            }
            for (int i = 0; i < 14; i++) {
                double mid = (lo + hi) / 2;
                BacktestResult.PolicyStats stats = replay(trace, config, level, mid, b, trackingTarget);
                if (stats.underProvisionedFraction() > maxUnder) {
                    lo = mid;
                } else {
                    hi = mid;
                    atHi = stats;
                }
            }
            if (Double.isNaN(best.costVsOracle()) || atHi.costVsOracle() < best.costVsOracle()) {
                best = new Bound(knows, hi, b, atHi.underProvisionedFraction(), atHi.costVsOracle());
            }
        }
        return best;
    }

    private static BacktestResult.PolicyStats replay(
            Trace trace, BacktestConfig config, double[] level, double k, int spareUnits, double trackingTarget) {
        int[] floors = new int[level.length];
        for (int s = 0; s < level.length; s++) {
            floors[s] = Double.isNaN(level[s])
                    ? 0
                    : (int) Math.ceil((k * level[s] + spareUnits * config.unit()) / config.unit() - 1e-9);
        }
        return Backtest.replaying(config, floors, trackingTarget)
                .run(trace, null)
                .policies()
                .get("predictive");
    }

    /** Median of the known values in [s - w, s + w]: the local level, looking ahead. */
    static double[] centeredMedian(double[] demand, int w) {
        double[] level = new double[demand.length];
        for (int s = 0; s < demand.length; s++) {
            double[] window = Arrays.stream(demand, Math.max(0, s - w), Math.min(demand.length, s + w + 1))
                    .toArray();
            level[s] = Stats.median(window);
        }
        return level;
    }

    private static double[] hourMedian(Trace trace) {
        double[] demand = trace.demand();
        double[] level = new double[demand.length];
        int s = 0;
        while (s < demand.length) {
            long hour = HourlyPeaks.hour(trace, s);
            int e = s;
            while (e < demand.length && HourlyPeaks.hour(trace, e) == hour) {
                e++;
            }
            Arrays.fill(level, s, e, Stats.median(demand, s, e));
            s = e;
        }
        return level;
    }
}
