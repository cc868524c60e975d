package io.predictivescaling.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DoubleSeasonalHoltWintersTest {

    /**
     * The rolling-origin validation forecasts every origin in one filter pass per parameter set; what it
     * gives must be exactly what forecasting from each origin alone gives (else the engine would choose
     * different methods than it validated), including an origin so short that the filter starts shorter.
     */
    @Test
    void forecastsFromSeveralOriginsInOnePassEqualTheOneByOneForecasts() {
        double[] history = ForecastersTest.driftingLoad(5 * 168, 11);
        int[] ends = {history.length - 48, history.length - 96, history.length - 144, 2 * 168 + 24, 192};
        // one season of 24: 60 values start the filter on 24 instead of 48
        int[] withShort = {history.length - 48, 60, history.length - 96, 100};
        for (DoubleSeasonalHoltWinters method : new DoubleSeasonalHoltWinters[] {
            new DoubleSeasonalHoltWinters(24, 0, false, "holt-winters"),
            new DoubleSeasonalHoltWinters(24, 0, true, "holt-winters-log"),
            new DoubleSeasonalHoltWinters(24, 168, false, "double-seasonal"),
            new DoubleSeasonalHoltWinters(24, 168, true, "double-seasonal-log")
        }) {
            int[] origins = method.weekly() == 0 ? withShort : ends;
            double[][] together = method.forecastFrom(history, origins, 48);
            for (int i = 0; i < origins.length; i++) {
                assertThat(together[i])
                        .as("%s from %d", method.name(), origins[i])
                        .containsExactly(method.forecast(Arrays.copyOf(history, origins[i]), 48));
            }
        }
    }
}
