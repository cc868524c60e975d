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

    /** The fewest history steps this method needs to say anything useful. */
    int minHistory();
}
