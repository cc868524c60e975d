package io.predictivescaling.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.predictivescaling.testing.SyntheticLoad;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ForecastersTest {
    static final int HORIZON = 48;

    /** Business-hours load: every weekday its own level, quiet weekends. */
    static final double[] WEEKDAY = {1.0, 1.1, 1.05, 1.2, 1.3, 0.6, 0.5};

    /**
     * Real load strays from its daily and weekly shape for hours at a time (a busy afternoon stays busy):
     * the shape times a persistent multiplicative deviation (AR(1), phi 0.98 per hour).
     */
    static double[] driftingLoad(int steps, long seed) {
        Random random = new Random(seed);
        double[] values = new double[steps];
        double deviation = 0;
        for (int i = 0; i < steps; i++) {
            deviation = 0.98 * deviation + 0.03 * random.nextGaussian();
            values[i] = SyntheticLoad.expected(SyntheticLoad.START.plus(Duration.ofHours(i)), 0.0)
                    * WEEKDAY[(i / 24) % 7]
                    * Math.exp(deviation)
                    * (1 + 0.02 * random.nextGaussian());
        }
        return values;
    }

    /** Load that is its own recent past mixed with the same hour yesterday and last week, plus noise. */
    static double[] seasonalAutoregressive(int steps, long seed) {
        Random random = new Random(seed);
        double[] y = new double[steps];
        for (int t = 0; t < steps; t++) {
            double shape = SyntheticLoad.expected(SyntheticLoad.START.plus(Duration.ofHours(t)), 0.0);
            y[t] = t < 168
                    ? shape
                    : 0.1 * shape + 0.5 * y[t - 1] + 0.2 * y[t - 24] + 0.2 * y[t - 168] + 8 * random.nextGaussian();
        }
        return y;
    }

    @Test
    void theEngineChoosesAndWeightsTheSeasonalAutoregressionWhereItIsTheRightModel() {
        for (int seed = 0; seed < 3; seed++) {
            double[] all = seasonalAutoregressive(6 * 168 + HORIZON, 40 + seed);
            double[] history = Arrays.copyOf(all, 6 * 168);
            ValidatedEnsemble.Choice choice = Forecasters.auto(24).choose(history, HORIZON);
            assertThat(choice.chosen()).as("seed %d", seed).hasSize(Forecasters.KEEP);
            assertThat(choice.chosen().get(0).method().name())
                    .as("the best validated: an autoregression, local or global")
                    .matches("seasonal-ar.*|global-ar");
            assertThat(choice.chosen().stream()
                            .mapToDouble(ValidatedEnsemble.Scored::weight)
                            .sum())
                    .isCloseTo(1.0, within(1e-9));
            double engine = mae(all, history.length, choice.forecast());
            double classic = mae(all, history.length, Forecasters.classic(24).forecast(history, HORIZON));
            assertThat(engine).as("seed %d: new engine vs classic", seed).isLessThan(classic);
        }
    }

    @Test
    void aCandidateThatBreaksDownIsLeftOutAndTheOthersStillForecast() {
        ForecastMethod broken = new ForecastMethod() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public double[] forecast(double[] history, int horizon) {
                double[] f = new double[horizon];
                Arrays.fill(f, Double.POSITIVE_INFINITY);
                return f;
            }

            @Override
            public int minHistory() {
                return 1;
            }
        };
        double[] history = driftingLoad(3 * 168, 5);
        ValidatedEnsemble ensemble =
                new ValidatedEnsemble(java.util.List.of(broken, new SeasonalNaive(24, "daily-naive")), 4, 2);

        ValidatedEnsemble.Choice choice = ensemble.choose(history, 24);

        assertThat(choice.chosen()).extracting(s -> s.method().name()).containsExactly("daily-naive");
        assertThat(choice.forecast()).containsExactly(new SeasonalNaive(24, "d").forecast(history, 24), within(1e-9));
        assertThat(choice.reapply(history).forecast()).containsExactly(choice.forecast(), within(1e-9));
    }

    @Test
    void theSeasonalAutoregressionCarriesTheLatestDeviationForward() {
        double[] all = driftingLoad(4 * 168 + HORIZON, 7);
        double[] history = Arrays.copyOf(all, 4 * 168);
        double[] ar = new SeasonalAutoregression(24, true, "seasonal-ar-log").forecast(history, 6);
        double[] naive = new SeasonalNaive(24, "daily-naive").forecast(history, 6);
        assertThat(mae(all, history.length, ar)).isLessThan(mae(all, history.length, naive));
    }

    @Test
    void theSeasonalAutoregressionKeepsAConstantOrZeroSeriesAsItIs() {
        double[] constant = new double[3 * 168];
        Arrays.fill(constant, 42);
        double[] expected = new double[24];
        Arrays.fill(expected, 42);
        assertThat(new SeasonalAutoregression(24, false, "ar").forecast(constant, 24))
                .containsExactly(expected, within(1e-6));
        assertThat(new SeasonalAutoregression(24, true, "ar-log").forecast(new double[3 * 168], 24))
                .containsOnly(0.0);
    }

    @Test
    void quantilesComeFromTheEnginesOwnErrorsPerHorizonAndCoverAsTheySay() {
        int belowP80 = 0;
        int insideP10P90 = 0;
        int total = 0;
        double widthHourAhead = 0;
        double widthDayAhead = 0;
        for (int seed = 0; seed < 8; seed++) {
            double[] all = SyntheticLoad.series(5 * 168 + 24, Duration.ofHours(1), 0.01, 0.08, 70 + seed)
                    .values();
            double[] history = Arrays.copyOf(all, 5 * 168);
            ValidatedEnsemble.Choice c = Forecasters.auto(24).choose(history, 24);
            double[] p10 = c.quantile(0.1);
            double[] p80 = c.quantile(0.8);
            double[] p90 = c.quantile(0.9);
            assertThat(p10).containsExactly(c.lower(), within(1e-9));
            assertThat(p90).containsExactly(c.upper(), within(1e-9));
            double[] p025 = c.quantile(0.025);
            double[] p975 = c.quantile(0.975);
            for (int h = 0; h < 24; h++) {
                assertThat(p025[h]).isLessThanOrEqualTo(p10[h]);
                assertThat(p80[h]).isBetween(p10[h], p90[h]);
                assertThat(p975[h]).isGreaterThanOrEqualTo(p90[h]);
                double actual = all[history.length + h];
                belowP80 += actual <= p80[h] ? 1 : 0;
                insideP10P90 += actual >= p10[h] && actual <= p90[h] ? 1 : 0;
                total++;
            }
            widthHourAhead += p90[0] - p10[0];
            widthDayAhead += p90[23] - p10[23];
        }
        // errors grow with the horizon: the band a day ahead is wider than an hour ahead (on average over the series:
        // where profile methods alone are chosen, the error an hour ahead is that of a day ahead)
        assertThat(widthDayAhead).isGreaterThan(1.1 * widthHourAhead);
        assertThat(belowP80 / (double) total).isBetween(0.7, 0.9);
        assertThat(insideP10P90 / (double) total).isBetween(0.7, 0.9);
        ValidatedEnsemble.Choice c = Forecasters.auto(24).choose(driftingLoad(3 * 168, 1), 24);
        assertThatThrownBy(() -> c.quantile(1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(0, 1)");
    }

    static double mae(double[] all, int from, double[] forecast) {
        double sum = 0;
        for (int h = 0; h < forecast.length; h++) {
            sum += Math.abs(all[from + h] - forecast[h]);
        }
        return sum / forecast.length;
    }
}
