package io.predictivescaling.targets;

import java.time.Duration;

/**
 * How a target may be scaled; every field is an attribute of the target's item (see the README).
 *
 * @param loadPerUnit load one capacity unit serves at the wanted utilization (e.g. requests/min per task)
 * @param floor capacity is never planned below this (the target's configured MinCapacity)
 * @param ceiling nor above this, unless {@code raiseCeiling}
 * @param warmup how long new capacity takes to serve: actions are scheduled this long before the load
 * @param mode ForecastOnly writes predictions and plans and touches no capacity
 * @param raiseCeiling when a prediction needs more than the ceiling: false honours it, true raises
 *     MaxCapacity by at most {@code ceilingBufferPercent}
 * @param capacityQuantile which quantile of the predicted load capacity covers (0.9: the P90)
 * @param highUtilization predicted utilization of current capacity from which a step is "high"
 * @param criticalUtilization from which it is "critical"
 * @param aggressiveConfidence at or above this confidence a critical step goes straight to the capacity needed
 * @param gradualConfidence below this confidence raises are taken in steps of {@code gradualStepPercent}
 * @param scaleInStepPercent the most the planned floor falls from one hour to the next
 * @param staleAfter no sample for this long: metrics are stale and nothing new is raised
 * @param spareUnits whole units planned on top of what each hour's predicted load needs (0 unless feedback's sizing
 *     tuner chose more): a fixed margin is what short bursts within an hour need at night as at the peak, where a
 *     margin in proportion to the load buys too little when it is low and too much when it is high
 */
