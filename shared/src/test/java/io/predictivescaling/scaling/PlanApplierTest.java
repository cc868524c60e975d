package io.predictivescaling.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.predictivescaling.planning.ScalingPlan;
import io.predictivescaling.planning.ScheduledFloor;
import io.predictivescaling.targets.ScalableResource;
import io.predictivescaling.targets.ScalingPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A run may die between any two capacity calls: for plans of every shape against what earlier runs left,
 * the applier is killed after each of its calls in turn, and what it leaves must never hold a raise of ours
 * without a later restore.
 */
class PlanApplierTest {
    static final Instant NOW = Instant.parse("2026-11-27T20:02:00Z");
    static final ScalingPolicy POLICY = ScalingPolicy.defaults(50, 2, 30);
    static final ScalableResource RESOURCE = new ScalableResource("ecs", "service/c/s", "ecs:service:DesiredCount");

    /** Application Auto Scaling in memory; every write after the allowed number throws, as a dead connection. */
    static final class DyingGateway implements CapacityGateway {
        final TreeMap<String, ExistingAction> actions = new TreeMap<>();
        int writesLeft;

        DyingGateway(List<ScheduledFloor> existing, int writesLeft) {
            existing.forEach(this::store);
            this.writesLeft = writesLeft;
        }

        void store(ScheduledFloor f) {
            actions.put(
                    f.name(),
                    new ExistingAction(
                            f.name(),
                            f.schedule(),
                            f.minCapacity(),
                            f.maxCapacity() > 0 ? f.maxCapacity() : null,
                            NOW));
        }

        @Override
        public OptionalInt currentMinCapacity(ScalableResource resource) {
            return OptionalInt.of(2);
        }

        @Override
        public java.util.Optional<TargetState> state(ScalableResource resource) {
            return java.util.Optional.empty();
        }

        @Override
        public List<ExistingAction> scheduledActions(ScalableResource resource) {
            return new ArrayList<>(actions.values());
        }

        @Override
        public void putScheduledAction(ScalableResource resource, ScheduledFloor action) {
            write();
            store(action);
        }

        @Override
        public void deleteScheduledAction(ScalableResource resource, String name) {
            write();
            actions.remove(name);
        }

        private void write() {
            if (writesLeft-- <= 0) {
                throw new IllegalStateException("connection died (injected)");
            }
        }

        /** Our action that runs last, if any. */
        Optional<ExistingAction> latest() {
            return actions.values().stream().max(Comparator.comparing(PlanApplier::runAt));
        }
    }

    static ScheduledFloor at(int hoursFromNow, int min) {
        return new ScheduledFloor(NOW.plus(Duration.ofHours(hoursFromNow)).plusSeconds(58), min, 0, min == 2);
    }

    static ScalingPlan plan(List<ScheduledFloor> actions) {
        return new ScalingPlan("t", NOW, 2, List.of(), Optional.empty(), actions, List.of(), true, "test plan");
    }

    static final List<ScheduledFloor> FRESH_PLAN = List.of(at(0, 21), at(3, 15), at(6, 9), at(9, 2));
    static final Map<String, List<ScheduledFloor>> EARLIER_RUNS = Map.of(
            "nothing", List.of(),
            "an older plan ending later", List.of(at(1, 12), at(5, 18), at(12, 14), at(14, 2)),
            "an older plan ending sooner", List.of(at(1, 12), at(2, 2)),
            "a raise at the very minute of the new restore", List.of(at(9, 25), at(10, 2)),
            "a broken run's raise with no restore", List.of(at(-1, 21)));

    @Test
    void whereverTheRunDiesEveryRaiseOfOursHasALaterRestore() {
        for (var earlier : EARLIER_RUNS.entrySet()) {
            for (int writes = 0; writes <= 12; writes++) {
                DyingGateway gateway = new DyingGateway(earlier.getValue(), writes);
                boolean wasBroken =
                        gateway.latest().map(a -> a.minCapacity() > 2).orElse(false);
                try {
                    new PlanApplier(gateway).apply(RESOURCE, plan(FRESH_PLAN), POLICY);
                } catch (IllegalStateException died) {
                    // what is left is checked below
                }
                var latest = gateway.latest();
                if (!(wasBroken && writes == 0) && latest.isPresent()) {
                    assertThat(latest.get().minCapacity())
                            .as("%s, dying after %d writes", earlier.getKey(), writes)
                            .isEqualTo(2);
                }
            }
        }
    }

    @Test
    void aCompleteRunLeavesExactlyThePlan() {
        for (var earlier : EARLIER_RUNS.entrySet()) {
            DyingGateway gateway = new DyingGateway(earlier.getValue(), Integer.MAX_VALUE);

            new PlanApplier(gateway).apply(RESOURCE, plan(FRESH_PLAN), POLICY);

            assertThat(gateway.actions.keySet())
                    .as(earlier.getKey())
                    .containsExactlyElementsOf(FRESH_PLAN.stream()
                            .map(ScheduledFloor::name)
                            .sorted()
                            .toList());
        }
    }

    @Test
    void aPlanThatMayNotRaiseStillRepairsARaiseWithNoLaterRestore() {
        DyingGateway gateway = new DyingGateway(List.of(at(-1, 21)), Integer.MAX_VALUE);
        ScalingPlan stale =
                new ScalingPlan("t", NOW, 2, List.of(), Optional.empty(), List.of(), List.of(), false, "metrics stale");

        new PlanApplier(gateway).apply(RESOURCE, stale, POLICY);

        assertThat(gateway.latest()).hasValueSatisfying(a -> {
            assertThat(a.minCapacity()).isEqualTo(2);
            assertThat(a.schedule()).isEqualTo("at(2026-11-27T20:04:00)");
        });
    }
}
