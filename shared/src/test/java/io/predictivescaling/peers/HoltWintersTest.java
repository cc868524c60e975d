package io.predictivescaling.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Additive Holt-Winters with fixed constants and statsmodels' heuristic start, as the PHPA runs it. */
class HoltWintersTest {
    /** 12 values a season: a ramp-shaped daily cycle on a rising level. */
    static double value(int t) {
        return 100 + 0.5 * t + 30 * Math.sin(2 * Math.PI * t / 12);
    }

    @Test
    void aCleanSeasonalSeriesWithATrendIsFollowedWithConstantsInsideTheForecastableRegion() {
        for (int n : new int[] {24, 40, 60, 200, 1000}) {
            assertThat(HoltWinters.oneStepAhead(series(n), 12, 0.2, 0.2, 0.2))
                    .as("after %d values", n)
                    .isCloseTo(value(n), org.assertj.core.data.Offset.offset(1.0));
        }
    }

    @Test
    void theDocumentedExampleConstantsDivergeOnALongHistory() {
        // alpha = beta = gamma = 0.9 lies outside the forecastable region (gamma < 1 - alpha): fine for the PHPA
        // example's 6-value season and 24 stored values, but an error grows from season to season.
        assertThat(Math.abs(HoltWinters.oneStepAhead(series(24), 12, 0.9, 0.9, 0.9) - value(24)))
                .isLessThan(1);
        assertThat(Math.abs(HoltWinters.oneStepAhead(series(200), 12, 0.9, 0.9, 0.9) - value(200)))
                .isGreaterThan(100);
    }

    static double[] series(int n) {
        double[] y = new double[n];
        for (int t = 0; t < n; t++) {
            y[t] = value(t);
        }
        return y;
    }

    @Test
    void theNextPeakIsForecastFromTheSeasonNotFromTheLastValue() {
        double[] y = new double[48];
        for (int t = 0; t < y.length; t++) {
            y[t] = t % 12 == 11 ? 200 : 100; // a spike at the end of each season
        }
        double[] beforeSpike = java.util.Arrays.copyOf(y, 47);
        assertThat(HoltWinters.oneStepAhead(beforeSpike, 12, 0.5, 0.1, 0.3)).isGreaterThan(180);
        assertThat(HoltWinters.oneStepAhead(y, 12, 0.5, 0.1, 0.3)).isBetween(90.0, 110.0);
    }

    @Test
    void tooShortAHistoryIsRefusedWithTheLengthNeeded() {
        assertThat(HoltWinters.minimumLength(288)).isEqualTo(576);
        assertThat(HoltWinters.minimumLength(6)).isEqualTo(16);
        assertThatThrownBy(() -> HoltWinters.oneStepAhead(new double[10], 6, 0.9, 0.9, 0.9))
                .hasMessageContaining("needs 16 values, got 10");
    }
}
