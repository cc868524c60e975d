package io.predictivescaling.patterns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class IntraHourProfileTest {
    @Test
    void aJobAtFivePastEveryHourShowsAndNoiseDoesNot() {
        Random random = new Random(5);
        double[][] hours = new double[14 * 24][12];
        for (double[] hour : hours) {
            double level = 50 + 40 * random.nextDouble();
            for (int p = 0; p < 12; p++) {
                hour[p] = level * (1 + 0.05 * random.nextGaussian()) * (p == 1 ? 2.0 : 1.0);
            }
        }
        hours[3][1] = Double.NaN;

        double[] profile = IntraHourProfile.learn(hours);

        assertThat(profile[1]).isCloseTo(2.0, within(0.1));
        for (int p = 0; p < 12; p++) {
            if (p != 1) {
                assertThat(profile[p]).as("position %d", p).isEqualTo(1.0);
            }
        }
    }

    @Test
    void nothingKnownMeansNoShape() {
        double[][] hours = new double[3][12];
        for (double[] h : hours) {
            java.util.Arrays.fill(h, Double.NaN);
        }

        assertThat(IntraHourProfile.learn(hours)).containsOnly(1.0);
    }
}
