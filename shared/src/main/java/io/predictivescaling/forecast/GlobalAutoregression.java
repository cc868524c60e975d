package io.predictivescaling.forecast;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A global linear autoregression for hourly series: one linear map, learned across many series' windows, from the
 * last week of hours to the next 48 hours, all divided by the last week's mean and taken in logs (see {@link
 * GlobalArModel}). Forecasts beyond the map's horizon feed its own forecast back in; shorter ones are cut.
 *
 * <p>What it brings that the per-series methods lack: shapes seen across hundreds of series (how a week's dip or a
 * growing daily peak tends to go on), learned from far more windows than one series holds. Montero-Manso and Hyndman
 * (2021, "Principles and algorithms for forecasting groups of time series: locality and globality", International
 * Journal of Forecasting 37(4)) show such a single global linear autoregression of high order, on per-series
 * normalised windows, is competitive on M4 with the best local methods.
 *
 * <p>The default model ({@code global-ar-hourly.csv.gz} in this package's resources) was fitted with {@code
 * predictive-scaling train} on the M4 Hourly training file only (no M4 test values), see the README. It is used for
 * hourly series only ({@code day == 24}); for any other step {@link #appliesTo} is false, so {@link
 * ValidatedEnsemble} never chooses it, and {@link #forecast} repeats the last day.
 */
public final class GlobalAutoregression implements ForecastMethod {
    private final int day;
    private final String name;
    private final Supplier<GlobalArModel> model;
    private final AtomicBoolean warned = new AtomicBoolean();

    /**
     * @param day steps per day of the series it will be given; the method applies only when this is 24
     * @param name the name it reports (and the ensemble shows), e.g. {@code global-ar}
     * @param model where its coefficients come from, asked on first use (the default model loads lazily; if it
     *     throws an {@link IllegalStateException} the method stands aside: {@link #appliesTo} false, logged once)
     */
    public GlobalAutoregression(int day, String name, Supplier<GlobalArModel> model) {
        this.day = day;
        this.name = name;
        this.model = model;
    }

    /** The method with the default hourly model, named {@code global-ar}. */
    public static GlobalAutoregression hourly(int day) {
        return new GlobalAutoregression(day, "global-ar", GlobalArModel::hourlyDefault);
    }

    /** The same method with another model (e.g. one {@code predictive-scaling train} wrote). */
    public GlobalAutoregression withModel(GlobalArModel other) {
        return new GlobalAutoregression(day, name, () -> other);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean appliesTo(double[] history) {
        if (day != 24) {
            return false;
        }
        GlobalArModel m = model();
        return m != null && history.length >= m.lags() && GlobalArModel.usable(m.scale(history, history.length));
    }

    @Override
    public double[] forecast(double[] history, int horizon) {
        int n = history.length;
        if (!appliesTo(history) || isFlat(history, n - model().lags())) {
            // not its business (or a flat window, where the flat forecast is exact): the last day again
            return new SeasonalNaive(Math.min(day, n), name).forecast(history, horizon);
        }
        GlobalArModel m = model();
        double[] y = Arrays.copyOf(history, n + horizon);
        for (int done = 0; done < horizon; done += m.horizon()) {
            double[] next = m.apply(y, n + done);
            System.arraycopy(next, 0, y, n + done, Math.min(next.length, horizon - done));
        }
        return Arrays.copyOfRange(y, n, n + horizon);
    }

    /**
     * The model, or null when it cannot be loaded (the bundled resource missing or corrupt): the method then stands
     * aside ({@link #appliesTo} false, so the ensemble uses the other methods) and says why once, rather than failing
     * every forecast.
     */
    private GlobalArModel model() {
        try {
            return model.get();
        } catch (IllegalStateException e) {
            if (!warned.getAndSet(true)) {
                System.getLogger(GlobalAutoregression.class.getName())
                        .log(System.Logger.Level.WARNING, name + " stands aside: " + e.getMessage());
            }
            return null;
        }
    }

    private static boolean isFlat(double[] y, int from) {
        for (int i = Math.max(0, from) + 1; i < y.length; i++) {
            if (y[i] != y[i - 1]) {
                return false;
            }
        }
        return true;
    }

    /** The model's lags (168 for the default) when the method applies; a day otherwise. */
    @Override
    public int minHistory() {
        GlobalArModel m = day == 24 ? model() : null;
        return m != null ? m.lags() : day;
    }

    @Override
    public String toString() {
        return name;
    }
}
