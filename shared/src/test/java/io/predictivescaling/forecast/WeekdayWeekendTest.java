package io.predictivescaling.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A load with weekdays busy and weekend days quiet, as people drive it (a web server, an office application): the
 * Monday after a weekend is forecast at the weekday level even when recent Mondays were irregular quiet days
 * (holidays, an outage), since the other weekdays say what a weekday is like.
 */
class WeekdayWeekendTest {
    static final int DAY = 24;
    static final double WEEKDAY_PEAK = 100;
    static final double WEEKEND_PEAK = 40;

    /**
     * {@code days} hourly days from a Monday 04:00 (a day's load runs from one night trough to the next, so Friday
     * night's traffic after midnight still counts as Friday's); the day shape is a trough at 04:00 and a peak at
     * 16:00; weekends (days 5 and 6 of each week) peak at {@link #WEEKEND_PEAK}, weekdays at {@link #WEEKDAY_PEAK};
     * multiplicative noise of {@code noise}; the days in {@code quiet} (0-based) are at the weekend level.
     */
    static double[] weekdaysAndWeekends(int days, long seed, double noise, int... quiet) {
        Random random = new Random(seed);
        double[] y = new double[days * DAY];
        for (int t = 0; t < y.length; t++) {
            int d = t / DAY;
            boolean weekend = d % 7 >= 5 || Arrays.stream(quiet).anyMatch(q -> q == d);
            double peak = weekend ? WEEKEND_PEAK : WEEKDAY_PEAK;
            double shape = 0.55 - 0.45 * Math.cos(2 * Math.PI * (t % DAY) / DAY);
            y[t] = peak * (0.1 + shape) * (1 + noise * random.nextGaussian());
        }
        return y;
    }

    static double mean(double[] x, int from, int to) {
        return Arrays.stream(x, from, to).average().orElseThrow();
    }

    @Test
    void theMondayAfterAWeekendIsForecastAtTheWeekdayLevelWhenTheLastTwoMondaysWereHolidays() {
        for (long seed = 0; seed < 3; seed++) {
            // four weeks and a weekend; the last two Mondays (days 14 and 21) were quiet; forecast Sunday and Monday.
            // The old engine forecast about 23% low: the median of the last three Mondays is a holiday.
            int days = 4 * 7 + 6;
            double[] all = weekdaysAndWeekends(days + 2, seed, 0.05, 14, 21);
            double[] history = Arrays.copyOf(all, days * DAY);
            double[] clean = weekdaysAndWeekends(days + 2, seed, 0, 14, 21);

            double[] forecast = Forecasters.auto(DAY).choose(history, 2 * DAY).forecast();

            double monday = mean(forecast, DAY, 2 * DAY);
            double mondayActual = mean(clean, (days + 1) * DAY, (days + 2) * DAY);
            assertThat(monday)
                    .as("Monday's mean forecast against its weekday mean %.1f, seed %d", mondayActual, seed)
                    .isBetween(0.95 * mondayActual, 1.05 * mondayActual);
            double sunday = mean(forecast, 0, DAY);
            double sundayActual = mean(clean, days * DAY, (days + 1) * DAY);
            assertThat(sunday).isBetween(0.9 * sundayActual, 1.1 * sundayActual);
        }
    }

    @Test
    void aQuietMondayInAShortHistoryDoesNotMakeMondaysWeekendDays() {
        for (long seed = 0; seed < 3; seed++) {
            // two weeks and six days; last Monday (day 14) was quiet. The old engine forecast about 29% low.
            int days = 2 * 7 + 6;
            double[] all = weekdaysAndWeekends(days + 2, seed, 0.05, 14);
            double[] clean = weekdaysAndWeekends(days + 2, seed, 0, 14);

            double[] forecast = Forecasters.auto(DAY)
                    .choose(Arrays.copyOf(all, days * DAY), 2 * DAY)
                    .forecast();

            double mondayActual = mean(clean, (days + 1) * DAY, (days + 2) * DAY);
            assertThat(mean(forecast, DAY, 2 * DAY))
                    .as("Monday's mean forecast against its weekday mean %.1f, seed %d", mondayActual, seed)
                    .isBetween(0.85 * mondayActual, 1.15 * mondayActual);
        }
    }

