package io.predictivescaling.backtest;

import io.predictivescaling.events.KnownEvent;
import io.predictivescaling.simulation.Sizing;
import io.predictivescaling.simulation.SizingChooser;
import io.predictivescaling.targets.ScalingConfig;
import io.predictivescaling.targets.ScalingPolicy;
import java.time.Duration;
import java.util.List;

/**
 * What a backtest replays with.
 *
 * @param unit load one capacity unit serves (at 100% utilization)
 * @param targetUtilization target tracking's target, and the utilization floors are sized for
 * @param warmup how long new capacity takes to serve
 * @param history how much hourly history each prediction learns from (the Lambdas use 28 days)
 * @param revalidateEvery how often (in trace time) methods are re-chosen; reapplied in between
 * @param capacityQuantile the predicted-load quantile floors cover
 * @param floorUtilization the utilization floors are sized for (the target's {@code loadPerUnit} is this x unit)
 * @param scaleInStepPercent the most the planned floor falls per hour
 * @param hourQuantile which quantile of each hour's intervals is forecast (0.5: the median, 1: the busiest)
 * @param interpolate raise the floor through the second half of an hour ahead of a busier hour
 * @param intraHour shape each hour's floor by the learned within-hour profile (jobs at fixed minutes)
 * @param events known events: past ones are left out of learning, upcoming ones applied by their type's
 *     impact learned from the past ones (or their expected impact)
 * @param tuneSizing re-choose the quantile and floor utilization every day from how each candidate sizing did
 *     over the last week ({@link SizingChooser}); false keeps {@code capacityQuantile}/{@code floorUtilization}
 * @param underObjective the under-provisioned fraction tuning aims for
 * @param costCap the most tuning lets a sizing cost relative to target tracking alone
 * @param zone the zone the load's days are counted in (the target's {@code timeZone}; UTC by default)
 * @param excluded windows left out of learning (the target's {@code excludeFromLearning})
 * @param spareUnits with a fixed sizing, the whole units floors add on top of each hour's need
 */
public record BacktestConfig(
        double unit,
        double targetUtilization,
        Duration warmup,
        Duration history,
        Duration revalidateEvery,
        double capacityQuantile,
        double floorUtilization,
        double scaleInStepPercent,
        double hourQuantile,
        boolean interpolate,
        boolean intraHour,
        List<KnownEvent> events,
        boolean tuneSizing,
        double underObjective,
        double costCap,
        java.time.ZoneId zone,
        List<io.predictivescaling.common.TimeWindow> excluded,
        int spareUnits) {

    /**
     * Chosen on the developer traces (see the README's backtest table): the P80 of each hour's median
     * interval, sized at the target utilization, shaped by the within-hour profile, raised early ahead of a
     * rising hour, the planned floor falling at most 50% an hour. Higher quantiles buy fewer
     * under-provisioned intervals with more capacity.
     */
    public static final double DEFAULT_QUANTILE = ScalingPolicy.DEFAULT_CAPACITY_QUANTILE;

    public static final double DEFAULT_HOUR_QUANTILE = 0.5;
    public static final double DEFAULT_SCALE_IN_STEP = ScalingPolicy.DEFAULT_SCALE_IN_STEP_PERCENT;

    public static final double DEFAULT_UNDER_OBJECTIVE = SizingChooser.DEFAULT_OBJECTIVE;
    public static final double DEFAULT_COST_CAP = SizingChooser.DEFAULT_COST_CAP;
    /** For bursty load that no sizing covers (see {@link SizingChooser}): the objective and budget aimed at. */
    public static final double BURSTY_OBJECTIVE = SizingChooser.BURSTY_OBJECTIVE;

    public static final double BURSTY_COST_CAP = SizingChooser.BURSTY_COST_CAP;

    public static BacktestConfig defaults(double unit) {
        return new BacktestConfig(
                unit,
                ScalingConfig.DEFAULT_TARGET_UTILIZATION,
                ScalingPolicy.DEFAULT_WARMUP,
                Duration.ofDays(28),
                Duration.ofDays(1),
                DEFAULT_QUANTILE,
                ScalingConfig.DEFAULT_TARGET_UTILIZATION,
                DEFAULT_SCALE_IN_STEP,
                DEFAULT_HOUR_QUANTILE,
                true,
                true,
                List.of(),
                true,
                DEFAULT_UNDER_OBJECTIVE,
                DEFAULT_COST_CAP,
                java.time.ZoneOffset.UTC,
                List.of(),
                0);
    }

    public BacktestConfig with(double newUnit, double target, Duration newWarmup, List<KnownEvent> newEvents) {
        return new BacktestConfig(
                newUnit,
                target,
                newWarmup,
                history,
                revalidateEvery,
                capacityQuantile,
                target,
                scaleInStepPercent,
                hourQuantile,
                interpolate,
                intraHour,
                newEvents,
                tuneSizing,
                underObjective,
                costCap,
                zone,
                excluded,
                spareUnits);
    }

    public BacktestConfig with(
            double quantile, double floorUtil, double scaleIn, double hourQ, boolean interp, boolean shape) {
        return new BacktestConfig(
                unit,
                targetUtilization,
                warmup,
                history,
                revalidateEvery,
                quantile,
                floorUtil,
                scaleIn,
                hourQ,
                interp,
                shape,
                events,
                tuneSizing,
                underObjective,
                costCap,
                zone,
                excluded,
                spareUnits);
    }

    /** Fixed sizing ({@code tune} false) or daily tuning toward {@code objective} within {@code cap}. */
    public BacktestConfig tuning(boolean tune, double objective, double cap) {
        return new BacktestConfig(
                unit,
                targetUtilization,
                warmup,
                history,
                revalidateEvery,
                capacityQuantile,
                floorUtilization,
                scaleInStepPercent,
                hourQuantile,
                interpolate,
                intraHour,
                events,
                tune,
                objective,
                cap,
                zone,
                excluded,
                spareUnits);
    }

    /** Days counted in {@code newZone}, these windows left out of learning: as the target's item says. */
    public BacktestConfig local(java.time.ZoneId newZone, List<io.predictivescaling.common.TimeWindow> newExcluded) {
        return new BacktestConfig(
                unit,
                targetUtilization,
                warmup,
                history,
                revalidateEvery,
                capacityQuantile,
                floorUtilization,
                scaleInStepPercent,
                hourQuantile,
                interpolate,
                intraHour,
                events,
                tuneSizing,
                underObjective,
                costCap,
                newZone,
                List.copyOf(newExcluded),
                spareUnits);
    }

    /** Fixed sizing with {@code spare} whole units on top of each hour's need. */
    public BacktestConfig withSpareUnits(int spare) {
        return new BacktestConfig(
                unit,
                targetUtilization,
                warmup,
                history,
                revalidateEvery,
                capacityQuantile,
                floorUtilization,
                scaleInStepPercent,
                hourQuantile,
                interpolate,
                intraHour,
                events,
                tuneSizing,
                underObjective,
                costCap,
                zone,
                excluded,
                spare);
    }

    /**
     * The sizings replayed side by side: the candidates below. Without tuning, just the configured one.
     */
    public List<Sizing> sizings() {
        if (!tuneSizing) {
            return List.of(new Sizing(capacityQuantile, floorUtilization, spareUnits));
        }
        return candidateSizings(targetUtilization);
    }

    /** What tuning chooses from (the Lambdas' sizing tuner uses the same): {@link Sizing#candidates}. */
    public static List<Sizing> candidateSizings(double targetUtilization) {
        return Sizing.candidates(targetUtilization);
    }
}
