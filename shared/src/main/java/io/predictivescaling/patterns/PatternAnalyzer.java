package io.predictivescaling.patterns;

import io.predictivescaling.common.Stats;
import io.predictivescaling.common.TimeWindow;
import io.predictivescaling.metrics.RegularSeries;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Learns hour-of-day, day-of-week, hour-of-week and month-of-year patterns, trend and residual spread from
 * a metric's history. Every profile is a median, so a one-off spike (last year's launch) cannot become a
 * weekly peak; known anomalous windows can be left out entirely.
 */
public final class PatternAnalyzer {
    /** Fewer days than this cannot tell a trend from the weekly cycle. */
    static final int MIN_DAYS_FOR_TREND = 21;

    static final int MIN_HOURS = 24;

    /**
     * @param series at one hour or finer (finer is averaged to hours first)
     * @throws InsufficientHistoryException with less than a day of data
     */
    public LoadPatterns learn(RegularSeries series, ZoneId zone, List<TimeWindow> excluded) {
        RegularSeries hourly = toHourly(series);
        double[] y = hourly.values().clone();
        for (int i = 0; i < y.length; i++) {
            Instant t = hourly.time(i);
            if (!Double.isNaN(y[i]) && (y[i] < 0 || Double.isInfinite(y[i]))) {
                y[i] = Double.NaN;
            }
            for (TimeWindow w : excluded) {
                if (w.overlaps(t, t.plusSeconds(3600))) {
                    y[i] = Double.NaN;
                }
            }
        }
        int valid = (int) Arrays.stream(y).filter(v -> !Double.isNaN(v)).count();
        if (valid < MIN_HOURS) {
            throw new InsufficientHistoryException(
                    "patterns need at least " + MIN_HOURS + " hours of data, got " + valid);
        }
        int n = y.length;
        int[] dayIndex = new int[n];
        int[] hourOfWeek = new int[n];
        int[] hourOfDay = new int[n];
        Month[] month = new Month[n];
        LocalDate firstDay = ZonedDateTime.ofInstant(hourly.start(), zone).toLocalDate();
        for (int i = 0; i < n; i++) {
            ZonedDateTime local = ZonedDateTime.ofInstant(hourly.time(i), zone);
            dayIndex[i] = (int) (local.toLocalDate().toEpochDay() - firstDay.toEpochDay());
            hourOfDay[i] = local.getHour();
            hourOfWeek[i] = (local.getDayOfWeek().getValue() - 1) * 24 + local.getHour();
            month[i] = local.getMonth();
        }
        int days = dayIndex[n - 1] + 1;
        double[] dailyMedian = dailyMedians(y, dayIndex, days);
        double slopePerDay = trendPerDay(dailyMedian);
        double middle = (days - 1) / 2.0;
        double[] detrended = new double[n];
        for (int i = 0; i < n; i++) {
            detrended[i] = y[i] / Math.exp(slopePerDay * (dayIndex[i] - middle));
        }

        double[] hourOfDayProfile = medianBy(detrended, hourOfDay, 24);
        double[] hourOfWeekProfile = medianBy(detrended, hourOfWeek, 168);
        for (int h = 0; h < 168; h++) {
            if (Double.isNaN(hourOfWeekProfile[h])) {
                hourOfWeekProfile[h] = hourOfDayProfile[h % 24];
            }
        }
        double[] residuals = new double[n];
        for (int i = 0; i < n; i++) {
            double expected = hourOfWeekProfile[hourOfWeek[i]];
            residuals[i] = Double.isNaN(detrended[i]) || !(expected > 0) ? Double.NaN : detrended[i] / expected - 1;
        }
        double endFactor = Math.exp(slopePerDay * (days - 1 - middle));
        double peak = max(hourOfWeekProfile);

        Map<DayOfWeek, Double> dayProfile = new EnumMap<>(DayOfWeek.class);
        double[] dayMeans = new double[7];
        for (int d = 0; d < 7; d++) {
            double sum = 0;
            for (int h = 0; h < 24; h++) {
                sum += nanToZero(hourOfWeekProfile[d * 24 + h]);
            }
            dayMeans[d] = sum / 24;
        }
        double bestDay = max(dayMeans);
        for (int d = 0; d < 7; d++) {
            dayProfile.put(DayOfWeek.of(d + 1), relative(dayMeans[d], bestDay));
        }
        Map<Integer, Double> hourProfile = new TreeMap<>();
        double bestHour = max(hourOfDayProfile);
        for (int h = 0; h < 24; h++) {
            hourProfile.put(h, relative(hourOfDayProfile[h], bestHour));
        }
        double[] weekRelative = new double[168];
        for (int h = 0; h < 168; h++) {
            weekRelative[h] = relative(hourOfWeekProfile[h], peak);
        }
        Duration span = Duration.between(hourly.start(), hourly.end());
        return new LoadPatterns(
                zone,
                hourProfile,
                dayProfile,
                weekRelative,
                span.toDays() >= 365 ? monthProfile(detrended, month) : Map.of(),
                peak * endFactor,
                Math.exp(7 * slopePerDay) - 1,
                Stats.robustSigma(residuals),
                valid,
                hourly.start(),
                hourly.end());
    }

