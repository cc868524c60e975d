package io.predictivescaling.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LevelCorrectionTest {
    @Test
    void anHourAboveItsForecastRaisesTheNextHoursFadingToNothingAndAQuietOneLowersNothing() {
        double[] path = {100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100};

        LevelCorrection.apply(LevelCorrection.factor(130, 100), path);

        assertThat(path[0]).isCloseTo(130, within(1e-9));
        assertThat(path[6]).isCloseTo(100 * Math.pow(1.3, 0.5), within(1e-9));
        assertThat(path[12]).isEqualTo(100);
        assertThat(LevelCorrection.factor(70, 100)).isEqualTo(1);
        // One wild hour moves the path at most x2; a gap or a zero forecast corrects nothing.
        assertThat(LevelCorrection.factor(900, 100)).isEqualTo(LevelCorrection.MAX_FACTOR);
        assertThat(LevelCorrection.factor(Double.NaN, 100)).isEqualTo(1);
        assertThat(LevelCorrection.factor(50, 0)).isEqualTo(1);
    }
}
