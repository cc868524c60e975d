package io.predictivescaling.forecast;

import io.predictivescaling.metrics.RegularSeries;
import io.predictivescaling.patterns.LoadPatterns;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Predicts a metric's load at several horizons from its own history. The methods are chosen per series by
 * rolling-origin validation at the horizon asked for, so short horizons end up with methods that follow the
 * latest level (smoothing with error correction) and long ones with methods that lean on the daily and
 * weekly patterns. An hourly path is then raised for the next hours when the last two hours observed both came in
 * above what the methods forecast for them ({@link LevelCorrection}).
 */
public final class LoadPredictor {
    /** Fewer days than this and no seasonal method can be validated: predict the recent level. */
    static final int MIN_DAYS = 2;

    private final Duration revalidateEvery;
    private ValidatedEnsemble.Choice cached;
    private java.time.Instant cachedAt;
    private int cachedSteps;
    private int cachedDay;

    /** Validates and chooses methods on every call: what the Lambdas do, each run on fresh data. */
    public LoadPredictor() {
        this(Duration.ZERO);
    }

    /**
     * Re-validates at most every {@code revalidateEvery} of series time and reapplies the chosen methods in
     * between (stateful: one instance per series, one thread). The backtest uses this to replay a year fast.
     */
    public LoadPredictor(Duration revalidateEvery) {
        this.revalidateEvery = revalidateEvery;
    }

    /**
     * @param history regular, hourly or finer (5-minute for short horizons); gaps are NaN
     * @param horizons how far ahead, each at least one step of the series
     * @param patterns the metric's learned patterns, for the reason; may be null
     */
    public List<LoadPrediction> predict(RegularSeries history, List<Duration> horizons, LoadPatterns patterns) {
        return predict(history, horizons, patterns, java.util.Map.of());
    }

    /** @param confidence what feedback learned of each method (see {@link ValidatedEnsemble#choose}) */
    public List<LoadPrediction> predict(
            RegularSeries history,
            List<Duration> horizons,
            LoadPatterns patterns,
            java.util.Map<String, Double> confidence) {
        long stepSeconds = history.step().getSeconds();
        if (86_400 % stepSeconds != 0) {
            throw new IllegalArgumentException("the step must divide a day, got " + history.step());
        }
        int day = (int) (86_400 / stepSeconds);
        int steps = horizons.stream()
                .mapToInt(h -> stepsAhead(h, history.step()))
                .max()
                .orElse(0);
        if (steps == 0) {
            return List.of();
        }
        double[] y = GapFiller.fill(history.values(), day);
        if (y.length == 0) {
            throw new IllegalArgumentException("no data to predict from: every value is a gap");
        }
        int gaps = history.gapCount();
        String gapNote =
                gaps > 0 ? String.format(Locale.ROOT, "; %d of %d intervals were gaps", gaps, history.size()) : "";
        Forecast f = y.length >= MIN_DAYS * day + steps
                ? validated(y, day, steps, patterns, history.end(), confidence, history.values())
                : recentLevel(y, day, steps);
        List<LoadPrediction> predictions = new ArrayList<>();
        for (Duration horizon : horizons) {
            int k = stepsAhead(horizon, history.step()) - 1;
            predictions.add(new LoadPrediction(
                    history.end().plus(history.step().multipliedBy(k)),
                    horizon,
                    f.point[k],
                    f.lower[k],
                    f.upper[k],
                    LoadPrediction.confidenceOf(f.point[k], f.lower[k], f.upper[k]),
                    f.reason + gapNote,
                    f.signals));
        }
        return predictions;
    }

    /** Every step's prediction up to {@code horizon}: the hourly path to 48 h, say. */
    public List<LoadPrediction> path(RegularSeries history, Duration horizon, LoadPatterns patterns) {
        return path(history, horizon, patterns, java.util.Map.of());
    }

    public List<LoadPrediction> path(
            RegularSeries history, Duration horizon, LoadPatterns patterns, java.util.Map<String, Double> confidence) {
        List<Duration> horizons = new ArrayList<>();
        for (int k = 1; k <= stepsAhead(horizon, history.step()); k++) {
            horizons.add(history.step().multipliedBy(k));
        }
        return predict(history, horizons, patterns, confidence);
    }

    static int stepsAhead(Duration horizon, Duration step) {
        long s = step.getSeconds();
        return (int) Math.max(1, (horizon.getSeconds() + s - 1) / s);
    }

    private record Forecast(
            double[] point, double[] lower, double[] upper, String reason, java.util.Map<String, Double> signals) {}

