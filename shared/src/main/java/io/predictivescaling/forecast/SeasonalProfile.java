package io.predictivescaling.forecast;

import io.predictivescaling.common.Stats;

/**
 * The median of the same phase in the last {@code seasons} periods (e.g. the same hour of the last four
 * weeks), shifted to the current level. The median keeps a one-off spike from becoming the profile; the
 * level shift lets a series that has grown since those weeks keep its new level. On a log scale the
 * shift is a ratio, so the whole profile scales with the level.
 */
public record SeasonalProfile(int period, int seasons, int levelWindow, boolean logScale, String name)
        implements ForecastMethod {

    @Override
    public double[] forecast(double[] series, int horizon) {
        double[] history = logScale ? Transforms.log1p(series) : series;
        int n = history.length;
        int usable = Math.min(seasons, n / period);
        double[] forecast = new double[horizon];
        double[] phase = new double[usable];
        double shift = levelWindow > 0 ? levelShift(history, usable) : 0;
        for (int h = 0; h < horizon; h++) {
            int first = h / period + 1;
            int count = 0;
            for (int j = first; j < first + usable && n + h - j * period >= 0; j++) {
                phase[count++] = history[n + h - j * period];
            }
            double value = Stats.median(phase, count) + shift;
            forecast[h] = Math.max(0, logScale ? Math.expm1(value) : value);
        }
        return forecast;
    }

    /** Recent level minus the level the profile's seasons had at the same point of their period. */
    private double levelShift(double[] history, int usable) {
        int n = history.length;
        int window = Math.min(levelWindow, period);
        double recent = mean(history, n - window, n);
        double[] past = new double[usable];
        int count = 0;
        for (int j = 1; j <= usable; j++) {
            int end = n - j * period;
            if (end - window >= 0) {
                past[count++] = mean(history, end - window, end);
            }
        }
        return count == 0 ? 0 : recent - Stats.median(past, count);
    }

    static double mean(double[] x, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += x[i];
        }
        return sum / (to - from);
    }

    @Override
    public int minHistory() {
        return period;
    }
}
