package io.predictivescaling.targets;

/**
 * A target's scalable resource, how it may be scaled, and what one capacity unit costs per hour (0 when not
 * configured), so that feedback can report cost in money.
 *
 * @param tuneSizing let feedback re-choose the quantile and loadPerUnit daily from the last week (the
 *     {@code sizing} attribute: {@code tuned}, the default, or {@code fixed})
 * @param targetUtilization the target of the target tracking policy under the floors, as a fraction: the
 *     configured loadPerUnit is what one unit serves at it
 */
public record ScalingConfig(ScalableResource resource, ScalingPolicy policy, double unitPricePerHour,
                            boolean tuneSizing, double targetUtilization) {

    public ScalingConfig {
        if (!(targetUtilization > 0 && targetUtilization <= 1)) {
            throw new IllegalArgumentException("targetUtilization must be in (0, 1], got " + targetUtilization);
        }
    }
}
