package io.predictivescaling.peers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The AWS predictive scaling proxy: hourly, from a day of history on, and never holding capacity down. */
class AwsPredictiveScalingTest {
    final AwsPredictiveScaling aws = new AwsPredictiveScaling();

    @Test
    void capacityIsScheduledByTheClockHourOnceThereIsADayOfHistory() {
        PeerPolicy.Load load = PeerTraces.load(4, PeerTraces::daily);
        int[] floors = aws.floors(load);

        for (int s = 0; s < 24 * 12 + 12; s++) {
            assertThat(floors[s])
                    .as("no forecast before 24 hours of data (and the next 6-hour update)")
                    .isZero();
        }
        for (int s = 0; s < floors.length; s++) {
            assertThat(floors[s])
                    .as("one capacity per clock hour, interval " + s)
                    .isEqualTo(floors[s / 12 * 12]);
        }
        for (int hour = 48; hour < 96; hour++) {
            double mean = 0;
            for (int s = hour * 12; s < hour * 12 + 12; s++) {
                mean += PeerTraces.daily(s) / 12;
            }
            assertThat(floors[hour * 12])
                    .as("hour %d: the repeated day's hourly mean load over 5 per unit", hour)
                    .isEqualTo(load.tracking().needed(mean));
        }
    }

    @Test
    void aForecastTooLowNeverHoldsCapacityBelowWhatTargetTrackingAdds() {
        // Three ordinary days, then a day at twice the load: the forecast knows only the ordinary days.
        PeerPolicy.Load load = PeerTraces.load(4, s -> PeerTraces.daily(s) * (s >= 3 * 288 ? 2 : 1));
        int[] floors = aws.floors(load);
        int[] withForecast = PeerTraces.replay(load, floors);
        int[] alone = PeerTraces.replay(load, new int[floors.length]);

        for (int s = 3 * 288; s < 4 * 288; s++) {
            assertThat(withForecast[s]).as("interval " + s).isGreaterThanOrEqualTo(alone[s]);
        }
        // The busy afternoon gets what target tracking asks for, far above the forecast.
        int peak = 3 * 288 + 180;
        assertThat(withForecast[peak]).isGreaterThan(floors[peak] * 3 / 2);
    }

    @Test
    void aForecastTooHighIsNotScaledInBelow() {
        // Three ordinary days, then a quiet day at half the load: predictive scaling only scales out.
        PeerPolicy.Load load = PeerTraces.load(4, s -> PeerTraces.daily(s) * (s >= 3 * 288 ? 0.5 : 1));
        int[] floors = aws.floors(load);
        int[] withForecast = PeerTraces.replay(load, floors);

        for (int s = 3 * 288; s < 4 * 288; s++) {
            assertThat(withForecast[s]).as("interval " + s).isGreaterThanOrEqualTo(floors[s]);
        }
        assertThat(floors[3 * 288 + 180]).isGreaterThan(load.tracking().needed(load.demand()[3 * 288 + 180]));
    }
}