    private Forecast validated(
            double[] y,
            int day,
            int steps,
            LoadPatterns patterns,
            java.time.Instant end,
            java.util.Map<String, Double> confidence,
            double[] raw) {
        ValidatedEnsemble.Choice choice;
        boolean fresh = cached == null
                || cachedSteps != steps
                || cachedDay != day
                || Duration.between(cachedAt, end).compareTo(revalidateEvery) >= 0;
        if (fresh) {
            int origins = Math.max(1, Math.min(8, (y.length - 2 * day) / steps));
            ValidatedEnsemble ensemble = Forecasters.ensemble(day, origins);
            choice = ensemble.choose(y, steps, confidence);
            if (!revalidateEvery.isZero()) {
                cached = choice;
                cachedAt = end;
                cachedSteps = steps;
                cachedDay = day;
            }
        } else {
            choice = cached.reapply(y);
        }
        String methods = choice.chosen().stream()
                .map(s -> String.format(Locale.ROOT, "%s %.0f%%", s.method().name(), 100 * s.weight()))
                .collect(Collectors.joining(" + "));
        java.util.Map<String, Double> signals = new java.util.LinkedHashMap<>();
        choice.chosen().forEach(c -> signals.merge("pattern:" + c.method().name(), c.weight(), Double::sum));
        double[] point = choice.forecast().clone();
        double[] lower = choice.lower().clone();
        double[] upper = choice.upper().clone();
        String reason = patternReason(patterns) + "methods: " + methods;
        // Hourly paths only (what floors are planned from): one 5-minute mean is too noisy a level. A gap (or an hour
        // left out of learning) among the last hours corrects nothing. Leading gaps are dropped from y, not its end.
        int n = raw.length;
        if (day == 24 && y.length > LevelCorrection.LAST_HOURS) {
            double factor = Double.POSITIVE_INFINITY;
            for (int j = 1; j <= LevelCorrection.LAST_HOURS; j++) {
                // The same methods j hours earlier: what they forecast for the hour observed then.
                double before =
                        choice.reapply(java.util.Arrays.copyOf(y, y.length - j)).forecast()[0];
                factor = Math.min(factor, LevelCorrection.factor(raw[n - j], before));
                if (factor <= 1) {
                    break; // no correction: the earlier hours need not be forecast again
                }
            }
            LevelCorrection.apply(factor, point, lower, upper);
            if (factor >= 1.05) {
                reason += String.format(
                        Locale.ROOT,
                        "; level corrected x%.2f fading over %d h (the last %d hours came in above their forecast)",
                        factor,
                        LevelCorrection.FADE_HOURS,
                        LevelCorrection.LAST_HOURS);
            }
        }
        return new Forecast(point, lower, upper, reason, signals);
    }

    /**
     * Too little history for seasonal methods: the mean of the last quarter day, with the P10-P90 interval of one new
     * value drawn like the ones it is the mean of: {@code mean +- t(0.9, w - 1) s sqrt(1 + 1/w)} for {@code w} values
     * of standard deviation {@code s} (the textbook prediction interval for one future observation from a normal
     * sample, e.g. G. J. Hahn and W. Q. Meeker, "Statistical Intervals", Wiley, 1991). So a flat load gets a narrow
     * band and a load that moved over those hours a wide one; on a level load with noise it covers 80%. The band was
     * {@code 1.28 s + 10%} of the level before: the 10%, a guess nothing validated, made floors on a flat load
     * (rds_cpu_utilization's first days) a unit above what target tracking held, for no interval served. With one
     * value there is no spread to measure, and the band is 10% of it.
     */
    private static Forecast recentLevel(double[] y, int day, int steps) {
        int window = Math.min(y.length, Math.max(1, day / 4));
        double sum = 0;
        for (int i = y.length - window; i < y.length; i++) {
            sum += y[i];
        }
        double mean = sum / window;
        double var = 0;
        for (int i = y.length - window; i < y.length; i++) {
            var += (y[i] - mean) * (y[i] - mean);
        }
        double spread = window < 2
                ? 0.1 * mean
                : new TDistribution(null, window - 1).inverseCumulativeProbability(0.9)
                        * Math.sqrt(var / (window - 1))
                        * Math.sqrt(1 + 1.0 / window);
        double[] point = new double[steps];
        double[] lower = new double[steps];
        double[] upper = new double[steps];
        for (int k = 0; k < steps; k++) {
            point[k] = mean;
            lower[k] = Math.max(0, mean - spread);
            upper[k] = mean + spread;
        }
        return new Forecast(
                point,
                lower,
                upper,
                String.format(
                        Locale.ROOT,
                        "only %d intervals of history (patterns need %d days): recent level",
                        y.length,
                        MIN_DAYS),
                java.util.Map.of("pattern:recent-level", 1.0));
    }

    private static String patternReason(LoadPatterns patterns) {
        if (patterns == null) {
            return "";
        }
        return "weekly pattern: " + patterns.peakDescription() + " peak; trend " + patterns.trendDescription() + "; ";
    }
}
