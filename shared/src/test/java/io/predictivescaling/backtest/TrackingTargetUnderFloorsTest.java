package io.predictivescaling.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The what-if {@link Backtest#withTrackingTargetUnderFloors}: target tracking at a higher target under the floors,
 * judged against target tracking alone at the configured target.
 */
class TrackingTargetUnderFloorsTest {
    /**
     * Four days of 5-minute load that bursts inside every hour with no memory: each interval lognormal (sigma 0.7)
     * around a daily curve, as elb_request_count does (its within-hour P90/median is 2.17, this one's about 2).
     * Seeded.
     */
    static Trace bursty() {
        Random random = new Random(11);
        double[] v = new double[4 * 288];
        for (int i = 0; i < v.length; i++) {
            double level = 100 * (1 + 0.4 * Math.sin(2 * Math.PI * (i % 288) / 288.0));
            v[i] = level * Math.exp(0.7 * random.nextGaussian() - 0.245);
        }
        return new Trace("bursty", Instant.parse("2024-03-04T00:00:00Z"), Duration.ofMinutes(5), v, List.of());
    }

    private static final class Runs {
        static final Trace TRACE = bursty();
        static final BacktestConfig CONFIG = BacktestConfig.defaults(TRACE.defaultUnit());
        static final BacktestResult AT_TARGET = new Backtest(CONFIG).run(TRACE, null);
        static final BacktestResult HOTTER =
                new Backtest(CONFIG).withTrackingTargetUnderFloors(0.9).run(TRACE, null);
        static final BacktestResult CHOSEN = new Backtest(CONFIG)
                .withTrackingTargetsUnderFloors(List.of(0.7, 0.9))
                .run(TRACE, null);
    }

    @Test
    void onBurstyLoadTargetTrackingAtNinetyPercentUnderTheFloorsServesMoreIntervalsForLessCapacity() {
        var before = Runs.AT_TARGET.policies().get("predictive");
        var after = Runs.HOTTER.policies().get("predictive");

        // At 70% target tracking answers each single-interval burst with 1.4x its load, launched after it is gone
        // and held for at least three intervals; at 90% the floors' own margin serves the bursts instead.
        assertThat(after.underProvisionedFraction())
                .as("under-provisioned: %s at 70%%, %s at 90%%", before, after)
                .isLessThan(before.underProvisionedFraction());
        assertThat(after.capacityUnitHours()).isLessThan(before.capacityUnitHours());
    }

    @Test
    void targetTrackingAloneTheOracleAndTheTuningBudgetStayAtTheConfiguredTarget() {
        for (String row : List.of("reactive", "oracle")) {
            assertThat(Runs.HOTTER.policies().get(row))
                    .as(row)
                    .isEqualTo(Runs.AT_TARGET.policies().get(row));
        }
        // The daily tuning still spends at most 1.10x what target tracking alone at 70% spends on bursty load.
        var reactive = Runs.HOTTER.policies().get("reactive");
        assertThat(Runs.HOTTER.policies().get("predictive").capacityUnitHours())
                .isLessThanOrEqualTo(1.10 * reactive.capacityUnitHours());
    }

    @Test
    void floorsThatKnowTheLocalLevelNeedLessCapacityForTenPercentUnderHotterTargetTracking() {
        // The bound command's sweep (k x level + b units, tuned in hindsight) with the median of the 13 intervals
        // around each one as the level: what floors that look ahead need, under target tracking at 70% and at 90%.
        double[] level = FeasibilityBound.centeredMedian(Runs.TRACE.demand(), 6);
        FeasibilityBound.Bound atTarget = FeasibilityBound.ofForecast(Runs.TRACE, Runs.CONFIG, 0.10, level);
        FeasibilityBound.Bound hotter = FeasibilityBound.ofForecast(Runs.TRACE, Runs.CONFIG, 0.10, level, 0.9);

        assertThat(hotter.underProvisionedFraction()).isLessThanOrEqualTo(0.10);
        assertThat(hotter.costVsOracle())
                .as(hotter.describe() + " vs " + atTarget.describe())
                .isLessThan(atTarget.costVsOracle());
    }

    @Test
    void whenTheTuningChoosesTheTargetTooEachIntervalSaysWhichTargetItRanUnderAndBurstsCostLess() {
        String[] sizing = Runs.CHOSEN.timeline().sizing();
        var chosen = Runs.CHOSEN.policies().get("predictive");
        var atTarget = Runs.AT_TARGET.policies().get("predictive");

        assertThat(sizing[0]).as("the configured target until the first tuning").endsWith(" under 70%");
        assertThat(sizing[sizing.length - 1])
                .as("bursty load: tuned to run hotter")
                .endsWith(" under 90%");
        assertThat(Runs.CHOSEN.sizings()).hasSize(2 * Runs.AT_TARGET.sizings().size());
        assertThat(chosen.underProvisionedFraction())
                .as("%s chosen, %s at the configured target", chosen, atTarget)
                .isLessThan(atTarget.underProvisionedFraction());
        assertThat(chosen.capacityUnitHours()).isLessThan(atTarget.capacityUnitHours());
        assertThat(Runs.CHOSEN.policies().get("reactive"))
                .isEqualTo(Runs.AT_TARGET.policies().get("reactive"));
    }

    @Test
    void aTrackingTargetOutsideZeroToOneIsRejectedWithTheRange() {
        Backtest backtest = new Backtest(Runs.CONFIG);

        assertThatThrownBy(() -> backtest.withTrackingTargetUnderFloors(1.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the tracking target under the floors must be in (0, 1], got 1.5");
        assertThatThrownBy(() -> backtest.withTrackingTargetUnderFloors(0)).hasMessageContaining("(0, 1]");
    }
}