    @Test
    void theDayTypesAreFoundWithoutACalendarWhereverTheHistoryStarts() {
        // the history starts on a Wednesday at 21:00 (17 hours after the trough); days are cut at the night trough
        double[] all = weekdaysAndWeekends(4 * 7, 1, 0.05);
        double[] history = Arrays.copyOfRange(all, 2 * DAY + 17, all.length);
        int start = DayTypeProfile.dayStart(history, DAY);
        assertThat(Math.floorMod(start + 2 * DAY + 17, DAY)).isZero();
        boolean[] busier = DayTypeProfile.types(history, DAY, start);
        // the history's day 0 (from its first trough) is the synthetic day 3, a Thursday: Saturday and Sunday are its
        // days 2 and 3 of each week
        assertThat(busier).containsExactly(true, true, false, false, true, true, true);
    }

    @Test
    void aGapOverAWeekendIsFilledWithTheWeekendBeforeNotWithFridayRepeated() {
        // three weeks observed, then nothing from Friday 14:00 to Monday 16:00 (a server outage), then four days
        double[] y = weekdaysAndWeekends(4 * 7, 2, 0.05);
        double[] withGap = y.clone();
        int from = (2 * 7 + 4) * DAY + 10;
        int to = (3 * 7) * DAY + 12;
        Arrays.fill(withGap, from, to, Double.NaN);

        double[] filled = GapFiller.fill(withGap, DAY);

        for (int t = from; t < to; t++) {
            assertThat(filled[t]).as("hour %d", t).isEqualTo(y[t - 7 * DAY]);
        }
        // a gap within a day is still filled from the day before
        double[] shortGap = y.clone();
        Arrays.fill(shortGap, from, from + 6, Double.NaN);
        assertThat(GapFiller.fill(shortGap, DAY)[from + 3]).isEqualTo(y[from + 3 - DAY]);
        // the next Saturday is forecast at the weekend level
        int end = (4 * 7 - 2) * DAY;
        double[] forecast = Forecasters.auto(DAY)
                .choose(GapFiller.fill(Arrays.copyOf(withGap, end), DAY), DAY)
                .forecast();
        double saturday = mean(weekdaysAndWeekends(4 * 7, 2, 0), end, end + DAY);
        assertThat(mean(forecast, 0, DAY)).isBetween(0.9 * saturday, 1.1 * saturday);
    }

    @Test
    void dayTypesCompeteOnlyWhereTheWeekHasTwoTypesOfDay() {
        // Twitter_volume_AMZN's days of the week relative to its week: Wednesday 14% above, Friday 1% below, the
        // weekend
        // 10-17% below; pooling Monday to Friday would forecast each at the others' level
        double[] week = {1.0, 1.08, 1.14, 1.08, 0.99, 0.9, 0.83};
        Random random = new Random(3);
        double[] y = new double[4 * 7 * DAY];
        for (int t = 0; t < y.length; t++) {
            double shape = 0.55 - 0.45 * Math.cos(2 * Math.PI * (t % DAY) / DAY);
            y[t] = 100 * week[t / DAY % 7] * (0.1 + shape) * (1 + 0.02 * random.nextGaussian());
        }
        ForecastMethod dayType = new DayTypeProfile(DAY, 5, false, 0, "day-type-5");
        assertThat(DayTypeProfile.explained(y, DAY)).isLessThan(DayTypeProfile.MIN_EXPLAINED);
        assertThat(dayType.appliesTo(y)).isFalse();
        assertThat(dayType.appliesTo(weekdaysAndWeekends(4 * 7, 3, 0.05))).isTrue();
        // too short to tell the days apart
        assertThat(dayType.appliesTo(weekdaysAndWeekends(7, 3, 0.05))).isFalse();
    }
}
