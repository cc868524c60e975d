package io.predictivescaling.forecast;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Chooses and combines methods per series by rolling-origin validation on that series' own history: each
 * candidate forecasts the last few windows it has not seen, and the best few by mean absolute error are
 * averaged with weights that favour the more accurate (combinations of simple seasonal methods, chosen per
 * series, are what did best among statistical methods in M4). The combination's own errors on those
 * windows give its quantiles, conformal-style and per horizon: the quantile of the errors it made that far
 * ahead (pooled with the neighbouring horizons), added to its forecast.
 */
public final class ValidatedEnsemble implements ForecastMethod {
    /** The interval covers from this quantile of past errors to its mirror (0.1: P10 to P90). */
    public static final double LOWER_QUANTILE = 0.1;
    /**
     * Validation errors understate future errors a little (the windows also chose the methods). Widening
     * by this factor brought P10-P90 coverage on held-out M4 Hourly data from 75% to about 80%.
     */
    static final double INTERVAL_WIDENING = 1.2;
    /**
     * Beyond P10 and P90 (the 95% interval's P2.5 and P97.5) the combination's errors are read from windows that
     * start one day apart, this many of them (split conformal prediction, Vovk, Gammerman and Shafer 2005,
     * "Algorithmic Learning in a Random World", with rolling origins): twice the eight windows of P10-P90 from
     * the same stretch of history, so that a series' own error size is measured on more of its days.
     */
    static final int TAIL_ORIGINS = 16;

    private final List<ForecastMethod> candidates;
    private final int origins;
    private final int keep;
    private final double widening;
    private final boolean relative;
    private final int period;

    /** With the default {@link #INTERVAL_WIDENING} on absolute errors, tails read per step (no period). */
    public ValidatedEnsemble(List<ForecastMethod> candidates, int origins, int keep) {
        this(candidates, origins, keep, INTERVAL_WIDENING, false, 0);
    }

    /**
     * With the default {@link #INTERVAL_WIDENING} on absolute errors, and quantiles beyond P10/P90 read from the
     * combination's errors on {@link #TAIL_ORIGINS} windows one day apart, scaled by their time of day (see
     * {@link Choice#quantile}).
     *
     * @param period steps per day (24 for hourly data); 0 reads the tails like P10/P90, per step
     */
    public ValidatedEnsemble(List<ForecastMethod> candidates, int origins, int keep, int period) {
        this(candidates, origins, keep, INTERVAL_WIDENING, false, period);
    }

    /**
     * @param origins how many past windows of the horizon's length each candidate forecasts
     * @param keep how many of the best candidates are combined
     * @param widening factor on the validation errors that make the quantiles (1: as seen)
     * @param relative errors as log ratios, {@code log(1 + actual) - log(1 + forecast)}, so quantiles scale
     *     with the forecast of each step (narrow at night, wide at the peak); else absolute differences
     */
    public ValidatedEnsemble(
            List<ForecastMethod> candidates, int origins, int keep, double widening, boolean relative) {
        this(candidates, origins, keep, widening, relative, 0);
    }

    private ValidatedEnsemble(
            List<ForecastMethod> candidates, int origins, int keep, double widening, boolean relative, int period) {
        if (period < 0) {
            throw new IllegalArgumentException("the period must be 0 (none) or the steps per day, got " + period);
        }
        this.candidates = List.copyOf(candidates);
        this.origins = origins;
        this.keep = keep;
        this.widening = widening;
        this.relative = relative;
        this.period = period;
    }

    /** One candidate's validation: its mean absolute error and its share of the combination. */
    public record Scored(ForecastMethod method, double error, double weight) {}

