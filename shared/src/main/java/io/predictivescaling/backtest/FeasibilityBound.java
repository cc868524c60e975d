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

    /**
     * How much foresight a forecast lacks: the smallest share {@code w} of each clock hour's gap between the forecast
     * and that hour's median demand ({@link #HOUR_LEVEL}) the forecast would have to know in advance, {@code f + w
     * (hour median - f)} per interval, for its floors, margin tuned in hindsight as in {@link #ofForecast}, to cost
     * at most {@code (1 + within)} times the hour-level row's cost. It turns "the forecast sizes N% above hour-level
     * foresight" into a forecasting target: the hour-level error the forecast would need, so a gap a better
     * forecaster could close reads apart from one only foresight of the hour could (news-driven bursts).
     *
     * <p>Found by bisection on {@code w} to within 1/64 (cost falls as {@code w} grows, give or take the margin
     * grid's steps, so the share is approximate); about 8 replays of {@link #ofForecast}'s sweep.
     *
     * @param predicted per interval, the point forecast behind its floor (NaN where there was none; left NaN)
     * @param forecast {@link #ofForecast} of {@code predicted}, already computed (its cost is the share-0 end)
     * @param hourLevel the {@link #HOUR_LEVEL} row of {@link #of} for the same trace, configuration and target
     * @param within allowed cost above hour-level foresight, a fraction (0.03 for +3%)
     * @return share 0 when the forecast already sizes within, NaN when even {@code w = 1} does not (or the hour-level
     *     row met no target); its error is the hour-level WAPE, {@code sum |hour median - forecast| / sum hour
     *     median} over intervals with both
     */
    public static ForesightNeeded foresightNeeded(
            Trace trace,
            BacktestConfig config,
            double maxUnder,
            double[] predicted,
            Bound forecast,
            Bound hourLevel,
            double within,
            double trackingTarget) {
        double[] hour = hourMedian(trace);
        double wape = wape(hour, predicted);
        double goal = (1 + within) * hourLevel.costVsOracle();
        if (Double.isNaN(goal) || Double.isNaN(wape)) {
            return new ForesightNeeded(within, Double.NaN, wape, forecast);
        }
        if (forecast.costVsOracle() <= goal) {
            return new ForesightNeeded(within, 0, wape, forecast);
        }
        Bound atHi = ofForecast(trace, config, maxUnder, blend(predicted, hour, 1), trackingTarget);
        if (!(atHi.costVsOracle() <= goal)) {
            return new ForesightNeeded(within, Double.NaN, wape, atHi);
        }
        double lo = 0;
        double hi = 1;
        for (int i = 0; i < 6; i++) {
            double mid = (lo + hi) / 2;
            Bound b = ofForecast(trace, config, maxUnder, blend(predicted, hour, mid), trackingTarget);
            if (b.costVsOracle() <= goal) {
                hi = mid;
                atHi = b;
            } else {
                lo = mid;
            }
        }
        return new ForesightNeeded(within, hi, wape, atHi);
    }

    /**
     * {@link #foresightNeeded}'s answer.
     *
     * @param within the allowed cost above hour-level foresight, a fraction
     * @param share the share of each hour's gap to its median the forecast must know, in [0, 1]; NaN: not even all
     * @param wape the forecast's hour-level WAPE today, a fraction; the needed one is {@code (1 - share) x wape}
     * @param reached the forecast row's bound at that share (or at share 1 when NaN)
     */
    public record ForesightNeeded(double within, double share, double wape, Bound reached) {
        /** One line for the {@code bound} command. */
        public String describe() {
            String percent = String.format(Locale.ROOT, "%+.1f", 100 * within).replaceAll("\\.0$", "");
            String goal = "within " + percent + "% of hour-level foresight";
            if (share == 0) {
                return "the forecast already sizes " + goal + " (margin tuned in hindsight)";
            }
            if (Double.isNaN(wape)) {
                return "no interval had both a forecast and a known hour median: no foresight share to give";
            }
            if (Double.isNaN(share)) {
                return "even a forecast that knew each clock hour's median in advance would not size " + goal;
            }
            return String.format(
                    Locale.ROOT,
                    "to size %s even with margins tuned in hindsight, the forecast would have to know %.0f%% of each"
                            + " hour's gap to the hour's median in advance: hour-level WAPE %.1f%% -> %.1f%%",
                    goal,
                    100 * share,
                    100 * wape,
                    100 * (1 - share) * wape);
        }
    }

    private static double[] blend(double[] predicted, double[] hour, double w) {
        double[] out = new double[predicted.length];
        for (int s = 0; s < out.length; s++) {
            out[s] = Double.isNaN(hour[s]) ? predicted[s] : predicted[s] + w * (hour[s] - predicted[s]);
        }
        return out;
    }

    private static double wape(double[] hour, double[] predicted) {
        double gap = 0;
        double total = 0;
        for (int s = 0; s < hour.length; s++) {
            if (!Double.isNaN(hour[s]) && !Double.isNaN(predicted[s])) {
                gap += Math.abs(hour[s] - predicted[s]);
                total += hour[s];
            }
        }
        return total > 0 ? gap / total : Double.NaN;
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
