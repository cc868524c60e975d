package io.predictivescaling.peers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Holt-Winters as the Predictive HPA runs it: on the replicas it calculates, one sync ahead. */
class PhpaHoltWintersTest {
    @Test
    void aDailyCycleOfReplicasIsForecastOneSyncAheadFromTheThirdDayOn() {
        PeerPolicy.Load load = PeerTraces.load(4, PeerTraces::daily);
        int[] floors = PhpaHoltWinters.midRange().floors(load);
        int w = load.warmupIntervals();

        for (int s = 0; s < 2 * 288; s++) {
            assertThat(floors[s])
                    .as("no forecast before two seasons of replicas")
                    .isZero();
        }
        for (int s = 2 * 288 + 1 + w; s < floors.length; s++) {
            // Decided at the end of s - 1 - w, for the sync after it; its units serve from s.
            int next = load.tracking().needed(PeerTraces.daily(s - w));
            assertThat(floors[s]).as("interval %d", s).isBetween(next - 1, next + 1);
        }
    }

    @Test
    void theDocumentedExampleConstantsOverProvisionANoisyDailySeasonAsItsErrorsGrow() {
        java.util.Random random = new java.util.Random(11);
        PeerPolicy.Load load = PeerTraces.load(5, s -> PeerTraces.daily(s) * (1 + 0.1 * random.nextGaussian()));
        int[] documented = PhpaHoltWinters.documented().floors(load);
        int[] midRange = PhpaHoltWinters.midRange().floors(load);

        long documentedUnits = 0;
        long midRangeUnits = 0;
        for (int s = 4 * 288; s < 5 * 288; s++) {
            documentedUnits += documented[s];
            midRangeUnits += midRange[s];
        }
        assertThat(documentedUnits).isGreaterThan(midRangeUnits * 3 / 2);
        assertThat(PhpaHoltWinters.documented().name()).isEqualTo("phpa-holt-winters");
    }
}
