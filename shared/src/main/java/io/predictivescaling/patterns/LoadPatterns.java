package io.predictivescaling.patterns;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.Month;
import java.time.ZoneId;
import java.util.Map;

/**
 * A metric's learned patterns, the way an operator thinks of them.
 *
 * @param zone the time zone hours and days are counted in
 * @param hourOfDay typical load per hour of day, relative to the busiest hour (1.0)
 * @param dayOfWeek typical load per day, relative to the busiest day (1.0)
 * @param hourOfWeek typical load per hour of the week (0 = Monday 00:00), relative to the busiest (1.0)
 * @param monthOfYear load per month relative to the year's average (1.0); empty with less than a year
 * @param peakLoad the busiest hour of the week's typical load, in the metric's unit
 * @param trendPerWeek growth per week as a fraction (0.03 = +3%/week), robust (Theil-Sen on daily medians)
 * @param residualSpread the typical relative deviation from the pattern (robust sigma, 0.1 = 10%)
 * @param hoursLearned hours of data the patterns were learned from (gaps and excluded windows not counted)
 * @param from start of the history used
 * @param to end of the history used
 */
public record LoadPatterns(
        ZoneId zone,
        Map<Integer, Double> hourOfDay,
        Map<DayOfWeek, Double> dayOfWeek,
        double[] hourOfWeek,
        Map<Month, Double> monthOfYear,
        double peakLoad,
        double trendPerWeek,
        double residualSpread,
        int hoursLearned,
        Instant from,
        Instant to) {

    /** The busiest hour of the week, e.g. "Friday 15:00". */
    public String peakDescription() {
        int best = 0;
        for (int i = 1; i < hourOfWeek.length; i++) {
            if (hourOfWeek[i] > hourOfWeek[best]) {
                best = i;
            }
        }
        return describeHourOfWeek(best);
    }

    public static String describeHourOfWeek(int hourOfWeek) {
        String day = DayOfWeek.of(hourOfWeek / 24 + 1)
                .getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH);
        return String.format(java.util.Locale.ROOT, "%s %02d:00", day, hourOfWeek % 24);
    }

    /** "+3.0%/week" or "flat". */
    public String trendDescription() {
        if (Math.abs(trendPerWeek) < 0.005) {
            return "flat";
        }
        return String.format(java.util.Locale.ROOT, "%+.1f%%/week", 100 * trendPerWeek);
    }
}
