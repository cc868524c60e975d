package io.predictivescaling.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TraceTest {
    private static Trace trace(double... demand) {
        return new Trace("t", Instant.parse("2026-01-01T00:00:00Z"), Duration.ofMinutes(5), demand, List.of());
    }

    @Test
    void theDefaultUnitLetsTheNinetyNinthPercentileNeedTwentyUnits() {
        Trace t = trace(IntStream.rangeClosed(1, 101).mapToDouble(i -> i).toArray());

        assertThat(t.percentile(0.99)).isEqualTo(100);
        assertThat(t.defaultUnit()).isEqualTo(100.0 / 20);
        assertThat(Trace.DEFAULT_UNIT_HELP).isEqualTo("the trace's 99th percentile / 20");
    }

    @Test
    void aTraceWithoutLoadStillHasAPositiveDefaultUnit() {
        assertThat(trace(Double.NaN, 0, Double.NaN).defaultUnit()).isPositive();
    }
}
