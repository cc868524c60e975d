package io.predictivescaling.scaling;

/** A target's scalable resource and how it may be scaled. */
public record ScalingConfig(ScalableResource resource, ScalingPolicy policy) {
}
