package io.predictivescaling.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Target tracking as AWS documents it, on 5-minute intervals: 1 datapoint to scale out, 3 to scale in. */
class CapacitySimulatorTest {
    final TargetTracking policy = TargetTracking.awsDefaults(0.5, 10, Duration.ofMinutes(5), Duration.ofMinutes(10));

    @Test
    void awsDatapointCountsTranslateToIntervals() {
        assertThat(policy.scaleOutDatapoints()).isEqualTo(1);
        assertThat(policy.scaleInDatapoints()).isEqualTo(3);
        assertThat(TargetTracking.awsDefaults(0.5, 10, Duration.ofMinutes(1), Duration.ZERO)
                        .scaleInDatapoints())
                .isEqualTo(15);
    }

    @Test
    void scaleOutIsProportionalRoundedUpAndServesAfterTheWarmup() {
        CapacitySimulator sim = new CapacitySimulator(policy, 4);
        sim.begin(0, 0);
        sim.end(33, 0); // utilization 33/40 = 0.825 > 0.5: want ceil(33 / 5) = 7

        assertThat(sim.provisioned()).isEqualTo(7);
        sim.begin(1, 0);
        assertThat(sim.serving()).as("10-minute warm-up: not yet").isEqualTo(4);
        sim.end(20, 0);
        sim.begin(2, 0);
        assertThat(sim.serving()).isEqualTo(4);
        sim.end(20, 0);
        sim.begin(3, 0);
        assertThat(sim.serving()).as("serves from t + 1 + floor(10/5)").isEqualTo(7);
    }

    @Test
    void afterFollowingAHotterTargetTheSameLoadNoLongerScalesOutAndNewScaleOutsAreSizedForIt() {
        CapacitySimulator sim = new CapacitySimulator(policy, 4);
        sim.follow(policy.withTarget(0.9));
        sim.begin(0, 0);
        sim.end(33, 0); // utilization 33/40 = 0.825: over 0.5, under 0.9

        assertThat(sim.provisioned()).isEqualTo(4);
        sim.begin(1, 0);
        sim.end(38, 0); // 0.95 > 0.9: want ceil(38 / 9) = 5, not ceil(38 / 5) = 8
        assertThat(sim.provisioned()).isEqualTo(5);
    }

    @Test
    void duringTheCooldownOnlyALargerScaleOutProceeds() {
        CapacitySimulator sim = new CapacitySimulator(policy, 4);
        sim.begin(0, 0);
        sim.end(33, 0); // -> 7
        sim.begin(1, 0);
        sim.end(30, 0); // still over target on 4 serving units, wants 6 < 7: nothing
        assertThat(sim.provisioned()).isEqualTo(7);
        sim.begin(2, 0);
        sim.end(45, 0); // wants 9 > 7: proceeds despite the cooldown
        assertThat(sim.provisioned()).isEqualTo(9);
    }

    @Test
    void scaleInWaitsForThreeLowIntervalsRoundsDownAndRespectsTheFloor() {
        CapacitySimulator sim = new CapacitySimulator(policy, 10);
        for (int s = 0; s < 2; s++) {
            sim.begin(s, 0);
            sim.end(10, 0); // utilization 0.1 < 0.45
            assertThat(sim.provisioned()).isEqualTo(10);
        }
        sim.begin(2, 0);
        sim.end(10, 6); // third low datapoint: want floor(10 * 0.1 / 0.5) = 2, but the next floor is 6
        assertThat(sim.provisioned()).isEqualTo(6);
    }

    @Test
    void aGapIsAMissingDatapointNotZeroLoad() {
        CapacitySimulator sim = new CapacitySimulator(policy, 10);
        for (int s = 0; s < 5; s++) {
            sim.begin(s, 0);
            sim.end(Double.NaN, 0);
        }
        assertThat(sim.provisioned()).isEqualTo(10);
    }

    @Test
    void aScheduledFloorServesAtOnceBecauseItWasLaunchedAWarmupAhead() {
        CapacitySimulator sim = new CapacitySimulator(policy, 2);
        sim.begin(0, 8);
        assertThat(sim.serving()).isEqualTo(8);
    }

    @Test
    void aScheduledFloorServesEvenWhileALaterScaleOutIsWarmingUp() {
        CapacitySimulator sim = new CapacitySimulator(policy, 4);
        sim.begin(0, 0);
        sim.end(45, 0); // scale out to 9, ready at interval 3
        sim.begin(1, 6); // floor 6 was scheduled a warm-up ahead, before that scale-out

        assertThat(sim.provisioned()).isEqualTo(9);
        assertThat(sim.serving())
                .as("the floor's 6 serve; the other 3 are still warming up")
                .isEqualTo(6);
        sim.end(20, 6);
        sim.begin(3, 6);
        assertThat(sim.serving()).isEqualTo(9);
    }
}
