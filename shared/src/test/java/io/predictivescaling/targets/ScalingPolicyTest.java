package io.predictivescaling.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ScalingPolicyTest {
    @Test
    void aNewTargetGetsTheNamedDefaultsAndForecastsOnly() {
        ScalingPolicy p = ScalingPolicy.defaults(10, 1, 5);

        assertThat(p.mode()).isEqualTo(ScalingPolicy.Mode.ForecastOnly);
        assertThat(p.raiseCeiling()).isFalse();
        assertThat(p.warmup()).isEqualTo(ScalingPolicy.DEFAULT_WARMUP).isEqualTo(Duration.ofMinutes(5));
        assertThat(p.capacityQuantile())
                .isEqualTo(ScalingPolicy.DEFAULT_CAPACITY_QUANTILE)
                .isEqualTo(0.8);
        assertThat(p.highUtilization())
                .isEqualTo(ScalingPolicy.DEFAULT_HIGH_UTILIZATION)
                .isEqualTo(0.85);
        assertThat(p.criticalUtilization())
                .isEqualTo(ScalingPolicy.DEFAULT_CRITICAL_UTILIZATION)
                .isEqualTo(1.0);
        assertThat(p.aggressiveConfidence())
                .isEqualTo(ScalingPolicy.DEFAULT_AGGRESSIVE_CONFIDENCE)
                .isEqualTo(0.8);
        assertThat(p.gradualConfidence())
                .isEqualTo(ScalingPolicy.DEFAULT_GRADUAL_CONFIDENCE)
                .isEqualTo(0.5);
        assertThat(p.gradualStepPercent())
                .isEqualTo(ScalingPolicy.DEFAULT_GRADUAL_STEP_PERCENT)
                .isEqualTo(25);
        assertThat(p.scaleInStepPercent())
                .isEqualTo(ScalingPolicy.DEFAULT_SCALE_IN_STEP_PERCENT)
                .isEqualTo(50);
        assertThat(p.staleAfter()).isEqualTo(ScalingPolicy.DEFAULT_STALE_AFTER).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void theBuilderChangesOnlyWhatItNamesAndValidatesLikeTheConstructor() {
        ScalingPolicy base = ScalingPolicy.defaults(10, 1, 5);
        ScalingPolicy p =
                base.toBuilder().capacityQuantile(0.9).raiseCeiling(20).build();

        assertThat(p.capacityQuantile()).isEqualTo(0.9);
        assertThat(p.limit()).isEqualTo(6);
        assertThat(p.toBuilder()
                        .capacityQuantile(base.capacityQuantile())
                        .build()
                        .highUtilization())
                .isEqualTo(base.highUtilization());
        assertThat(base.toBuilder().build()).isEqualTo(base);
        assertThatThrownBy(() ->
                        ScalingPolicy.builder(10, 1, 5).capacityQuantile(1.2).build())
                .hasMessageContaining("capacityQuantile must be in [0.5, 1)");
    }
}
