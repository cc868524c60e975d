package io.predictivescaling.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.predictivescaling.forecast.LoadPrediction;
import io.predictivescaling.targets.ScalingPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CapacityPlannerTest {
    static final Instant NOW = Instant.parse("2026-11-27T20:02:00Z");
    static final Instant HOUR = Instant.parse("2026-11-27T20:00:00Z");
    final CapacityPlanner planner = new CapacityPlanner();

    /** Load 100 per hour except {@code peak} at hour {@code peakAt}; tight bounds, high confidence. */
    static List<LoadPrediction> path(int hours, int peakAt, double peak, double confidence) {
        List<LoadPrediction> path = new ArrayList<>();
        for (int k = 0; k < hours; k++) {
            double load = k == peakAt ? peak : 100;
            double halfWidth = load * (1 - confidence);
            path.add(new LoadPrediction(
                    HOUR.plus(Duration.ofHours(k)),
                    Duration.ofHours(k + 1),
                    load,
                    load - halfWidth,
                    load + halfWidth,
                    confidence,
                    "test"));
        }
        return path;
    }

    static ScalingPolicy policy() {
        // The P90, scaling in at most 10% an hour: the planner's mechanics, not the defaults, are under test.
        return ScalingPolicy.builder(10, 2, 50)
                .mode(ScalingPolicy.Mode.ForecastAndScale)
                .capacityQuantile(0.9)
                .scaleInStepPercent(10)
                .build();
    }

    ScalingPlan plan(ScalingPolicy policy, int current, List<LoadPrediction> predictions) {
        return planner.plan(
                "web", policy, current, predictions, NOW, Optional.of(NOW.minusSeconds(60)), Optional.empty());
    }

    @Test
    void aPredictedPeakIsScheduledAWarmupAheadWithARestoreAfterIt() {
        ScalingPlan plan = plan(policy(), 13, path(12, 6, 300, 0.95));

        // P90 of 300 with +-5%: 315 -> 32 units, in place at 02:00, so the action runs at 01:55.
        ScheduledFloor raise = plan.actions().stream()
                .filter(a -> a.minCapacity() == 32)
                .findFirst()
                .orElseThrow();
        assertThat(raise.runAt()).isEqualTo(Instant.parse("2026-11-28T01:55:00Z"));
        assertThat(raise.schedule()).isEqualTo("at(2026-11-28T01:55:00)");
        assertThat(raise.name()).isEqualTo("predictive-scaling-20261128T0155Z");
        assertThat(plan.spikes()).singleElement().satisfies(s -> {
            assertThat(s.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(s.strategy()).isEqualTo(Strategy.AGGRESSIVE);
        });
        ScheduledFloor last = plan.actions().get(plan.actions().size() - 1);
        assertThat(plan.actions()).allSatisfy(a -> assertThat(a.runAt()).isAfter(NOW));
        assertThat(last.minCapacity()).isGreaterThanOrEqualTo(2);
        assertThat(plan.actions().stream().anyMatch(ScheduledFloor::restore) || last.minCapacity() == 2)
                .isTrue();
    }

    @Test
    void whatIsDueWithinThirtyMinutesIsAppliedNowNotScheduled() {
        ScalingPlan plan = plan(policy(), 5, path(3, 0, 200, 0.95));

        assertThat(plan.applyNow()).contains(21);
        assertThat(plan.actions().get(0)).satisfies(now -> {
            assertThat(now.minCapacity()).isEqualTo(21);
            assertThat(now.runAt()).isEqualTo(Instant.parse("2026-11-27T20:04:00Z"));
        });
        assertThat(plan.actions().subList(1, plan.actions().size()))
                .allSatisfy(a -> assertThat(a.runAt()).isAfter(NOW.plus(CapacityPlanner.APPLY_NOW_WINDOW)));
    }

    @Test
    void theCeilingIsHonouredUnlessTheTargetAllowsARaiseWithinItsBuffer() {
        ScalingPlan honoured = plan(policy(), 10, path(8, 4, 2000, 0.95));
        ScalingPolicy raising = policy().toBuilder().raiseCeiling(20).build();
        ScalingPlan raised = plan(raising, 10, path(8, 4, 2000, 0.95));

        assertThat(honoured.steps()).allSatisfy(s -> assertThat(s.capacity()).isLessThanOrEqualTo(50));
        assertThat(honoured.steps())
                .anySatisfy(s -> assertThat(s.reason()).contains("capped at 50 (ceiling honoured)"));
        assertThat(raised.actions()).anySatisfy(a -> {
            assertThat(a.minCapacity()).isEqualTo(60);
            assertThat(a.maxCapacity()).isEqualTo(60);
        });
        assertThat(raised.actions().get(raised.actions().size() - 1)).satisfies(restore -> {
            assertThat(restore.minCapacity()).isEqualTo(2);
            assertThat(restore.maxCapacity()).isEqualTo(50);
        });
    }

    @Test
    void lowConfidenceRaisesInBoundedSteps() {
        ScalingPlan plan = plan(policy(), 10, path(8, 3, 400, 0.3));

        CapacityStep peak = plan.steps().stream()
                .filter(s -> s.at().equals(HOUR.plus(Duration.ofHours(3))))
                .findFirst()
                .orElseThrow();
        assertThat(peak.strategy()).isEqualTo(Strategy.GRADUAL);
        assertThat(peak.capacity()).isLessThan(52);
    }

    @Test
    void spareUnitsTunedByFeedbackAreAddedOnTopOfEachBusyHourButNotToAnIdleOne() {
        ScalingPolicy spare = policy().withSizing(0.9, 10, 2);
        ScalingPlan without = plan(policy(), 11, path(4, -1, 0, 0.95));
        ScalingPlan with = plan(spare, 11, path(4, -1, 0, 0.95));
        ScalingPlan idle = plan(spare, 2, path(4, 0, 0, 0.95).subList(0, 1));

        // P90 of 100 with +-5%: 105 -> 11 units; with 2 spare, 13. An hour with no load predicted stays at the floor.
        assertThat(without.steps().get(0).capacity()).isEqualTo(11);
        assertThat(with.steps().get(0).capacity()).isEqualTo(13);
        assertThat(with.steps().get(0).reason()).contains("needs 13 units at 10.0 per unit (2 of them spare)");
        assertThat(with.actions()).anySatisfy(a -> assertThat(a.minCapacity()).isEqualTo(13));
        assertThat(idle.steps())
                .singleElement()
                .satisfies(s -> assertThat(s.capacity()).isEqualTo(2));
        assertThatThrownBy(() -> policy().withSizing(0.9, 10, -1)).hasMessageContaining("spareUnits");
    }

    @Test
    void scaleInIsGradualAndNeverBelowTheFloor() {
        ScalingPlan plan = plan(policy(), 40, path(24, -1, 0, 0.95));

        int previous = 40;
        for (CapacityStep s : plan.steps()) {
            assertThat(s.capacity()).isGreaterThanOrEqualTo(Math.max(2, previous - Math.max(1, previous / 10)));
            assertThat(s.capacity()).isGreaterThanOrEqualTo(2);
            previous = s.capacity();
        }
        assertThat(previous).isLessThan(40);
    }

    /** record-metrics pulls every 15 minutes by default: a run just before the next pull must still plan. */
    @Test
    void aMetricPulledEvery15MinutesIsNotStaleByDefault() {
        ScalingPlan beforeNextPull = planWithDefaultsAndNewestSampleMinutesOld(17);
        // A 5-minute metric (basic monitoring) published 3 minutes late: its newest sample is 8 minutes old at the
        // pull.
        ScalingPlan fiveMinuteMetricBeforeNextPull = planWithDefaultsAndNewestSampleMinutesOld(23);
        ScalingPlan twoPullsMissed = planWithDefaultsAndNewestSampleMinutesOld(31);

        assertThat(beforeNextPull.raisesAllowed()).isTrue();
        assertThat(beforeNextPull.summary()).doesNotStartWith("metrics stale");
        assertThat(fiveMinuteMetricBeforeNextPull.raisesAllowed()).isTrue();
        assertThat(twoPullsMissed.raisesAllowed()).isFalse();
    }

    private ScalingPlan planWithDefaultsAndNewestSampleMinutesOld(int minutes) {
        ScalingPolicy defaults = ScalingPolicy.builder(10, 2, 50)
                .mode(ScalingPolicy.Mode.ForecastAndScale)
                .build();
        return planner.plan(
                "web",
                defaults,
                5,
                path(6, 2, 500, 0.95),
                NOW,
                Optional.of(NOW.minus(Duration.ofMinutes(minutes))),
                Optional.empty());
    }

    @Test
    void staleMetricsOrAnUnhealthyForecastRaiseNothing() {
        ScalingPlan stale = planner.plan(
                "web",
                policy(),
                5,
                path(6, 2, 500, 0.95),
                NOW,
                Optional.of(NOW.minus(Duration.ofHours(1))),
                Optional.empty());
        ScalingPlan unhealthy = planner.plan(
                "web",
                policy(),
                5,
                path(6, 2, 500, 0.95),
                NOW,
                Optional.of(NOW),
                Optional.of("sMAPE 80% over the last day"));

        assertThat(stale.raisesAllowed()).isFalse();
        assertThat(stale.actions()).isEmpty();
        assertThat(stale.summary()).startsWith("metrics stale");
        assertThat(unhealthy.actions()).isEmpty();
        assertThat(unhealthy.summary()).contains("forecast unhealthy (sMAPE 80% over the last day)");
    }

    @Test
    void equalNeighboursAreMergedAndTheQuotaIsNeverExceeded() {
        List<LoadPrediction> zigzag = new ArrayList<>();
        for (int k = 0; k < 48; k++) {
            double load = k % 2 == 0 ? 100 : 400;
            zigzag.add(new LoadPrediction(
                    HOUR.plus(Duration.ofHours(k)), Duration.ofHours(k + 1), load, load, load, 1.0, "zigzag"));
        }
        ScalingPlan flat = plan(policy(), 10, path(48, -1, 0, 0.95));
        ScalingPlan limited = new CapacityPlanner(10)
                .plan(
                        "web",
                        policy().withMode(ScalingPolicy.Mode.ForecastAndScale),
                        10,
                        zigzag,
                        NOW,
                        Optional.of(NOW),
                        Optional.empty());

        assertThat(flat.steps()).hasSize(1);
        assertThat(limited.actions()).hasSize(10);
        assertThat(limited.actions().get(9).restore()).isTrue();
        assertThat(limited.actions().get(9).minCapacity()).isEqualTo(2);
    }

    @Test
    void badPolicyValuesAreRefusedWithTheirReason() {
        assertThatThrownBy(() -> ScalingPolicy.defaults(0, 1, 5)).hasMessageContaining("loadPerUnit");
        assertThatThrownBy(() -> ScalingPolicy.defaults(10, 5, 1)).hasMessageContaining("at least minCapacity");
    }
}