    /**
     * The combination chosen for a series.
     *
     * @param forecast the combined forecast, one value per step
     * @param lower P10 per step, from the combination's own validation errors (never below 0)
     * @param upper P90 per step
     * @param validationError the combination's mean absolute error on the validation windows
     * @param errors per step ahead, the combination's validation errors (actual minus forecast, or with
     *     {@code relative} their log ratio) at that step and its neighbours, widened, sorted ascending; empty
     *     when nothing could be validated
     * @param relative whether {@code errors} are log ratios
     * @param spread per step, the chosen methods' weighted standard deviation around {@code forecast} (0 with
     *     one method), in the series' units
     * @param daily the combination's errors on windows one day apart, for the tails beyond P10/P90 (read from
     *     the history it was chosen on the first time a tail is asked for); null without a period
     * @param period steps per day, for the tails beyond P10/P90; 0 reads them per step like P10/P90
     */
    public record Choice(
            List<Scored> chosen,
            double[] forecast,
            double[] lower,
            double[] upper,
            double validationError,
            double[][] errors,
            boolean relative,
            double[] spread,
            DailyErrors daily,
            int period) {

        /**
         * The {@code q} quantile of the outcome per step (never below 0). Between P10 and P90: the forecast
         * plus the {@code q} quantile of the errors made that far ahead; the 0.1 and 0.9 quantiles are
         * {@link #lower()} and {@link #upper()}. Beyond them, with a period (the 95% interval, scored by M4's
         * MSIS, Makridakis, Spiliotis and Assimakopoulos 2020, "The M4 Competition: 100,000 time series and 61
         * forecasting methods"): the errors of the {@link #TAIL_ORIGINS} windows one day apart, each divided by
         * the typical error at its time of day and day ahead, shaped partly by the forecast level of that step
         * ({@link TailErrors#TAIL_LEVEL_SHARE}); per day ahead, their {@code q} quantile (so the second day's tails may be
         * heavier or more lopsided than the first's), blended with the normal one ({@link TailErrors#TAIL_PRIOR_WINDOWS}),
         * times each step's typical error, combined in quadrature with the methods' disagreement
         * ({@link TailErrors#TAIL_SPREAD_WEIGHT}); never inside P10-P90. So the interval is as wide as this series' own
         * errors at that hour, at that load and that far ahead, and wider where its methods disagree.
         *
         * @param q in (0, 1)
         */
        public double[] quantile(double q) {
            if (!(q > 0 && q < 1)) {
                throw new IllegalArgumentException("a quantile must lie in (0, 1), got " + q);
            }
            double[] out = new double[forecast.length];
            boolean tail = q < LOWER_QUANTILE || q > 1 - LOWER_QUANTILE;
            double[][] rows = tail && period > 0 && daily != null ? daily.rows() : new double[0][];
            if (rows.length > 0) {
                return TailErrors.quantile(rows, period, forecast, lower, upper, spread, q);
            }
            for (int h = 0; h < out.length; h++) {
                out[h] = shift(forecast[h], ValidatedEnsemble.quantile(errors[h], q), relative);
            }
            return out;
        }

        /**
         * The same methods, weights and interval widths applied to a newer history: what a caller that
         * re-validates only now and then (the backtest, once a day) uses in between.
         */
        public Choice reapply(double[] history) {
            int horizon = forecast.length;
            double[] combined = new double[horizon];
            List<double[]> forecasts = new ArrayList<>();
            List<Double> weights = new ArrayList<>();
            double used = 0;
            for (Scored s : chosen) {
                double[] f = s.method().forecast(history, horizon);
                if (finite(f)) {
                    add(combined, f, s.weight());
                    forecasts.add(f);
                    weights.add(s.weight());
                    used += s.weight();
                }
            }
            if (used == 0) {
                Arrays.fill(combined, history.length == 0 ? 0 : history[history.length - 1]);
            } else {
                for (int h = 0; h < horizon; h++) {
                    combined[h] /= used;
                }
            }
            return bounded(
                    chosen,
                    combined,
                    validationError,
                    errors,
                    relative,
                    ValidatedEnsemble.spread(combined, forecasts, weights),
                    daily,
                    period);
        }
    }

    /** A choice whose P10 and P90 come from its errors. */
    static Choice bounded(
            List<Scored> chosen,
            double[] forecast,
            double validationError,
            double[][] errors,
            boolean relative,
            double[] spread,
            DailyErrors daily,
            int period) {
        int horizon = forecast.length;
        double[] lower = new double[horizon];
        double[] upper = new double[horizon];
        for (int h = 0; h < horizon; h++) {
            lower[h] = shift(forecast[h], quantile(errors[h], LOWER_QUANTILE), relative);
            upper[h] = Math.max(lower[h], shift(forecast[h], quantile(errors[h], 1 - LOWER_QUANTILE), relative));
        }
        return new Choice(chosen, forecast, lower, upper, validationError, errors, relative, spread, daily, period);
    }

