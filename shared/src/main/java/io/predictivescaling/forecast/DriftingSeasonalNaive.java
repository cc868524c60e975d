package io.predictivescaling.forecast;

/**
 * Seasonal naive for a daily pattern whose timing drifts: a peak that comes about an hour earlier (or later)
 * each day, as daylight-driven loads and sensor series do over the seasons. The lag that best maps the previous
 * {@link #FIT_DAYS} days onto the last {@link #FIT_DAYS} is found among the period and the lags up to
 * {@link #MAX_DRIFT} of a period shorter or longer, in steps of {@link #DRIFT_STEP} of a period but at least one
 * sample (so 22, 23, 25 and 26 h for hourly data; half hours from 22 to 26 h for 30-minute and finer data; values
 * between samples interpolated linearly); the last {@code seasons} cycles at
 * that lag, averaged, are then carried forward, each forecast cycle drifting again by the same amount. A lag other
 * than the period is taken only when it fits at least {@link #MIN_GAIN} better; a pattern that holds still
 * would be forecast as plain seasonal naive (one season) or a mean daily profile, so the method then stands
 * aside ({@link #appliesTo}). A drift that began within the last week also takes the ensemble's choice over
 * ({@link #followsChangeValidationMissed}).
 */
public record DriftingSeasonalNaive(int period, int seasons, String name) implements ForecastMethod {
    /** The largest drift looked for, as a share of the period (1/12: two hours a day). */
    static final double MAX_DRIFT = 1.0 / 12;
    /** The drift's resolution, as a share of the period (1/48: half an hour a day), never finer than one sample. */
    static final double DRIFT_STEP = 1.0 / 48;
    /** How many of the last cycles the lag is fitted on. */
    static final int FIT_DAYS = 2;
    /** A drifting lag must lower the fit's mean absolute error by this share to replace the period. */
    static final double MIN_GAIN = 0.2;
    /** A drift counts as new only when its lag fits this much better than the period (0.8: five times closer). */
    static final double NEW_DRIFT_GAIN = 0.8;
    /** ... and when, some day in the week before, no drifting lag fitted better than this share of the period's error. */
    static final double STILL_RATIO = 0.8;

    public DriftingSeasonalNaive {
        if (period < 2 || seasons < 1) {
            throw new IllegalArgumentException(
                    "need a period of at least 2 steps and at least 1 season, got " + period + ", " + seasons);
        }
    }

    @Override
    public double[] forecast(double[] history, int horizon) {
        int n = history.length;
        double lag = lag(history);
        double[] x = java.util.Arrays.copyOf(history, n + horizon);
        for (int h = 0; h < horizon; h++) {
            int t = n + h;
            // like seasonal naive, step h looks back whole cycles to the last one observed (its tail may be
            // interpolated with the first forecast step), then seasons - 1 more
            int first = (int) Math.floor(h / lag) + 1;
            double sum = 0;
            int count = 0;
            for (int j = first; j < first + seasons && t - j * lag >= 0; j++) {
                sum += at(x, t - j * lag);
                count++;
            }
            x[t] = count == 0 ? history[n - 1] : sum / count;
        }
        return java.util.Arrays.copyOfRange(x, n, n + horizon);
    }

    /** The lag (in steps, maybe fractional) that best maps the cycles before the last {@link #FIT_DAYS} onto them. */
    double lag(double[] x) {
        double[] fit = fit(x, x.length);
        // A flat series fits every lag exactly (both errors 0): that is no drift.
        return fit.length > 0 && fit[0] > 0 && fit[1] <= (1 - MIN_GAIN) * fit[0] ? fit[2] : period;
    }

    /**
     * Only while the pattern drifts (the fitted lag is not the period): otherwise this would be plain daily naive
     * or a mean daily profile, which the other candidates already cover (and a 3-day mean profile left the Twitter
     * trace's backtest more often under-provisioned).
     */
    @Override
    public boolean appliesTo(double[] history) {
        return lag(history) != period;
    }

    /**
     * Whether the pattern started drifting within the last week, too recently for validation on past windows to
     * have seen it: the best drifting lag fits the last {@link #FIT_DAYS} cycles at least {@link #NEW_DRIFT_GAIN}
     * better than the period, and on one of the days {@link #FIT_DAYS} to 7 before, the period fitted about as
     * well as any drift ({@link #STILL_RATIO}). Only the one-season form says so: the cycles before the last
     * predate the drift. On six inner M4 Hourly windows (2,484 series-windows) it flagged 4, each of which it
     * forecast 3 to 30 times closer than the validated combination, and no other.
     */
    @Override
    public boolean followsChangeValidationMissed(double[] x) {
        if (seasons != 1) {
            return false;
        }
        double[] now = fit(x, x.length);
        if (now.length == 0 || !(now[0] > 0 && now[1] <= (1 - NEW_DRIFT_GAIN) * now[0])) {
            return false;
        }
        for (int back = FIT_DAYS; back <= 7; back++) {
            double[] then = fit(x, x.length - back * period);
            if (then.length > 0 && then[1] >= STILL_RATIO * then[0]) {
                return true;
            }
        }
        return false;
    }

    /**
     * Over the {@link #FIT_DAYS} cycles before {@code end}: the mean absolute error of the value one period
     * before, that of the best other lag, and that lag; empty when the history is too short to tell.
     */
    private double[] fit(double[] x, int end) {
        double step = Math.max(1, period * DRIFT_STEP);
        int maxSteps = (int) Math.floor(period * MAX_DRIFT / step);
        int fit = FIT_DAYS * period;
        if (end < fit + period + maxSteps * step + 1) {
            return new double[0];
        }
        double atPeriod = fitError(x, end, period, fit);
        double best = Double.POSITIVE_INFINITY;
        double bestLag = period;
        for (int k = -maxSteps; k <= maxSteps; k++) {
            double lag = period + k * step;
            if (k == 0 || lag < 1) {
                continue;
            }
            double e = fitError(x, end, lag, fit);
            if (e < best) {
                best = e;
                bestLag = lag;
            }
        }
        return new double[] {atPeriod, best, bestLag};
    }

    private static double fitError(double[] x, int end, double lag, int fit) {
        double sum = 0;
        for (int t = end - fit; t < end; t++) {
            sum += Math.abs(x[t] - at(x, t - lag));
        }
        return sum / fit;
    }

    /** The series at a fractional index, linearly interpolated. */
    private static double at(double[] x, double index) {
        int lo = (int) Math.floor(index);
        double frac = index - lo;
        return frac == 0 ? x[lo] : x[lo] + frac * (x[lo + 1] - x[lo]);
    }

    @Override
    public int minHistory() {
        return period;
    }
}
