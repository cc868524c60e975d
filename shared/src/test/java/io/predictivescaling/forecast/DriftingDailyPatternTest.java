package io.predictivescaling.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A daily pattern whose timing drifts (the peak an hour earlier each day, as daylight-driven loads and sensor
 * series do): the engine's forecast and its 95% interval should follow the drift, and a pattern that holds still
 * should be forecast as before.
 */
class DriftingDailyPatternTest {
    static final int DAY = 24;

    /**
     * A smooth daily curve (20 ± 5, noise sd 0.1) that holds still for {@code stillDays}, then comes one hour
     * earlier each day; {@code days} in all.
     */
    static double[] drifting(int days, int stillDays, long seed) {
        return drifting(days, stillDays, seed, 0.1);
    }

    static double[] drifting(int days, int stillDays, long seed, double noise) {
        Random random = new Random(seed);
        double[] y = new double[days * DAY];
        for (int t = 0; t < y.length; t++) {
            int shift = Math.max(0, t / DAY - stillDays + 1);
            double phase = 2 * Math.PI * (t % DAY + shift - 8) / DAY;
            y[t] = 20 + 5 * Math.sin(phase) + noise * random.nextGaussian();
        }
        return y;
    }

    static int peakHour(double[] values, int from) {
        int best = from;
        for (int t = from; t < from + DAY; t++) {
            if (values[t] > values[best]) {
                best = t;
            }
        }
        return best - from;
    }

    static double meanAbsoluteError(double[] actual, int from, double[] forecast) {
        double sum = 0;
        for (int h = 0; h < forecast.length; h++) {
            sum += Math.abs(actual[from + h] - forecast[h]);
        }
        return sum / forecast.length;
    }

    @Test
    void aPeakThatStartedComingAnHourEarlierEachDayIsForecastAtItsNewHourWithAnIntervalThatCoversIt() {
        for (long seed = 0; seed < 3; seed++) {
            // still for five weeks, then drifting for the last four days
            double[] all = drifting(35 + 4 + 2, 35, seed);
            int n = (35 + 4) * DAY;
            double[] history = Arrays.copyOf(all, n);
            ValidatedEnsemble.Choice choice = Forecasters.auto(DAY).choose(history, 2 * DAY);

            assertThat(peakHour(choice.forecast(), 0)).isEqualTo(peakHour(drifting(41, 35, seed, 0), n));
            // an hour late on a curve of ±5 would be about 0.8 off on average
            assertThat(meanAbsoluteError(all, n, choice.forecast())).isLessThan(0.3);
            double[] low = choice.quantile(0.025);
            double[] high = choice.quantile(0.975);
            int inside = 0;
            for (int h = 0; h < DAY; h++) {
                if (all[n + h] >= low[h] && all[n + h] <= high[h]) {
                    inside++;
                }
            }
            assertThat(inside)
                    .as("hours of the next day inside the 95%% interval, seed %d", seed)
                    .isGreaterThanOrEqualTo(21);
        }
    }

    @Test
    void theDriftingNaiveCarriesTheDriftIntoEachNextDay() {
        double[] all = drifting(20 + 2, 10, 7);
        int n = 20 * DAY;
        double[] forecast =
                new DriftingSeasonalNaive(DAY, 1, "drifting-naive").forecast(Arrays.copyOf(all, n), 2 * DAY);

        double[] clean = drifting(20 + 2, 10, 7, 0);
        assertThat(peakHour(forecast, 0)).isEqualTo(peakHour(clean, n));
        assertThat(peakHour(forecast, DAY)).isEqualTo(peakHour(clean, n + DAY));
        assertThat(meanAbsoluteError(all, n, forecast)).isLessThan(0.3);
    }

    @Test
    void aPatternThatHoldsStillOrHasDriftedForWeeksIsLeftToValidation() {
        DriftingSeasonalNaive naive = new DriftingSeasonalNaive(DAY, 1, "drifting-naive");
        Random random = new Random(3);
        double[] noisy = new double[30 * DAY];
        for (int t = 0; t < noisy.length; t++) {
            noisy[t] = (t % DAY >= 9 && t % DAY < 17 ? 300 : 100) + 20 * random.nextGaussian();
        }
        double[] constant = new double[30 * DAY];
        Arrays.fill(constant, 5);

        assertThat(naive.followsChangeValidationMissed(drifting(30, 31, 1))).isFalse();
        assertThat(naive.followsChangeValidationMissed(noisy)).isFalse();
        assertThat(naive.followsChangeValidationMissed(constant)).isFalse();
        // drifting for three weeks: the validation windows have seen it
        assertThat(naive.followsChangeValidationMissed(drifting(30, 9, 1))).isFalse();
        assertThat(naive.followsChangeValidationMissed(drifting(30, 27, 1))).isTrue();
        // a steady pattern is forecast as plain seasonal naive, so the drifting methods stand aside: the plan of a
        // load that holds still is what it was before they came
        assertThat(naive.appliesTo(noisy)).isFalse();
        assertThat(naive.appliesTo(constant))
                .as("a flat (or idle) series does not drift")
                .isFalse();
        assertThat(naive.appliesTo(drifting(30, 27, 1))).isTrue();
        assertThat(Forecasters.auto(DAY).choose(noisy, 2 * DAY).chosen())
                .noneMatch(s -> s.method() instanceof DriftingSeasonalNaive);
        assertThat(naive.forecast(noisy, 2 * DAY))
                .containsExactly(new SeasonalNaive(DAY, "daily-naive").forecast(noisy, 2 * DAY));
    }
}