    /**
     * The combination's errors (actual minus forecast, in the series' units) on up to {@link #TAIL_ORIGINS}
     * windows of the horizon's length that end one period apart, the latest ending at the end of the history,
     * each forecast by the chosen methods with their weights from the history before it. Worked out the first
     * time {@link #rows()} is called: planning reads only P10-P90 and never pays for them.
     */
    public static final class DailyErrors {
        private final double[] history;
        private final List<Scored> chosen;
        private final int horizon;
        private final int period;
        private final List<double[][]> validated;
        private double[][] rows;

        /**
         * @param validated per chosen method, its forecasts of the validation windows (row o from the history
         *     without its last {@code (o + 1) * horizon} steps, null where it had none): the windows both
         *     validations share are not forecast twice; empty when there are none
         */
        DailyErrors(double[] history, List<Scored> chosen, int horizon, int period, List<double[][]> validated) {
            this.history = history.clone();
            this.chosen = List.copyOf(chosen);
            this.horizon = horizon;
            this.period = period;
            this.validated = List.copyOf(validated);
        }

        /** One row per window, most recent first, one column per step ahead; empty when none fits the history. */
        public synchronized double[][] rows() {
            if (rows == null) {
                rows = compute();
            }
            return rows;
        }

        private double[][] compute() {
            int n = history.length;
            int need =
                    chosen.stream().mapToInt(s -> s.method().minHistory()).max().orElse(1);
            int windows = 0;
            while (windows < TAIL_ORIGINS && n - horizon - windows * period >= Math.max(1, need)) {
                windows++;
            }
            int[] ends = new int[windows];
            for (int o = 0; o < windows; o++) {
                ends[o] = n - horizon - o * period;
            }
            double[][] combined = new double[windows][horizon];
            for (int m = 0; m < chosen.size(); m++) {
                double[][] past = new double[windows][];
                List<Integer> missing = new ArrayList<>();
                for (int o = 0; o < windows; o++) {
                    past[o] = validatedForecast(m, ends[o]);
                    if (past[o] == null) {
                        missing.add(o);
                    }
                }
                if (!missing.isEmpty()) {
                    int[] todo = missing.stream().mapToInt(o -> ends[o]).toArray();
                    double[][] computed = chosen.get(m).method().forecastFrom(history, todo, horizon);
                    for (int i = 0; i < todo.length; i++) {
                        past[missing.get(i)] = computed[i];
                    }
                }
                for (int o = 0; o < windows; o++) {
                    add(combined[o], past[o], chosen.get(m).weight());
                }
            }
            List<double[]> out = new ArrayList<>();
            for (int o = 0; o < windows; o++) {
                double[] r = new double[horizon];
                for (int h = 0; h < horizon; h++) {
                    r[h] = history[ends[o] + h] - combined[o][h];
                }
                // a method that broke down on an old window leaves that window out
                if (finite(r)) {
                    out.add(r);
                }
            }
            return out.toArray(new double[0][]);
        }

        /** Method {@code m}'s forecast from the first {@code end} steps, if the validation made it; else null. */
        private double[] validatedForecast(int m, int end) {
            int back = history.length - end;
            if (m >= validated.size() || back % horizon != 0) {
                return null;
            }
            double[][] byOrigin = validated.get(m);
            int o = back / horizon - 1;
            return o < byOrigin.length ? byOrigin[o] : null;
        }
    }

    /** Per step, the weighted standard deviation of the methods' forecasts around their combination. */
    static double[] spread(double[] combined, List<double[]> forecasts, List<Double> weights) {
        double[] out = new double[combined.length];
        double total = weights.stream().mapToDouble(Double::doubleValue).sum();
        if (total <= 0) {
            return out;
        }
        for (int h = 0; h < combined.length; h++) {
            double sum = 0;
            for (int i = 0; i < forecasts.size(); i++) {
                double d = forecasts.get(i)[h] - combined[h];
                sum += weights.get(i) * d * d;
            }
            out[h] = Math.sqrt(sum / total);
        }
        return out;
    }

