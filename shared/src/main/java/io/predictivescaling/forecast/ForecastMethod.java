package io.predictivescaling.forecast;

/** One way to extend a regular series into the future. Implementations are pure and thread-safe. */
public interface ForecastMethod {

    /** A short name for reasons and reports, e.g. {@code weekly-profile}. */
    String name();

    /**
     * @param history the series, oldest first, regular steps, no gaps (callers fill them), values finite
     * @param horizon how many steps ahead
     * @return {@code horizon} finite values, one per step ahead
     */
    double[] forecast(double[] history, int horizon);

    /**
     * What {@link #forecast} would say from each of several earlier points of the same history (the
     * rolling-origin validation of {@link ValidatedEnsemble}): for each {@code ends[i]}, the forecast from the
     * first {@code ends[i]} values. A method that can share work between the origins (one filter pass for all
     * of them) overrides this; its results must equal the one-by-one forecasts.
     *
     * @param ends prefix lengths, each at least {@link #minHistory()} and at most {@code history.length}
     */
    default double[][] forecastFrom(double[] history, int[] ends, int horizon) {
        double[][] out = new double[ends.length][];
        for (int i = 0; i < ends.length; i++) {
            out[i] = forecast(java.util.Arrays.copyOf(history, ends[i]), horizon);
        }
        return out;
    }

    /**
     * Whether this method has something of its own to say about {@code history}: one that would only repeat
     * another candidate (a drift-following method when the pattern holds still) returns false and is left out of
     * {@link ValidatedEnsemble}'s validation and choice for this history. Default: always.
     */
    default boolean appliesTo(double[] history) {
        return true;
    }

    /**
     * Whether the latest part of {@code history} shows a change that validation on past windows cannot have seen
     * and that this method follows (a daily pattern that began drifting a few days ago): {@link ValidatedEnsemble}
     * then forecasts with this method alone, whatever its validation error. Default: never.
     */
    default boolean followsChangeValidationMissed(double[] history) {
        return false;
    }

    /** The fewest history steps this method needs to say anything useful. */
    int minHistory();
}
