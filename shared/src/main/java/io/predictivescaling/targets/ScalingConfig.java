package io.predictivescaling.targets;

import java.util.OptionalDouble;

/**
 * A target's scalable resource, how it may be scaled, and what one capacity unit costs per hour, so that feedback
 * can report cost in money.
 *
 * @param unitPricePerHour the price of one capacity unit for an hour, in the target's currency; empty when the item
 *     has no {@code unitPricePerHour} (then no cost is reported; 0 is a price: free capacity)
 * @param tuneSizing let feedback re-choose the quantile and loadPerUnit daily from the last week (the
 *     {@code sizing} attribute: {@code tuned}, the default, or {@code fixed})
 * @param targetUtilization the target of the target tracking policy under the floors, as a fraction: the
 *     configured loadPerUnit is what one unit serves at it
 */
public record ScalingConfig(
        ScalableResource resource,
        ScalingPolicy policy,
        OptionalDouble unitPricePerHour,
        boolean tuneSizing,
        double targetUtilization) {
    /** Target tracking's target utilization when the item does not say (also the backtest's default). */
    public static final double DEFAULT_TARGET_UTILIZATION = 0.7;

    public ScalingConfig {
        if (!(targetUtilization > 0 && targetUtilization <= 1)) {
            throw new IllegalArgumentException("targetUtilization must be in (0, 1], got " + targetUtilization);
        }
        if (unitPricePerHour.isPresent() && !(unitPricePerHour.getAsDouble() >= 0)) {
            throw new IllegalArgumentException(
                    "unitPricePerHour must not be negative, got " + unitPricePerHour.getAsDouble());
        }
    }
}
