package io.predictivescaling.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BurstinessTest {
    /** Two weeks of 5-minute load: 100 by night, 300 by day, times {@code burst} every {@code every}-th interval. */
    static double[] load(double noise, int every, double burst) {
        Random random = new Random(3);
        double[] d = new double[14 * 288];
        for (int s = 0; s < d.length; s++) {
            int hour = (s / 12) % 24;
            d[s] = (hour >= 9 && hour < 17 ? 300 : 100) * (1 + noise * (2 * random.nextDouble() - 1));
            if (every > 0 && random.nextInt(every) == 0) {
                d[s] *= burst;
            }
        }
        return d;
    }

    @Test
    void aDailyCycleWithNoiseIsNotBurstyAndShortBurstsAre() {
        double daily = Burstiness.withinHour(load(0.3, 0, 1), 0, 14 * 288 - 1, 12);
        double bursts = Burstiness.withinHour(load(0.1, 5, 3), 0, 14 * 288 - 1, 12);

        assertThat(daily).isBetween(1.0, 1.5);
        assertThat(bursts).isGreaterThanOrEqualTo(SizingChooser.BURSTY_RATIO);
    }

    @Test
    void halfHourlyDataCannotShowBurstsInsideAnHourAndGapsAreSkipped() {
        double[] d = load(0.1, 5, 3);
        assertThat(Burstiness.withinHour(d, 0, d.length - 1, 2)).isEqualTo(1);
        double[] gaps = new double[24];
        java.util.Arrays.fill(gaps, Double.NaN);
        assertThat(Burstiness.withinHour(gaps, 0, 23, 12)).isEqualTo(1);
    }
}