    /** A forecast moved by an error (a difference, or a log ratio), never below 0. */
    static double shift(double forecast, double error, boolean relative) {
        return Math.max(0, relative ? Math.expm1(Math.log1p(Math.max(0, forecast)) + error) : forecast + error);
    }

    @Override
    public String name() {
        return "validated-ensemble";
    }

    @Override
    public double[] forecast(double[] history, int horizon) {
        return choose(history, horizon).forecast();
    }

    public Choice choose(double[] history, int horizon) {
        return choose(history, horizon, java.util.Map.of());
    }

    /**
     * @param confidence what feedback has learned of each method ({@code pattern:<name>} in [0.05, 1]; absent
     *     means 1): a method's validation error is divided by it, so a method that keeps misleading in
     *     production loses rank and weight even when it validates well on history
     */
    public Choice choose(double[] history, int horizon, java.util.Map<String, Double> confidence) {
        int n = history.length;
        List<Scored> scored = new ArrayList<>();
        List<double[][]> pastForecasts = new ArrayList<>();
        for (ForecastMethod method : candidates) {
            if (!method.appliesTo(history)) {
                continue;
            }
            double[][] byOrigin = new double[origins][];
            double error = 0;
            int windows = 0;
            while (windows < origins && n - (windows + 1) * horizon >= method.minHistory()) {
                windows++;
            }
            int[] ends = new int[windows];
            for (int o = 0; o < windows; o++) {
                ends[o] = n - (o + 1) * horizon;
            }
            double[][] past = windows == 0 ? new double[0][] : method.forecastFrom(history, ends, horizon);
            for (int o = 0; o < windows; o++) {
                byOrigin[o] = past[o];
                error += meanAbsoluteError(history, ends[o], byOrigin[o]);
            }
            // a method that broke down (NaN or infinite on some window) is left out, not combined
            if (windows > 0 && Double.isFinite(error)) {
                scored.add(new Scored(method, error / windows, 0));
                pastForecasts.add(byOrigin);
            }
        }
        if (scored.isEmpty()) {
            return unvalidated(history, horizon);
        }
        Integer[] order = new Integer[scored.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        double[] effective = new double[scored.size()];
        for (int i = 0; i < effective.length; i++) {
            double trust = Math.max(
                    0.05,
                    confidence.getOrDefault("pattern:" + scored.get(i).method().name(), 1.0));
            effective[i] = scored.get(i).error() / trust;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> effective[i]));
        List<Integer> picked = new ArrayList<>();
        List<double[]> forecasts = new ArrayList<>();
        // a change too recent for the validation windows to show: the method that follows it forecasts alone
        for (int i = 0; i < scored.size() && picked.isEmpty(); i++) {
            if (scored.get(i).method().followsChangeValidationMissed(history)) {
                double[] f = scored.get(i).method().forecast(history, horizon);
                if (finite(f)) {
                    picked.add(i);
                    forecasts.add(f);
                }
            }
        }
        boolean led = !picked.isEmpty();
        for (int r = 0; !led && r < order.length && picked.size() < keep; r++) {
            double[] f = scored.get(order[r]).method().forecast(history, horizon);
            if (finite(f)) {
                picked.add(order[r]);
                forecasts.add(f);
            }
        }
        if (picked.isEmpty()) {
            throw new IllegalArgumentException("no method gave a finite forecast for a history of " + n + " steps");
        }
        double best = Math.max(effective[picked.get(0)], 1e-9);
        double total = 0;
        for (int i : picked) {
            total += best / Math.max(effective[i], best);
        }
        List<Scored> chosen = new ArrayList<>();
        double[] combined = new double[horizon];
        double[][] combinedPast = new double[origins][];
        for (int r = 0; r < picked.size(); r++) {
            Scored s = scored.get(picked.get(r));
            double w = best / Math.max(effective[picked.get(r)], best) / total;
            chosen.add(new Scored(s.method(), s.error(), w));
            add(combined, forecasts.get(r), w);
            double[][] past = pastForecasts.get(picked.get(r));
            for (int o = 0; o < origins; o++) {
                if (past[o] == null || (r > 0 && combinedPast[o] == null)) {
                    combinedPast[o] = null;
                    continue;
                }
                if (r == 0) {
                    combinedPast[o] = new double[horizon];
                }
                add(combinedPast[o], past[o], w);
            }
        }
        List<double[][]> chosenPast = picked.stream().map(pastForecasts::get).toList();
        return withInterval(history, chosen, combined, combinedPast, forecasts, chosenPast);
    }