public record ScalingPolicy(
        double loadPerUnit,
        int floor,
        int ceiling,
        Duration warmup,
        Mode mode,
        boolean raiseCeiling,
        double ceilingBufferPercent,
        double capacityQuantile,
        double highUtilization,
        double criticalUtilization,
        double aggressiveConfidence,
        double gradualConfidence,
        double gradualStepPercent,
        double scaleInStepPercent,
        Duration staleAfter,
        int spareUnits) {

    public enum Mode {
        ForecastOnly,
        ForecastAndScale
    }

    /** A new target's warm-up: actions are scheduled this long before the load. */
    public static final Duration DEFAULT_WARMUP = Duration.ofMinutes(5);
    /** The P80 until feedback tunes the sizing. */
    public static final double DEFAULT_CAPACITY_QUANTILE = 0.8;
    /** Predicted utilization of current capacity from which a step is "high". */
    public static final double DEFAULT_HIGH_UTILIZATION = 0.85;
    /** From which a step is "critical": 100%, the load would not be served. */
    public static final double DEFAULT_CRITICAL_UTILIZATION = 1.0;
    /** At or above this confidence a critical step goes straight to the capacity needed. */
    public static final double DEFAULT_AGGRESSIVE_CONFIDENCE = 0.8;
    /** Below this confidence raises are taken in steps. */
    public static final double DEFAULT_GRADUAL_CONFIDENCE = 0.5;
    /** The size of those steps, in percent of current capacity. */
    public static final double DEFAULT_GRADUAL_STEP_PERCENT = 25;
    /** The planned floor falls at most 50% an hour (what the backtest proves). */
    public static final double DEFAULT_SCALE_IN_STEP_PERCENT = 50;
    /**
     * No sample for this long: metrics are stale and nothing new is raised. Longer than the newest sample's age just
     * before a pull: record-metrics' default pull interval (15 minutes, template parameter {@code MetricPullSchedule})
     * plus the metric's period (up to 5 minutes for basic monitoring), CloudWatch's publishing delay (a few minutes)
     * and the pull's own scheduling; at 20 minutes a 5-minute metric would look stale before most pulls.
     */
    public static final Duration DEFAULT_STALE_AFTER = Duration.ofMinutes(30);
    /** How far a target with {@code ceilingPolicy = raise} may go above its ceiling, in percent, unless it says. */
    public static final double DEFAULT_RAISED_CEILING_BUFFER_PERCENT = 20;

    public ScalingPolicy {
        require(loadPerUnit > 0 && Double.isFinite(loadPerUnit), "loadPerUnit must be a positive number");
        require(floor >= 0, "minCapacity (the floor) must not be negative");
        require(ceiling >= floor, "maxCapacity (the ceiling) must be at least minCapacity");
        require(
                !warmup.isNegative() && warmup.compareTo(Duration.ofHours(6)) <= 0,
                "warmupSeconds must be between 0 and 21600");
        require(ceilingBufferPercent >= 0 && ceilingBufferPercent <= 100, "ceilingBufferPercent must be 0-100");
        require(capacityQuantile >= 0.5 && capacityQuantile < 1, "capacityQuantile must be in [0.5, 1)");
        require(
                highUtilization > 0 && criticalUtilization >= highUtilization,
                "criticalUtilization must be at least highUtilization, both positive");
        require(
                gradualStepPercent > 0 && scaleInStepPercent > 0 && scaleInStepPercent <= 100,
                "gradualStepPercent and scaleInStepPercent must be positive (scale-in at most 100)");
        require(spareUnits >= 0, "spareUnits must not be negative");
    }

    /**
     * The defaults a new target gets: forecast only, the P80 until feedback tunes the sizing, a 5-minute warm-up,
     * the planned floor falling at most 50% an hour (what the backtest proves).
     */
    public static ScalingPolicy defaults(double loadPerUnit, int floor, int ceiling) {
        return builder(loadPerUnit, floor, ceiling).build();
    }

    /** A policy starting from the {@code DEFAULT_*} values above, each changed by name. */
    public static Builder builder(double loadPerUnit, int floor, int ceiling) {
        return new Builder(loadPerUnit, floor, ceiling);
    }

    /** This policy with some values changed by name. */
    public Builder toBuilder() {
        return copy(loadPerUnit, floor, ceiling);
    }

    /** A builder holding this policy's values but the three the builder takes as fixed. */
    private Builder copy(double newLoadPerUnit, int newFloor, int newCeiling) {
        Builder b = new Builder(newLoadPerUnit, newFloor, newCeiling);
        b.warmup = warmup;
        b.mode = mode;
        b.raiseCeiling = raiseCeiling;
        b.ceilingBufferPercent = ceilingBufferPercent;
        b.capacityQuantile = capacityQuantile;
        b.highUtilization = highUtilization;
        b.criticalUtilization = criticalUtilization;
        b.aggressiveConfidence = aggressiveConfidence;
        b.gradualConfidence = gradualConfidence;
        b.gradualStepPercent = gradualStepPercent;
        b.scaleInStepPercent = scaleInStepPercent;
        b.staleAfter = staleAfter;
        b.spareUnits = spareUnits;
        return b;
    }

    /** Builds a {@link ScalingPolicy} by name; {@link #build()} validates as the constructor does. */
    public static final class Builder {
        private final double loadPerUnit;
        private final int floor;
        private final int ceiling;
        private Duration warmup = DEFAULT_WARMUP;
        private Mode mode = Mode.ForecastOnly;
        private boolean raiseCeiling;
        private double ceilingBufferPercent;
        private double capacityQuantile = DEFAULT_CAPACITY_QUANTILE;
        private double highUtilization = DEFAULT_HIGH_UTILIZATION;
        private double criticalUtilization = DEFAULT_CRITICAL_UTILIZATION;
        private double aggressiveConfidence = DEFAULT_AGGRESSIVE_CONFIDENCE;
        private double gradualConfidence = DEFAULT_GRADUAL_CONFIDENCE;
        private double gradualStepPercent = DEFAULT_GRADUAL_STEP_PERCENT;
        private double scaleInStepPercent = DEFAULT_SCALE_IN_STEP_PERCENT;
        private Duration staleAfter = DEFAULT_STALE_AFTER;
        private int spareUnits;

        private Builder(double loadPerUnit, int floor, int ceiling) {
            this.loadPerUnit = loadPerUnit;
            this.floor = floor;
            this.ceiling = ceiling;
        }

        public Builder warmup(Duration value) {
            warmup = value;
            return this;
        }

        public Builder mode(Mode value) {
            mode = value;
            return this;
        }

        /** Raise MaxCapacity by at most {@code bufferPercent} when a prediction needs more than the ceiling. */
        public Builder raiseCeiling(double bufferPercent) {
            raiseCeiling = true;
            ceilingBufferPercent = bufferPercent;
            return this;
        }

        public Builder capacityQuantile(double value) {
            capacityQuantile = value;
            return this;
        }

        public Builder highUtilization(double value) {
            highUtilization = value;
            return this;
        }

        public Builder criticalUtilization(double value) {
            criticalUtilization = value;
            return this;
        }

        public Builder aggressiveConfidence(double value) {
            aggressiveConfidence = value;
            return this;
        }

        public Builder gradualConfidence(double value) {
            gradualConfidence = value;
            return this;
        }

        public Builder gradualStepPercent(double value) {
            gradualStepPercent = value;
            return this;
        }

        public Builder scaleInStepPercent(double value) {
            scaleInStepPercent = value;
            return this;
        }

        public Builder staleAfter(Duration value) {
            staleAfter = value;
            return this;
        }

        /** Whole units on top of each busy hour's need (0 for a configured target: the sizing tuner adds them). */
        public Builder spareUnits(int value) {
            spareUnits = value;
            return this;
        }

        public ScalingPolicy build() {
            return new ScalingPolicy(
                    loadPerUnit,
                    floor,
                    ceiling,
                    warmup,
                    mode,
                    raiseCeiling,
                    ceilingBufferPercent,
                    capacityQuantile,
                    highUtilization,
                    criticalUtilization,
                    aggressiveConfidence,
                    gradualConfidence,
                    gradualStepPercent,
                    scaleInStepPercent,
                    staleAfter,
                    spareUnits);
        }
    }

    public ScalingPolicy withMode(Mode newMode) {
        return toBuilder().mode(newMode).build();
    }

    /** The same policy sizing floors differently: as the sizing tuner chose. */
    public ScalingPolicy withSizing(double quantile, double newLoadPerUnit) {
        return withSizing(quantile, newLoadPerUnit, spareUnits);
    }

    /** The same policy sizing floors differently, with {@code spare} whole units on top of each hour's need. */
    public ScalingPolicy withSizing(double quantile, double newLoadPerUnit, int spare) {
        return copy(newLoadPerUnit, floor, ceiling)
                .capacityQuantile(quantile)
                .spareUnits(spare)
                .build();
    }

    /**
     * The same policy restoring to {@code newFloor} instead: what our restores return to while someone else's
     * higher floor is in force with no restore of its own (see {@link PlanReconciler#restoreFloor}).
     */
    public ScalingPolicy withFloor(int newFloor) {
        return newFloor == floor
                ? this
                : copy(loadPerUnit, newFloor, Math.max(ceiling, newFloor)).build();
    }

    /** The highest capacity a plan may reach. */
    public int limit() {
        return raiseCeiling ? (int) Math.floor(ceiling * (1 + ceilingBufferPercent / 100)) : ceiling;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
