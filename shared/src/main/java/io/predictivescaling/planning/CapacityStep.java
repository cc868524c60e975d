package io.predictivescaling.planning;

import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Capacity to have in place from {@code at}: the planner's decision for one slot of the predicted path.
 *
 * <p>A value (equality over every field, the reason included). The reason is written when first asked for: a plan
 * has a step per hour and the backtest plans every interval once per sizing it tries, so formatting every step's
 * reason up front took more than half of a backtest's CPU while almost none of them was ever read.
 */
public final class CapacityStep {
    private final Instant at;
    private final int capacity;
    private final int maxCapacity;
    private final Severity severity;
    private final Strategy strategy;
    private final double predictedLoad;
    private final double plannedLoad;
    private final double confidence;
    private Supplier<String> why;
    private volatile String reason;

    /**
     * @param at when the capacity must serve (the action runs {@code warmup} earlier)
     * @param capacity the MinCapacity to set
     * @param maxCapacity the MaxCapacity to set, or 0 to leave it alone (only when the ceiling may be raised)
     * @param plannedLoad the load capacity was sized for (the policy's quantile of the prediction)
     * @param reason why, in words: the load, the units it needs, the severity and the prediction's own reason
     */
    public CapacityStep(
            Instant at,
            int capacity,
            int maxCapacity,
            Severity severity,
            Strategy strategy,
            double predictedLoad,
            double plannedLoad,
            double confidence,
            String reason) {
        this(at, capacity, maxCapacity, severity, strategy, predictedLoad, plannedLoad, confidence, () -> reason);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** As above, with the reason written by {@code why} the first time it is asked for. */
    CapacityStep(
            Instant at,
            int capacity,
            int maxCapacity,
            Severity severity,
            Strategy strategy,
            double predictedLoad,
            double plannedLoad,
            double confidence,
            Supplier<String> why) {
        this.at = at;
        this.capacity = capacity;
        this.maxCapacity = maxCapacity;
        this.severity = severity;
        this.strategy = strategy;
        this.predictedLoad = predictedLoad;
        this.plannedLoad = plannedLoad;
        this.confidence = confidence;
        this.why = why;
    }

    /** When the capacity must serve (the action runs {@code warmup} earlier). */
    public Instant at() {
        return at;
    }

    /** The MinCapacity to set. */
    public int capacity() {
        return capacity;
    }

    /** The MaxCapacity to set, or 0 to leave it alone (only when the ceiling may be raised). */
    public int maxCapacity() {
        return maxCapacity;
    }

    /** How hard the planned load would press on the capacity in place now (see {@link Severity}). */
    public Severity severity() {
        return severity;
    }

    /** How the raise is taken: in bounded steps, straight to the need, or straight up to the limit. */
    public Strategy strategy() {
        return strategy;
    }

    /** The predicted load of the slot (the median of the prediction). */
    public double predictedLoad() {
        return predictedLoad;
    }

    /** The load capacity was sized for (the policy's quantile of the prediction). */
    public double plannedLoad() {
        return plannedLoad;
    }

    /** The prediction's confidence, a fraction in [0, 1]: 1 minus the interval's half-width over the predicted load. */
    public double confidence() {
        return confidence;
    }

    /** Why, in words: the load, the units it needs, the severity and the prediction's own reason. */
    public String reason() {
        String r = reason;
        if (r == null) {
            synchronized (this) {
                r = reason;
                if (r == null) {
                    r = Objects.requireNonNull(why.get(), "reason");
                    reason = r;
                    why = null;
                }
            }
        }
        return r;
    }

    /** The same step at another MinCapacity (its reason, still unwritten if it was, kept). */
    public CapacityStep withCapacity(int newCapacity) {
        String r = reason;
        Supplier<String> keep = r != null ? () -> r : this::reason;
        return new CapacityStep(
                at, newCapacity, maxCapacity, severity, strategy, predictedLoad, plannedLoad, confidence, keep);
    }

    boolean sameCapacity(CapacityStep other) {
        return capacity == other.capacity && maxCapacity == other.maxCapacity;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CapacityStep s
                && capacity == s.capacity
                && maxCapacity == s.maxCapacity
                && Double.compare(predictedLoad, s.predictedLoad) == 0
                && Double.compare(plannedLoad, s.plannedLoad) == 0
                && Double.compare(confidence, s.confidence) == 0
                && at.equals(s.at)
                && severity == s.severity
                && strategy == s.strategy
                && reason().equals(s.reason());
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                at, capacity, maxCapacity, severity, strategy, predictedLoad, plannedLoad, confidence, reason());
    }

    @Override
    public String toString() {
        return "CapacityStep[at=" + at + ", capacity=" + capacity + ", maxCapacity=" + maxCapacity + ", severity="
                + severity + ", strategy=" + strategy + ", predictedLoad=" + predictedLoad + ", plannedLoad="
                + plannedLoad + ", confidence=" + confidence + ", reason=" + reason() + "]";
    }
}
