package io.predictivescaling.forecast;

/** Repeats the last season: the value one period (a day, a week) before each forecast step. */
public record SeasonalNaive(int period, String name) implements ForecastMethod {

    @Override
    public double[] forecast(double[] history, int horizon) {
        int n = history.length;
        double[] forecast = new double[horizon];
        for (int h = 0; h < horizon; h++) {
            int back = period * (h / period + 1);
            forecast[h] = history[n + h - back];
        }
        return forecast;
    }

    @Override
    public int minHistory() {
        return period;
    }
}
