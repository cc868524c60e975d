package io.predictivescaling.scaling;

/**
 * A target's scalable resource, how it may be scaled, and what one capacity unit costs per hour (0 when not
 * configured), so that feedback can report cost in money.
 */
public record ScalingConfig(ScalableResource resource, ScalingPolicy policy, double unitPricePerHour) {
}
