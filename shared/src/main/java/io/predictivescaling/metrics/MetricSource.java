package io.predictivescaling.metrics;

import io.predictivescaling.targets.ScalableTarget;
import java.time.Instant;
import java.util.List;

/** The port to where load is pulled from (CloudWatch in production). */
public interface MetricSource {

    /** The target's load samples with {@code from <= timestamp < to}, stored under its metric id. */
    List<LoadSample> fetch(ScalableTarget target, Instant from, Instant to);
}
