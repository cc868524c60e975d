package io.predictivescaling.planning;

import io.predictivescaling.targets.ScalingPolicy;

/**
 * How hard a predicted load would press on the capacity in place now: predicted load (at the policy's
 * quantile) divided by what the current capacity serves. CRITICAL at or above {@code criticalUtilization}
 * (default 100%: the load would not be served), HIGH at or above {@code highUtilization} (default 85%),
 * NORMAL from 50%, LOW below.
 */
public enum Severity {
    LOW,
    NORMAL,
    HIGH,
    CRITICAL;

    public static Severity of(double utilization, ScalingPolicy policy) {
        if (utilization >= policy.criticalUtilization()) {
            return CRITICAL;
        }
        if (utilization >= policy.highUtilization()) {
            return HIGH;
        }
        return utilization >= 0.5 ? NORMAL : LOW;
    }
}
