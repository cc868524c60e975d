package io.predictivescaling.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RollupsTest {
    @Test
    void fiveMinuteBucketsCarryMeanMaxCountAndP95() {
        Instant start = Instant.parse("2026-11-27T20:00:00Z");
        List<LoadSample> samples = new ArrayList<>();
        for (int minute = 0; minute < 10; minute++) {
            samples.add(new LoadSample("m", start.plusSeconds(60L * minute), minute + 1, "", ""));
        }

        List<Rollup> rollups = Rollups.of(samples, Duration.ofMinutes(5));

        assertThat(rollups).hasSize(2);
        assertThat(rollups.get(0).start()).isEqualTo(start);
        assertThat(rollups.get(0).count()).isEqualTo(5);
        assertThat(rollups.get(0).mean()).isCloseTo(3.0, within(1e-9));
        assertThat(rollups.get(0).max()).isEqualTo(5.0);
        assertThat(rollups.get(0).p95()).isEqualTo(5.0);
        assertThat(rollups.get(1).start()).isEqualTo(start.plusSeconds(300));
        assertThat(rollups.get(1).mean()).isCloseTo(8.0, within(1e-9));
    }

    @Test
    void p95IsAnObservedValueThatIgnoresTheTopFivePercent() {
        Instant start = Instant.parse("2026-11-27T20:00:00Z");
        List<LoadSample> samples = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            samples.add(new LoadSample("m", start.plusSeconds(i), i == 99 ? 10_000 : i, "", ""));
        }

        Rollup hour = Rollups.of(samples, Duration.ofHours(1)).get(0);

        assertThat(hour.p95()).isEqualTo(94.0);
        assertThat(hour.max()).isEqualTo(10_000.0);
    }
}
