package io.predictivescaling.patterns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.predictivescaling.common.TimeWindow;
import io.predictivescaling.metrics.RegularSeries;
import io.predictivescaling.testing.SyntheticLoad;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PatternAnalyzerTest {
    final PatternAnalyzer analyzer = new PatternAnalyzer();
    static final int FRIDAY_3AM = 4 * 24 + 3;

    @Test
    void recoversTheDailyPeakTheBusiestDayTheTrendAndTheNoise() {
        RegularSeries eightWeeks = SyntheticLoad.series(8 * 168, Duration.ofHours(1), 0.03, 0.05, 1);

        LoadPatterns p = analyzer.learn(eightWeeks, ZoneOffset.UTC, List.of());

        assertThat(p.hourOfDay().get(15)).isEqualTo(1.0);
        assertThat(p.hourOfDay().get(3)).isLessThan(0.45);
        assertThat(p.dayOfWeek().get(DayOfWeek.SATURDAY)).isEqualTo(1.0);
        assertThat(p.dayOfWeek().get(DayOfWeek.TUESDAY)).isCloseTo(1 / 1.3, within(0.04));
        assertThat(p.peakDescription()).isEqualTo("Saturday 15:00");
        assertThat(p.trendPerWeek()).isCloseTo(0.03, within(0.01));
        assertThat(p.trendDescription()).startsWith("+");
        assertThat(p.residualSpread()).isCloseTo(0.05, within(0.015));
        assertThat(p.hoursLearned()).isEqualTo(8 * 168);
        assertThat(p.monthOfYear()).as("less than a year: no seasonal layer").isEmpty();
    }

    @Test
    void aOneOffSpikeDoesNotBecomeAWeeklyPeak() {
        RegularSeries history = SyntheticLoad.series(6 * 168, Duration.ofHours(1), 0, 0.05, 2);
        history.values()[2 * 168 + FRIDAY_3AM] *= 10;

        LoadPatterns p = analyzer.learn(history, ZoneOffset.UTC, List.of());

        assertThat(p.hourOfWeek()[FRIDAY_3AM]).isLessThan(0.5);
        assertThat(p.peakDescription()).matches("Saturday 1[456]:00");
    }

    @Test
    void anExcludedWindowIsNotLearnedFrom() {
        RegularSeries history = SyntheticLoad.series(2 * 168, Duration.ofHours(1), 0, 0.0, 3);
        for (int h = 168; h < 168 + 24; h++) {
            history.values()[h] *= 20; // a launch day in week 2, Monday
        }
        var launch = new TimeWindow(history.time(168), history.time(168 + 24));

        LoadPatterns with = analyzer.learn(history, ZoneOffset.UTC, List.of(launch));

        assertThat(with.hoursLearned()).isEqualTo(2 * 168 - 24);
        assertThat(with.dayOfWeek().get(DayOfWeek.MONDAY)).isCloseTo(1 / 1.3, within(0.02));
    }

    @Test
    void aYearOfHistoryAddsTheSeasonalLayer() {
        RegularSeries year = SyntheticLoad.series(366 * 24, Duration.ofHours(1), 0, 0.05, 4);
        for (int i = 0; i < year.size(); i++) {
            if (year.time(i).atZone(ZoneOffset.UTC).getMonth() == Month.DECEMBER) {
                year.values()[i] *= 1.25;
            }
        }

        LoadPatterns p = analyzer.learn(year, ZoneOffset.UTC, List.of());

        Map<Month, Double> months = p.monthOfYear();
        assertThat(months).hasSize(12);
        assertThat(months.get(Month.DECEMBER) / months.get(Month.JUNE)).isCloseTo(1.25, within(0.05));
    }

    @Test
    void perMinuteDataIsLearnedInTheOperatorsTimeZone() {
        RegularSeries minutes = SyntheticLoad.series(14 * 1440, Duration.ofMinutes(1), 0, 0.05, 5);

        LoadPatterns utc = analyzer.learn(minutes, ZoneOffset.UTC, List.of());
        LoadPatterns newYork = analyzer.learn(minutes, ZoneId.of("America/New_York"), List.of());

        assertThat(utc.hourOfDay().get(15)).isEqualTo(1.0);
        assertThat(newYork.hourOfDay().get(10)).isEqualTo(1.0); // 15:00 UTC is 10:00 EST in January
    }

    @Test
    void gapsAndNaNAreSkippedNotLearnedAsZero() {
        RegularSeries history = SyntheticLoad.series(3 * 168, Duration.ofHours(1), 0, 0.02, 6);
        Arrays.fill(history.values(), 100, 200, Double.NaN);
        history.values()[300] = Double.POSITIVE_INFINITY;
        history.values()[301] = -5;

        LoadPatterns p = analyzer.learn(history, ZoneOffset.UTC, List.of());

        assertThat(p.hoursLearned()).isEqualTo(3 * 168 - 100 - 2);
        assertThat(Arrays.stream(p.hourOfWeek()).boxed().toList())
                .allSatisfy(v -> assertThat(v).isBetween(0.0, 1.0));
        assertThat(p.peakLoad()).isCloseTo(180 * 1.3, within(10.0));
    }

    @Test
    void tooLittleHistoryIsAClearError() {
        RegularSeries halfADay = SyntheticLoad.series(12, Duration.ofHours(1), 0, 0, 7);

        assertThatThrownBy(() -> analyzer.learn(halfADay, ZoneOffset.UTC, List.of()))
                .isInstanceOf(InsufficientHistoryException.class)
                .hasMessage("patterns need at least 24 hours of data, got 12");
    }

    @Test
    void aConstantOrAllZeroSeriesGivesFlatPatternsNotNaN() {
        double[] zeros = new double[7 * 24];
        LoadPatterns flat = analyzer.learn(
                new RegularSeries(SyntheticLoad.START, Duration.ofHours(1), zeros), ZoneOffset.UTC, List.of());

        assertThat(flat.hourOfWeek()).containsOnly(0.0);
        assertThat(flat.peakLoad()).isZero();
        assertThat(flat.residualSpread()).isNotNaN();
        assertThat(flat.trendPerWeek()).isZero();
    }
}
