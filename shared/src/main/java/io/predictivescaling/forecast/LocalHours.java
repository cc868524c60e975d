package io.predictivescaling.forecast;

import io.predictivescaling.common.TimeWindow;
import io.predictivescaling.metrics.RegularSeries;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * An hourly series re-counted on a zone's wall clock, so that daily and weekly shapes line up by local hour: the
 * day a daylight-saving change happens, 08:00 local is still 08:00 local. The wall clock is written as if it were
 * UTC ("virtual" instants), which is what the forecasting methods count seasons on.
 *
 * <p>A local hour that does not exist (the spring-forward hour) is a gap; one that happens twice (fall back) is the
 * busier of the two. Hours inside a window left out of learning (an {@code excludeFromLearning} window, a past event)
 * are taken from the same local hour a week earlier (or later, at the start of the history), since the day before
 * is another weekday; where no such week is known they stay gaps.
 */
public final class LocalHours {
    private static final long HOUR = 3600;
    private static final int WEEK = 168;

    private final ZoneId zone;
    private final RegularSeries local;
    private final Instant utcEnd;

    private LocalHours(ZoneId zone, RegularSeries local, Instant utcEnd) {
        this.zone = zone;
        this.local = local;
        this.utcEnd = utcEnd;
    }

    /**
     * @param hourly UTC-aligned hourly values (NaN = gap), last complete hour last
     * @param zone the target's zone; a fixed offset (UTC) only shifts the clock
     * @param leftOut windows whose hours the forecast must not learn from
     */
    public static LocalHours of(RegularSeries hourly, ZoneId zone, List<TimeWindow> leftOut) {
        if (!hourly.step().equals(Duration.ofHours(1))) {
            throw new IllegalArgumentException("local hours need an hourly series, got a step of " + hourly.step());
        }
        long vStart = virtual(hourly.start(), zone);
        long vEnd = virtual(hourly.end(), zone);
        int n = (int) Math.max(0, (vEnd - vStart) / HOUR);
        double[] values = new double[n];
        boolean[] blanked = new boolean[n];
        for (int i = 0; i < n; i++) {
            LocalDateTime wall = LocalDateTime.ofEpochSecond(vStart + i * HOUR, 0, ZoneOffset.UTC);
            double v = Double.NaN;
            for (ZoneOffset offset : zone.getRules().getValidOffsets(wall)) {
                Instant at = wall.toInstant(offset);
                long k = (at.getEpochSecond() - hourly.start().getEpochSecond()) / HOUR;
                if (k < 0
                        || k >= hourly.size()
                        || (at.getEpochSecond() - hourly.start().getEpochSecond()) % HOUR != 0) {
                    continue;
                }
                Instant until = at.plusSeconds(HOUR);
                if (leftOut.stream().anyMatch(w -> w.overlaps(at, until))) {
                    blanked[i] = true;
                    continue;
                }
                double x = hourly.values()[(int) k];
                v = Double.isNaN(v) ? x : (Double.isNaN(x) ? v : Math.max(v, x));
            }
            values[i] = blanked[i] ? Double.NaN : v;
        }
        for (int i = 0; i < n; i++) {
            if (blanked[i]) {
                values[i] = sameHourAnotherWeek(values, blanked, i);
            }
        }
        return new LocalHours(
                zone, new RegularSeries(Instant.ofEpochSecond(vStart), Duration.ofHours(1), values), hourly.end());
    }

    /** The series on the wall clock, what the forecasting methods learn from. */
    public RegularSeries series() {
        return local;
    }

    /**
     * How many local steps a path must reach so that every UTC hour of {@code horizon} after the history's end
     * is covered (one more than the horizon across a spring-forward change).
     */
    public int stepsFor(Duration horizon) {
        int most = 0;
        for (int k = 0; k < horizon.toHours(); k++) {
            most = Math.max(most, localIndex(utcEnd.plusSeconds(k * HOUR)) + 1);
        }
        return most;
    }

    /**
     * A path predicted on the wall clock, read back onto UTC hours: the k-th UTC hour after the history's end
     * gets the prediction of its own local hour, horizon k + 1 hours.
     */
    public List<LoadPrediction> toUtc(List<LoadPrediction> localPath, Duration horizon) {
        List<LoadPrediction> out = new ArrayList<>();
        for (int k = 0; k < horizon.toHours(); k++) {
            Instant at = utcEnd.plusSeconds(k * HOUR);
            int j = localIndex(at);
            if (j < 0 || j >= localPath.size()) {
                continue;
            }
            LoadPrediction p = localPath.get(j);
            out.add(new LoadPrediction(
                    at,
                    Duration.ofHours(k + 1),
                    p.predictedLoad(),
                    p.lower(),
                    p.upper(),
                    p.confidence(),
                    p.reason(),
                    p.signals()));
        }
        return out;
    }

    private int localIndex(Instant utc) {
        return (int) Math.floorDiv(virtual(utc, zone) - local.end().getEpochSecond(), HOUR);
    }

    private static long virtual(Instant utc, ZoneId zone) {
        return LocalDateTime.ofInstant(utc, zone).toEpochSecond(ZoneOffset.UTC);
    }

    private static double sameHourAnotherWeek(double[] values, boolean[] blanked, int i) {
        for (int w = 1; i - w * WEEK >= 0; w++) {
            int j = i - w * WEEK;
            if (!blanked[j] && !Double.isNaN(values[j])) {
                return values[j];
            }
        }
        for (int w = 1; i + w * WEEK < values.length; w++) {
            int j = i + w * WEEK;
            if (!blanked[j] && !Double.isNaN(values[j])) {
                return values[j];
            }
        }
        return Double.NaN;
    }
}
