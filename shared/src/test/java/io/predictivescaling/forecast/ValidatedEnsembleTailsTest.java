package io.predictivescaling.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The 95% interval (P2.5-P97.5) the engine gives beyond its P10-P90. */
class ValidatedEnsembleTailsTest {
    static final int HORIZON = 48;

    /** Busy from 09:00 to 17:00 and noisy then (sd 30 on 300), quiet and steady at night (sd 2 on 100). */
    static double[] busyDaysQuietNights(int steps, long seed) {
        Random random = new Random(seed);
        double[] y = new double[steps];
        for (int t = 0; t < steps; t++) {
            boolean busy = busy(t);
            y[t] = (busy ? 300 : 100) + (busy ? 30 : 2) * random.nextGaussian();
        }
        return y;
    }

    static boolean busy(int step) {
        int hour = step % 24;
        return hour >= 9 && hour < 17;
    }

    /**
     * A quiet night should not get the busy day's wide interval (capacity and MSIS both pay for width), and
     * the busy hours should still be covered about 95% of the time.
     */
    @Test
    void theNinetyFivePercentIntervalFollowsTheNoiseOfEachTimeOfDay() {
        int busyInside = 0;
        int busyAll = 0;
        double busyWidth = 0;
        double quietWidth = 0;
        int quietAll = 0;
        for (int seed = 0; seed < 6; seed++) {
            double[] all = busyDaysQuietNights(6 * 168 + HORIZON, 70 + seed);
            double[] history = Arrays.copyOf(all, 6 * 168);
            ValidatedEnsemble.Choice choice = Forecasters.auto(24).choose(history, HORIZON);
            double[] p025 = choice.quantile(0.025);
            double[] p975 = choice.quantile(0.975);
            for (int h = 0; h < HORIZON; h++) {
                assertThat(p025[h]).as("P2.5 at or below P10").isLessThanOrEqualTo(choice.lower()[h]);
                assertThat(p975[h]).as("P97.5 at or above P90").isGreaterThanOrEqualTo(choice.upper()[h]);
                double actual = all[history.length + h];
                // the busy hours and the quiet hours at least 2 hours from a change
                if (busy(history.length + h)) {
                    busyAll++;
                    busyInside += actual >= p025[h] && actual <= p975[h] ? 1 : 0;
                    busyWidth += p975[h] - p025[h];
                } else if (!busy(history.length + h + 2) && !busy(history.length + h - 2)) {
                    quietAll++;
                    quietWidth += p975[h] - p025[h];
                }
            }
        }
        assertThat((double) busyInside / busyAll)
                .as("busy hours inside P2.5-P97.5")
                .isGreaterThan(0.9);
        // the night's own spread (sd 2) is a fifteenth of the day's (sd 30); read per step ahead from errors
        // pooled over neighbouring steps, the night interval was 0.43 of the day's, wide from the busy hours
        assertThat(quietWidth / quietAll)
                .as("quiet-hour width vs busy-hour width")
                .isLessThan(0.25 * busyWidth / busyAll);
    }
}
