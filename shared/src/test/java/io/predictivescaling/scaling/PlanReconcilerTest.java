package io.predictivescaling.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.predictivescaling.planning.CapacityPlanner;
import io.predictivescaling.planning.ScalingPlan;
import io.predictivescaling.planning.ScheduledFloor;
import io.predictivescaling.targets.ScalingPolicy;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The plan fitted to the scalable target's real state, on hand-made plans (moto cases: PlannerRespectsTheTargetIT). */
class PlanReconcilerTest {
    static final Instant NOW = Instant.parse("2026-02-02T00:02:00Z");
    static final ScalingPolicy POLICY = ScalingPolicy.defaults(50, 2, 40).withMode(ScalingPolicy.Mode.ForecastAndScale);

    static ScalingPlan plan(int current, ScheduledFloor... actions) {
        return new ScalingPlan(
                "t",
                NOW,
                current,
                List.of(),
                Optional.empty(),
                List.of(actions),
                List.of(),
                true,
                "plan, " + CapacityPlanner.move(List.of(actions), current, NOW));
    }

    static ScheduledFloor at(String time, int min) {
        return new ScheduledFloor(Instant.parse(time), min, 0, false);
    }

    @Test
    void anotherActionThatWouldLowerOurRaisedFloorIsFollowedByOursAMinuteLater() {
        ScalingPlan plan = plan(2, at("2026-02-02T03:00:00Z", 10), at("2026-02-02T06:00:00Z", 2));
        TargetState state = new TargetState(
                2,
                40,
                false,
                List.of(),
                List.of(new TargetState.Action(
                        "nightly-reset",
                        "at(2026-02-02T04:00:00)",
                        Optional.of(Instant.parse("2026-02-02T04:00:00Z")),
                        2,
                        null)));

        PlanReconciler.Reconciled fitted = PlanReconciler.reconcile(plan, POLICY, state, NOW);

        assertThat(fitted.plan().actions())
                .extracting(ScheduledFloor::runAt, ScheduledFloor::minCapacity)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Instant.parse("2026-02-02T03:00:00Z"), 10),
                        org.assertj.core.groups.Tuple.tuple(Instant.parse("2026-02-02T04:01:00Z"), 10),
                        org.assertj.core.groups.Tuple.tuple(Instant.parse("2026-02-02T06:00:00Z"), 2));
        assertThat(fitted.conflicts())
                .containsExactly("action 'nightly-reset' sets MinCapacity 2 at 2026-02-02 "
                        + "04:00 UTC under the planned 10: raising back to 10 at 2026-02-02 04:01 UTC");
    }

    @Test
    void aFloorOfOursInForceIsOursToLower() {
        ScalingPlan plan = plan(30, at("2026-02-02T00:04:00Z", 15), at("2026-02-02T01:00:00Z", 8));
        TargetState state = new TargetState(
                30,
                40,
                false,
                List.of(new CapacityGateway.ExistingAction(
                        "predictive-scaling-20260201T2355Z", "at(2026-02-01T23:55:00)", 30, null, null)),
                List.of());

        PlanReconciler.Reconciled fitted = PlanReconciler.reconcile(plan, POLICY, state, NOW);

        assertThat(fitted.conflicts()).isEmpty();
        assertThat(fitted.plan().actions()).hasSize(2);
        assertThat(fitted.plan().summary()).isEqualTo("plan, lowering to 15 now");
    }

    @Test
    void withNoRestoreScheduledAnOperatorsFloorHoldsThroughThePlan() {
        ScalingPlan plan = plan(
                30,
                at("2026-02-02T00:04:00Z", 15),
                at("2026-02-02T14:55:00Z", 21),
                new ScheduledFloor(Instant.parse("2026-02-02T18:00:00Z"), 2, 0, true));
        TargetState state = new TargetState(30, 40, false, List.of(), List.of());

        PlanReconciler.Reconciled fitted = PlanReconciler.reconcile(plan, POLICY, state, NOW);

        assertThat(fitted.plan().actions()).isEmpty();
        assertThat(fitted.plan().summary()).isEqualTo("plan, holding 30");
        assertThat(fitted.conflicts())
                .containsExactly(
                        "holding MinCapacity 30 (set by the registered MinCapacity) "
                                + "until it is lowered (no restore scheduled) instead of lowering to 15 now (3 planned actions left out)");
    }

    @Test
    void aRaiseAboveAnOperatorsFloorWithNoRestoreOfItsOwnIsRestoredToThatFloorNotBelowIt() {
        ScalingPlan plan = plan(
                30,
                at("2026-02-02T14:55:00Z", 35),
                new ScheduledFloor(Instant.parse("2026-02-02T18:00:00Z"), 2, 0, true));
        TargetState state = new TargetState(30, 40, false, List.of(), List.of());
        PlanReconciler.Reconciled fitted = PlanReconciler.reconcile(plan, POLICY, state, NOW);
        PlanApplierTest.DyingGateway aas = new PlanApplierTest.DyingGateway(List.of(), 100);

        int restoreTo = PlanReconciler.restoreFloor(POLICY, state, NOW);
        new PlanApplier(aas).apply(PlanApplierTest.RESOURCE, fitted.plan(), POLICY.withFloor(restoreTo));

        assertThat(restoreTo).isEqualTo(30);
        // The raise to 35 is written, and what follows it returns to the operator's 30, never to the configured 2.
        assertThat(aas.actions.values())
                .extracting(CapacityGateway.ExistingAction::minCapacity)
                .contains(35)
                .allSatisfy(min -> assertThat(min).isGreaterThanOrEqualTo(30));
    }

    static TargetState.Action theirs(String name, String time, Integer min, Integer max) {
        return new TargetState.Action(
                name, "at(" + time.substring(0, 19) + ")", Optional.of(Instant.parse(time)), min, max);
    }

    /** A person's action that only caps MaxCapacity is a ceiling too: no action of ours sets MinCapacity above it. */
    @Test
    void aMaxCapacityAPersonScheduledIsNotExceededByOurFloor() {
        ScalingPlan plan = plan(2, at("2026-02-02T03:00:00Z", 10), at("2026-02-02T06:00:00Z", 2));
        TargetState state = new TargetState(
                2,
                40,
                false,
                List.of(),
                List.of(
                        theirs("night-cap", "2026-02-02T02:00:00Z", null, 5),
                        theirs("night-cap-end", "2026-02-02T05:00:00Z", null, 40)));

        for (ScalingPolicy policy :
                List.of(POLICY, POLICY.toBuilder().raiseCeiling(20).build())) {
            PlanReconciler.Reconciled fitted = PlanReconciler.reconcile(plan, policy, state, NOW);

            assertThat(fitted.plan().actions())
                    .as(policy.raiseCeiling() ? "ceilingPolicy raise" : "ceilingPolicy honour")
                    .extracting(ScheduledFloor::runAt, ScheduledFloor::minCapacity, ScheduledFloor::maxCapacity)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(Instant.parse("2026-02-02T03:00:00Z"), 5, 0),
                            org.assertj.core.groups.Tuple.tuple(Instant.parse("2026-02-02T06:00:00Z"), 2, 0));
            assertThat(fitted.conflicts())
                    .anySatisfy(c -> assertThat(c).contains("'night-cap'").contains("MaxCapacity 5"));
        }
    }

    /** A floor of ours in force when a person's cap runs is lowered to the cap just before, so their action runs. */
    @Test
    void ourFloorMakesWayForAPersonsCapAMinuteBeforeItRuns() {
        ScalingPlan plan = plan(2, at("2026-02-02T01:00:00Z", 10), at("2026-02-02T06:00:00Z", 2));
        TargetState state =
                new TargetState(2, 40, false, List.of(), List.of(theirs("night-cap", "2026-02-02T02:00:00Z", null, 5)));

        PlanReconciler.Reconciled fitted = PlanReconciler.reconcile(plan, POLICY, state, NOW);

        assertThat(fitted.plan().actions())
                .extracting(ScheduledFloor::runAt, ScheduledFloor::minCapacity)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Instant.parse("2026-02-02T01:00:00Z"), 10),
                        org.assertj.core.groups.Tuple.tuple(Instant.parse("2026-02-02T01:59:00Z"), 5),
                        org.assertj.core.groups.Tuple.tuple(Instant.parse("2026-02-02T06:00:00Z"), 2));
    }

    /**
     * A person raised MinCapacity by hand to 15 after our 10 ran: that it equals a floor we plan for later does not
     * make it ours. Their 15 is held.
     */
    @Test
    void aFloorAPersonSetByHandIsNotOursBecauseALaterActionOfOursPlansTheSameValue() {
        ScalingPlan plan = plan(15, at("2026-02-02T00:04:00Z", 8), at("2026-02-02T01:00:00Z", 15));
        TargetState state = new TargetState(
                15,
                40,
                false,
                List.of(
                        new CapacityGateway.ExistingAction(
                                "predictive-scaling-20260201T2355Z", "at(2026-02-01T23:55:00)", 10, null, null),
                        new CapacityGateway.ExistingAction(
                                "predictive-scaling-20260202T0100Z", "at(2026-02-02T01:00:00)", 15, null, null)),
                List.of());

        PlanReconciler.Reconciled fitted = PlanReconciler.reconcile(plan, POLICY, state, NOW);

        assertThat(fitted.plan().actions())
                .allSatisfy(a -> assertThat(a.minCapacity()).isGreaterThanOrEqualTo(15));
        assertThat(fitted.conflicts()).singleElement().asString().startsWith("holding MinCapacity 15");
    }
}