    /**
     * History too short to validate any method on a past window (less than the shortest method's
     * {@link ForecastMethod#minHistory()} plus one horizon), yet long enough for some: the first {@code keep}
     * of those, equally weighted, with no interval (P10 = P90 = the forecast) and a NaN validation error.
     * Keeps the {@link #minHistory()} this ensemble declares.
     */
    private Choice unvalidated(double[] history, int horizon) {
        List<Scored> chosen = new ArrayList<>();
        List<double[]> forecasts = new ArrayList<>();
        for (ForecastMethod method : candidates) {
            if (chosen.size() < keep && method.minHistory() <= history.length && method.appliesTo(history)) {
                double[] f = method.forecast(history, horizon);
                if (finite(f)) {
                    chosen.add(new Scored(method, Double.NaN, 0));
                    forecasts.add(f);
                }
            }
        }
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("history of " + history.length + " steps is too short for every"
                    + " method: they need at least " + minHistory());
        }
        double[] combined = new double[horizon];
        for (int r = 0; r < chosen.size(); r++) {
            chosen.set(r, new Scored(chosen.get(r).method(), Double.NaN, 1.0 / chosen.size()));
            add(combined, forecasts.get(r), 1.0 / chosen.size());
        }
        return withInterval(history, chosen, combined, new double[origins][], forecasts, List.of());
    }

    private Choice withInterval(
            double[] history,
            List<Scored> chosen,
            double[] forecast,
            double[][] past,
            List<double[]> members,
            List<double[][]> membersPast) {
        int n = history.length;
        int horizon = forecast.length;
        List<double[]> residuals = new ArrayList<>();
        double error = 0;
        int windows = 0;
        for (int o = 0; o < past.length; o++) {
            if (past[o] == null) {
                continue;
            }
            int origin = n - (o + 1) * horizon;
            double[] r = new double[horizon];
            for (int h = 0; h < horizon; h++) {
                r[h] = relative
                        ? Math.log1p(Math.max(0, history[origin + h])) - Math.log1p(Math.max(0, past[o][h]))
                        : history[origin + h] - past[o][h];
            }
            residuals.add(r);
            error += meanAbsoluteError(history, origin, past[o]);
            windows++;
        }
        double[][] errors = new double[horizon][];
        int band = Math.max(2, horizon / 8);
        for (int h = 0; h < horizon; h++) {
            List<Double> pool = new ArrayList<>();
            for (double[] r : residuals) {
                for (int k = Math.max(0, h - band); k <= Math.min(horizon - 1, h + band); k++) {
                    pool.add(widening * r[k]);
                }
            }
            errors[h] = pool.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        }
        return bounded(
                chosen,
                forecast,
                windows == 0 ? Double.NaN : error / windows,
                errors,
                relative,
                spread(forecast, members, chosen.stream().map(Scored::weight).toList()),
                period > 0 ? new DailyErrors(history, chosen, horizon, period, membersPast) : null,
                period);
    }

    static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(sorted.length - 1, below + 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    private static double meanAbsoluteError(double[] history, int origin, double[] forecast) {
        double sum = 0;
        for (int h = 0; h < forecast.length; h++) {
            sum += Math.abs(history[origin + h] - forecast[h]);
        }
        return sum / forecast.length;
    }

    private static boolean finite(double[] values) {
        for (double v : values) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    private static void add(double[] into, double[] values, double weight) {
        for (int i = 0; i < into.length; i++) {
            into[i] += weight * values[i];
        }
    }

    @Override
    public int minHistory() {
        return candidates.stream().mapToInt(ForecastMethod::minHistory).min().orElse(1);
    }
}
