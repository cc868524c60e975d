package io.predictivescaling.testing;

import io.predictivescaling.metrics.LoadSample;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * The load of issue 12's cases: 5-minute samples, about 100 at night and a smooth peak near 1,000 at the given
 * local hour, 3% seeded noise. The peak's hour and the zone it is counted in are the test's.
 */
public final class IssueLoad {
    private IssueLoad() {}

    /** The noiseless load at {@code t}: 100 + 900 exp(-(h - peak)^2 / 8), h the local hour of day. */
    public static double expected(Instant t, ZoneId zone, double peakHour) {
        ZonedDateTime local = t.atZone(zone);
        double hour = local.getHour() + local.getMinute() / 60.0;
        return 100 + 900 * Math.exp(-Math.pow(hour - peakHour, 2) / 8);
    }

    /** Every 5 minutes of {@code [from, to)}: {@code shape(t)} times (1 + 3% noise). */
    public static List<LoadSample> samples(
            String metricId, Instant from, Instant to, Function<Instant, Double> shape, long seed) {
        Random random = new Random(seed);
        List<LoadSample> samples = new ArrayList<>();
        for (Instant t = from; t.isBefore(to); t = t.plus(Duration.ofMinutes(5))) {
            samples.add(
                    new LoadSample(metricId, t, shape.apply(t) * (1 + 0.03 * random.nextGaussian()), "Count", "test"));
        }
        return samples;
    }

    /** The standard shape (peak at 15:00 UTC), a holiday day at 30% and Sundays at 60%. */
    public static Function<Instant, Double> withHoliday(Instant holidayStart) {
        return t -> {
            double v = expected(t, java.time.ZoneOffset.UTC, 15);
            if (!t.isBefore(holidayStart) && t.isBefore(holidayStart.plus(Duration.ofDays(1)))) {
                return 0.3 * v;
            }
            return t.atZone(java.time.ZoneOffset.UTC).getDayOfWeek() == DayOfWeek.SUNDAY ? 0.6 * v : v;
        };
    }
}