    /** Averages a finer series into whole hours, starting at the first hour boundary. */
    static RegularSeries toHourly(RegularSeries series) {
        long step = series.step().getSeconds();
        if (step == 3600) {
            return series;
        }
        if (step > 3600 || 3600 % step != 0) {
            throw new IllegalArgumentException(
                    "patterns need hourly or finer data dividing an hour, got step " + series.step());
        }
        long startSecond = series.start().getEpochSecond();
        int skip = (int) (Math.floorMod(-startSecond, 3600L) / step);
        double[] aligned = Arrays.copyOfRange(series.values(), Math.min(skip, series.size()), series.size());
        return new RegularSeries(series.time(Math.min(skip, series.size())), series.step(), aligned)
                .coarsen((int) (3600 / step));
    }

    private static double[] dailyMedians(double[] y, int[] dayIndex, int days) {
        double[] medians = new double[days];
        double[] buffer = new double[24 + 2];
        int i = 0;
        for (int d = 0; d < days; d++) {
            int count = 0;
            while (i < y.length && dayIndex[i] == d) {
                if (!Double.isNaN(y[i]) && count < buffer.length) {
                    buffer[count++] = y[i];
                }
                i++;
            }
            medians[d] = count >= 12 ? Stats.median(buffer, count) : Double.NaN;
        }
        return medians;
    }

    private static double trendPerDay(double[] dailyMedian) {
        long days = Arrays.stream(dailyMedian).filter(v -> !Double.isNaN(v)).count();
        if (days < MIN_DAYS_FOR_TREND) {
            return 0;
        }
        double[] logs = new double[dailyMedian.length];
        for (int d = 0; d < logs.length; d++) {
            logs[d] = Double.isNaN(dailyMedian[d]) ? Double.NaN : Math.log1p(dailyMedian[d]);
        }
        // Seven-day medians first, so that the weekly cycle does not tilt the slope.
        double[] weekly = new double[logs.length];
        for (int d = 0; d < logs.length; d++) {
            weekly[d] = d + 7 <= logs.length ? Stats.median(Arrays.copyOfRange(logs, d, d + 7)) : Double.NaN;
        }
        return Stats.theilSenSlope(weekly);
    }

    private static double[] medianBy(double[] values, int[] key, int keys) {
        int[] counts = new int[keys];
        for (int i = 0; i < values.length; i++) {
            if (!Double.isNaN(values[i])) {
                counts[key[i]]++;
            }
        }
        double[][] groups = new double[keys][];
        for (int k = 0; k < keys; k++) {
            groups[k] = new double[counts[k]];
        }
        int[] filled = new int[keys];
        for (int i = 0; i < values.length; i++) {
            if (!Double.isNaN(values[i])) {
                groups[key[i]][filled[key[i]]++] = values[i];
            }
        }
        double[] medians = new double[keys];
        for (int k = 0; k < keys; k++) {
            medians[k] = Stats.median(groups[k], counts[k]);
        }
        return medians;
    }

    private static Map<Month, Double> monthProfile(double[] detrended, Month[] month) {
        int[] key = new int[month.length];
        for (int i = 0; i < month.length; i++) {
            key[i] = month[i].ordinal();
        }
        double[] medians = medianBy(detrended, key, 12);
        double mean =
                Arrays.stream(medians).filter(v -> !Double.isNaN(v)).average().orElse(Double.NaN);
        Map<Month, Double> profile = new EnumMap<>(Month.class);
        for (int m = 0; m < 12; m++) {
            if (!Double.isNaN(medians[m]) && mean > 0) {
                profile.put(Month.of(m + 1), medians[m] / mean);
            }
        }
        return profile;
    }

    private static double relative(double value, double best) {
        return best > 0 && !Double.isNaN(value) ? value / best : 0;
    }

    private static double max(double[] values) {
        double best = 0;
        for (double v : values) {
            if (!Double.isNaN(v) && v > best) {
                best = v;
            }
        }
        return best;
    }

    private static double nanToZero(double v) {
        return Double.isNaN(v) ? 0 : v;
    }
}
