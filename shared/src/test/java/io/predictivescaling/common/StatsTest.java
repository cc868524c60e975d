package io.predictivescaling.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {
    private static final double NAN = Double.NaN;

    @Test
    void everyMedianIsNaNWhenNoValueIsKnownInsteadOfZeroOrAnException() {
        assertThat(Stats.median(new double[0])).isNaN();
        assertThat(Stats.median(new double[] {NAN, NAN})).isNaN();
        assertThat(Stats.median(new double[] {4, 5}, 0)).isNaN();
        assertThat(Stats.median(new double[] {4, 5, 6}, 1, 1)).isNaN();
        assertThat(Stats.median(List.of())).isNaN();
        assertThat(Stats.median(Arrays.asList(NAN, null))).isNaN();
    }

    @Test
    void aMedianIgnoresUnknownValuesAndAveragesTheMiddleTwoOfAnEvenCount() {
        assertThat(Stats.median(new double[] {9, NAN, 1, 5})).isEqualTo(5);
        assertThat(Stats.median(new double[] {4, 1, NAN, 3, 2})).isEqualTo(2.5);
        assertThat(Stats.median(new double[] {7, 1, 3, 100}, 3)).isEqualTo(3);
        assertThat(Stats.median(new double[] {100, 2, 4, 100}, 1, 3)).isEqualTo(3);
        assertThat(Stats.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2);
    }

    @Test
    void theNinetiethPercentileOfTheStandardNormalIsComputedNotTyped() {
        assertThat(Stats.Z90).isCloseTo(1.2815515655, within(1e-9));
        assertThat(Stats.normalQuantile(0.5)).isCloseTo(0, within(1e-12));
        assertThat(Stats.normalQuantile(0.1)).isCloseTo(-Stats.Z90, within(1e-12));
    }
}
