package io.predictivescaling.testing;

import io.predictivescaling.metrics.RegularSeries;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Random;

/**
 * Seeded synthetic load with a known shape: a daily curve peaking at 15:00 UTC, Saturdays 30% busier, a
 * weekly trend and multiplicative noise. What the tests recover patterns from and forecast.
 */
public final class SyntheticLoad {
    public static final Instant START = Instant.parse("2026-01-05T00:00:00Z"); // a Monday

    private SyntheticLoad() {}

    /** The noiseless load at time t. */
    public static double expected(Instant t, double trendPerWeek) {
        ZonedDateTime utc = t.atZone(ZoneOffset.UTC);
        double hour = utc.getHour() + utc.getMinute() / 60.0;
        double daily = 100 + 80 * Math.exp(-Math.pow(hour - 15, 2) / 18) - 40 * Math.exp(-Math.pow(hour - 3, 2) / 8);
        double weekly = utc.getDayOfWeek() == DayOfWeek.SATURDAY ? 1.3 : 1.0;
        double weeks = Duration.between(START, t).getSeconds() / (7 * 86_400.0);
        return daily * weekly * Math.pow(1 + trendPerWeek, weeks);
    }

    public static RegularSeries series(int steps, Duration step, double trendPerWeek, double noise, long seed) {
        Random random = new Random(seed);
        double[] values = new double[steps];
        for (int i = 0; i < steps; i++) {
            values[i] = expected(START.plus(step.multipliedBy(i)), trendPerWeek)
                    * Math.max(0.05, 1 + noise * random.nextGaussian());
        }
        return new RegularSeries(START, step, values);
    }
}
