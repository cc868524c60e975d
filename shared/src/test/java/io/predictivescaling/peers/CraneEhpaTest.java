package io.predictivescaling.peers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Crane's DSP predictor as its EffectiveHPA runs it. */
class CraneEhpaTest {
    final CraneEhpa crane = new CraneEhpa();

    @Test
    void aCleanDailySineIsFoundToBeDailyAndFollowedAnHourAhead() {
        PeerPolicy.Load load = PeerTraces.load(5, PeerTraces::daily);
        int[] floors = crane.floors(load);
        int w = load.warmupIntervals();

        for (int s = 0; s < 2 * 288; s++) {
            assertThat(floors[s]).as("no period before two whole days").isZero();
        }
        for (int s = 3 * 288; s < floors.length; s++) {
            // Decided a warm-up earlier, from the most predicted over the hour that followed the decision.
            double most = 0;
            for (int t = s - w; t <= s - w + 12; t++) {
                most = Math.max(most, PeerTraces.daily(t));
            }
            assertThat(floors[s])
                    .as("interval %d", s)
                    .isBetween(load.tracking().needed(most), load.tracking().needed(most * 1.2) + 1);
        }
    }

    /** Crane times its prediction from its last sample: a refit during a gap in the data is not shifted by the gap. */
    @Test
    void aRefitDuringAGapInTheDataFollowsTheCycleOnceDataResumes() {
        int gapFrom = 4 * 288 + 100; // 08:20 on day 5, through 14:20: the refit at 12:00 falls inside
        int gapTo = gapFrom + 72;
        PeerPolicy.Load load = PeerTraces.load(6, s -> s >= gapFrom && s < gapTo ? Double.NaN : PeerTraces.daily(s));
        int[] floors = crane.floors(load);
        int w = load.warmupIntervals();

        for (int s = gapTo + w; s < 4 * 288 + 288; s++) {
            double most = 0;
            for (int t = s - w; t <= s - w + 12; t++) {
                most = Math.max(most, PeerTraces.daily(t));
            }
            assertThat(floors[s])
                    .as("interval %d, after the gap", s)
                    .isBetween(load.tracking().needed(most), load.tracking().needed(most * 1.2) + 1);
        }
    }

    @Test
    void noiseWithoutADailyOrWeeklyPeriodGetsNoFloors() {
        Random random = new Random(7);
        PeerPolicy.Load load = PeerTraces.load(4, s -> 300 + 50 * random.nextGaussian());

        assertThat(crane.floors(load)).containsOnly(0);
    }

    @Test
    void theDailyPeriodIsFoundOnlyWithTwoWholeDays() {
        CraneDsp dsp = new CraneDsp(300);
        double[] twoDays = new double[2 * 288];
        for (int s = 0; s < twoDays.length; s++) {
            twoDays[s] = PeerTraces.daily(s);
        }
        assertThat(dsp.findPeriod(twoDays)).isEqualTo(CraneDsp.DAY);
        assertThat(dsp.findPeriod(java.util.Arrays.copyOf(twoDays, 2 * 288 - 1)))
                .isEqualTo(-1);
    }
}
