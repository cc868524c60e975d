package io.predictivescaling.backtest;

import io.predictivescaling.forecast.LoadPrediction;
import io.predictivescaling.planning.PlanningCore;
import io.predictivescaling.planning.ScalingPlan;
import io.predictivescaling.simulation.CapacitySimulator;
import io.predictivescaling.simulation.FloorReplay;
import io.predictivescaling.simulation.Sizing;
import io.predictivescaling.simulation.SizingChooser;
import io.predictivescaling.simulation.TargetTracking;
import io.predictivescaling.targets.ScalingPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One way of sizing the floors, planned from the same forecasts as the live policy and replayed in its shadow
 * (its own floors under its own target tracking), so the backtest can tell which sizing would have done best.
 */
final class SizingTrack {
    final Sizing sizing;
    final TargetTracking tracking;
    final long stepSeconds;
    final int[] floor;
    int firstPlanned = -1;
    private final ScalingPolicy policy;
    private final BacktestConfig config;
    private final int[] planned; // the plan's hourly step, before interpolation and the within-hour shape
    private final CapacitySimulator sim;
    private final int[] serving;
    private final int[] provisioned;

    private final boolean labelTarget;

    SizingTrack(Sizing sizing, BacktestConfig config, TargetTracking tracking, long stepSeconds, int n, int initial) {
        this(sizing, config, tracking, false, stepSeconds, n, initial);
    }

    /** @param labelTarget whether the label names target tracking's target (when the tuning chooses it too) */
    SizingTrack(
            Sizing sizing,
            BacktestConfig config,
            TargetTracking tracking,
            boolean labelTarget,
            long stepSeconds,
            int n,
            int initial) {
        this.sizing = sizing;
        this.labelTarget = labelTarget;
        this.config = config;
        this.tracking = tracking;
        this.stepSeconds = stepSeconds;
        this.policy = ScalingPolicy.builder(sizing.floorUtilization() * config.unit(), 1, 1_000_000)
                .warmup(config.warmup())
                .mode(ScalingPolicy.Mode.ForecastAndScale)
                .capacityQuantile(sizing.quantile())
                .scaleInStepPercent(config.scaleInStepPercent())
                .staleAfter(Duration.ofMinutes(Math.max(15, 3 * stepSeconds / 60)))
                .spareUnits(sizing.spare())
                .build();
        this.floor = new int[n];
        this.planned = new int[n];
        this.sim = new CapacitySimulator(tracking, initial);
        this.serving = new int[n];
        this.provisioned = new int[n];
    }

    /** Interval s under this sizing's floors: what served it, what was paid for, and the alarms at its end. */
    void replay(int s, double demand) {
        sim.begin(s, floor[s]);
        serving[s] = sim.serving();
        provisioned[s] = sim.provisioned();
        sim.end(demand, s + 1 < floor.length ? floor[s + 1] : 0);
    }

    /**
     * Plans from the forecast path at {@code now} and sets this sizing's floors from interval {@code first}.
     *
     * @return the plan
     */
    ScalingPlan plan(
            PlanningCore planner,
            Trace trace,
            List<LoadPrediction> path,
            Instant now,
            Instant lastData,
            int first,
            double[] shape,
            double[] predicted,
            double[] lower,
            double[] upper) {
        int nowIndex = (int) ((now.getEpochSecond() - trace.start().getEpochSecond()) / stepSeconds);
        // As in predict-and-scale, the plan starts from the MinCapacity in force (the scheduled floor), not from
        // what reactive scaling added on top. The hour's planned step, not the shaped interval floor: a shape
        // above 1 read back as the capacity in force would ratchet the plan up when scale-in is slower.
        int inForce = Math.max(policy.floor(), nowIndex < planned.length ? planned[nowIndex] : 0);
        ScalingPlan plan =
                planner.plan(trace.name(), policy, inForce, path, now, Optional.ofNullable(lastData), Optional.empty());
        if (plan.raisesAllowed()) {
            PlannedFloors.apply(
                    plan,
                    path,
                    trace,
                    first,
                    floor,
                    planned,
                    predicted,
                    lower,
                    upper,
                    config.interpolate(),
                    shape,
                    policy.limit());
            if (firstPlanned < 0 && first < floor.length) {
                firstPlanned = first;
            }
        }
        return plan;
    }

    /** The sizing's label, and with {@code labelTarget} target tracking's target under it: "P80 at 90% under 80%". */
    String label() {
        return labelTarget
                ? sizing.label()
                        + String.format(java.util.Locale.ROOT, " under %.0f%%", 100 * tracking.targetUtilization())
                : sizing.label();
    }

    /** Units serving each interval so far under this sizing's own floors. */
    int[] serving() {
        return serving;
    }

    /** Units provisioned (paid for) each interval so far under this sizing's own floors. */
    int[] provisioned() {
        return provisioned;
    }

    SizingChooser.Record record(double[] demand, int from, int to) {
        return record(demand, serving, provisioned, from, to, tracking);
    }

    static SizingChooser.Record record(
            double[] demand, int[] serving, int[] provisioned, int from, int to, TargetTracking tracking) {
        return FloorReplay.record(demand, serving, provisioned, from, to, tracking);
    }
}
