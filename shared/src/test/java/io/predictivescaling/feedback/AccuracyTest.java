package io.predictivescaling.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class AccuracyTest {
    /** Two hours planned at 3 units for a load of 20 at 10 per unit: 6 unit-hours, a peak-sized fleet 2 x 2. */
    private static final List<MaturedPrediction> SCORED =
            List.of(hour("2026-09-01T12:00:00Z"), hour("2026-09-01T13:00:00Z"));

    private static MaturedPrediction hour(String at) {
        return new MaturedPrediction(
                "t",
                at,
                Instant.parse(at),
                Duration.ofHours(1),
                Duration.ofHours(1),
                "p95",
                20,
                18,
                22,
                3,
                Map.of(),
                20.0);
    }

    @Test
    void withoutAConfiguredPriceThereIsNoCostRatherThanACostOfZero() {
        Accuracy a = Accuracy.of(SCORED, 10);

        assertThat(a.capacityUnitHours()).isEqualTo(6);
        assertThat(a.unitPricePerHour()).isEmpty();
        assertThat(a.cost()).isEmpty();
        assertThat(a.staticPeakCost()).isEmpty();
    }

    @Test
    void aPriceOfZeroIsAPriceFreeCapacityCostsNothing() {
        assertThat(Accuracy.of(SCORED, 10, OptionalDouble.of(0)).cost()).hasValue(0.0);
        assertThat(Accuracy.of(SCORED, 10, OptionalDouble.of(0.05)).cost()).hasValue(6 * 0.05);
        assertThat(Accuracy.of(SCORED, 10, OptionalDouble.of(0.05)).staticPeakCost())
                .hasValue(4 * 0.05);
    }
}
