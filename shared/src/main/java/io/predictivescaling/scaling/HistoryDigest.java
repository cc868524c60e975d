package io.predictivescaling.scaling;

import io.predictivescaling.metrics.LoadSample;
import io.predictivescaling.metrics.RegularSeries;
import io.predictivescaling.metrics.Rollup;
import io.predictivescaling.metrics.Rollups;
import io.predictivescaling.planning.PlanningCore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What planning needs of a metric's history up to an hour boundary {@code covered} (exclusive), so a run reads
 * only the samples since then: each UTC hour's statistic ({@link PlanningCore#hourValue}, P95 in the Lambdas) over
 * the history span, the 5-minute means of the last {@link PredictAndScaleService#FINE_HISTORY}, and the newest
 * sample time. Gaps are NaN. {@link #view} gives exactly what {@link PlanningCore#hourly} and the service's
 * 5-minute series give from the raw samples (the tests compare the two), so the digest changes cost, not plans.
 * Pure; about 21 KB encoded for 28 days.
 */
public final class HistoryDigest {
    private static final int FORMAT = 1;
    private static final long HOUR = 3600;
    private static final long FINE = 300;

    private final long spanSeconds;
    private final double quantile;
    private final long fineSeconds;
    private final long covered;
    private final long newest;
    private final double[] hourly;
    private final double[] fine;

    private HistoryDigest(
            long spanSeconds,
            double quantile,
            long fineSeconds,
            long covered,
            long newest,
            double[] hourly,
            double[] fine) {
        this.spanSeconds = spanSeconds;
        this.quantile = quantile;
        this.fineSeconds = fineSeconds;
        this.covered = covered;
        this.newest = newest;
        this.hourly = hourly;
        this.fine = fine;
    }

    /**
     * Nothing known yet, covering up to {@code covered}: {@link #advance} from here with every sample of the span
     * builds a digest from scratch.
     *
     * @param span the hourly history (whole hours); fine the 5-minute history (whole 5 minutes)
     */
    public static HistoryDigest empty(Instant covered, Duration span, double quantile, Duration fine) {
        double[] h = new double[(int) (span.getSeconds() / HOUR)];
        double[] f = new double[(int) (fine.getSeconds() / FINE)];
        Arrays.fill(h, Double.NaN);
        Arrays.fill(f, Double.NaN);
        return new HistoryDigest(
                span.getSeconds(),
                quantile,
                fine.getSeconds(),
                hourStart(covered.getEpochSecond()),
                Long.MIN_VALUE,
                h,
                f);
    }

    /** The hour boundary this digest covers up to (exclusive). */
    public Instant covered() {
        return Instant.ofEpochSecond(covered);
    }

    /**
     * This digest moved on to {@code to} (a later hour boundary): the hours in {@code [covered, to)} are computed
     * from {@code samples} (sorted oldest first; those outside that range are ignored), older ones kept.
     */
    public HistoryDigest advance(List<LoadSample> samples, Instant to) {
        long end = hourStart(to.getEpochSecond());
        if (end < covered) {
            throw new IllegalArgumentException("a digest only moves forward: " + covered() + " to " + to);
        }
        double[] h = shifted(hourly, (end - covered) / HOUR);
        double[] f = shifted(fine, (end - covered) / FINE);
        long newestNow = newest;
        List<LoadSample> in = between(samples, covered, end);
        for (List<LoadSample> hour : byHour(in)) {
            long start = hourStart(hour.get(0).timestamp().getEpochSecond());
            int slot = (int) ((start - (end - spanSeconds)) / HOUR);
            if (slot >= 0) {
                double[] sorted =
                        hour.stream().mapToDouble(LoadSample::value).sorted().toArray();
                h[slot] = PlanningCore.hourValue(sorted, quantile);
            }
            for (Rollup r : Rollups.of(hour, Duration.ofSeconds(FINE))) {
                int fineSlot = (int) ((r.start().getEpochSecond() - (end - fineSeconds)) / FINE);
                if (fineSlot >= 0) {
                    f[fineSlot] = r.mean();
                }
            }
        }
        if (!in.isEmpty()) {
            newestNow = Math.max(newestNow, in.get(in.size() - 1).timestamp().getEpochSecond());
        }
        return new HistoryDigest(spanSeconds, quantile, fineSeconds, end, newestNow, h, f);
    }

    /**
     * What a run at {@code now} plans from, given the samples since {@link #covered()} (sorted; those before are
     * ignored): the same series the raw history gives.
     */
    public PlanningHistory view(List<LoadSample> tail, Instant now) {
        long hourNow = hourStart(now.getEpochSecond());
        List<LoadSample> since = between(tail, covered, Long.MAX_VALUE);
        HistoryDigest closed = advance(since, Instant.ofEpochSecond(hourNow));
        List<LoadSample> open = between(since, hourNow, now.getEpochSecond());
        long windowStart = hourNow - spanSeconds;
        // Hourly: the closed hours of the span, starting at the first hour with a sample (the whole span if none).
        int first = firstValue(closed.hourly);
        RegularSeries hourlySeries = first < 0
                ? new RegularSeries(Instant.ofEpochSecond(windowStart), Duration.ofHours(1), closed.hourly.clone())
                : new RegularSeries(
                        Instant.ofEpochSecond(windowStart + first * HOUR),
                        Duration.ofHours(1),
                        Arrays.copyOfRange(closed.hourly, first, closed.hourly.length));
        // 5-minute means: the closed buckets, then those of the open hour up to the last whole 5 minutes.
        long fineEnd = Math.floorDiv(now.getEpochSecond(), FINE) * FINE;
        long fineStart = fineEnd - fineSeconds;
        double[] buckets = new double[(int) (fineSeconds / FINE)];
        Arrays.fill(buckets, Double.NaN);
        for (int i = 0; i < buckets.length; i++) {
            long t = fineStart + i * FINE;
            long closedSlot = (t - (hourNow - fineSeconds)) / FINE;
            if (t >= windowStart && t < hourNow && closedSlot >= 0) {
                buckets[i] = closed.fine[(int) closedSlot];
            }
        }
        for (Rollup r : Rollups.of(between(open, fineStart, fineEnd), Duration.ofSeconds(FINE))) {
            buckets[(int) ((r.start().getEpochSecond() - fineStart) / FINE)] = r.mean();
        }
        int firstFine = firstValue(buckets);
        RegularSeries fineSeries = firstFine < 0
                ? new RegularSeries(Instant.ofEpochSecond(fineStart), Duration.ofSeconds(FINE), buckets)
                : new RegularSeries(
                        Instant.ofEpochSecond(fineStart + firstFine * FINE),
                        Duration.ofSeconds(FINE),
                        Arrays.copyOfRange(buckets, firstFine, buckets.length));
        boolean empty = first < 0 && open.isEmpty();
        long newestSample = open.isEmpty()
                ? closed.newest
                : open.get(open.size() - 1).timestamp().getEpochSecond();
        return new PlanningHistory(
                empty ? null : hourlySeries,
                empty ? null : fineSeries,
                empty ? Optional.empty() : Optional.of(Instant.ofEpochSecond(newestSample)));
    }

    /**
     * A metric's history as planning reads it.
     *
     * @param hourly each closed hour's statistic, or null when the span holds no sample
     * @param fine 5-minute means, or null when the span holds no sample
     * @param newest the newest sample in the span
     */
    public record PlanningHistory(RegularSeries hourly, RegularSeries fine, Optional<Instant> newest) {}

    /** The digest as bytes (doubles stored exactly). */
    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 * (hourly.length + fine.length) / 2 + 64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(FORMAT);
            out.writeLong(spanSeconds);
            out.writeDouble(quantile);
            out.writeLong(fineSeconds);
            out.writeLong(covered);
            out.writeLong(newest);
            for (double v : hourly) {
                out.writeDouble(v);
            }
            for (double v : fine) {
                out.writeDouble(v);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * A stored digest, if it was built for this span, quantile and 5-minute history (a changed
     * PREDICTION_HISTORY_DAYS or an unreadable item means building afresh, never a wrong series).
     */
    public static Optional<HistoryDigest> decode(byte[] data, Duration span, double quantile, Duration fine) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            if (in.readInt() != FORMAT
                    || in.readLong() != span.getSeconds()
                    || in.readDouble() != quantile
                    || in.readLong() != fine.getSeconds()) {
                return Optional.empty();
            }
            long covered = in.readLong();
            long newest = in.readLong();
            double[] h = new double[(int) (span.getSeconds() / HOUR)];
            double[] f = new double[(int) (fine.getSeconds() / FINE)];
            for (int i = 0; i < h.length; i++) {
                h[i] = in.readDouble();
            }
            for (int i = 0; i < f.length; i++) {
                f[i] = in.readDouble();
            }
            return in.available() == 0
                    ? Optional.of(
                            new HistoryDigest(span.getSeconds(), quantile, fine.getSeconds(), covered, newest, h, f))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static double[] shifted(double[] values, long by) {
        double[] out = new double[values.length];
        Arrays.fill(out, Double.NaN);
        for (int i = (int) Math.min(by, values.length); i < values.length; i++) {
            out[i - (int) by] = values[i];
        }
        return out;
    }

    private static int firstValue(double[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isNaN(values[i])) {
                return i;
            }
        }
        return -1;
    }

    /** The samples with {@code from <= t < to} (epoch seconds), in order. */
    private static List<LoadSample> between(List<LoadSample> sorted, long from, long to) {
        List<LoadSample> out = new ArrayList<>();
        for (LoadSample s : sorted) {
            long t = s.timestamp().getEpochSecond();
            if (t >= from && t < to) {
                out.add(s);
            }
        }
        return out;
    }

    private static List<List<LoadSample>> byHour(List<LoadSample> sorted) {
        List<List<LoadSample>> hours = new ArrayList<>();
        long current = Long.MIN_VALUE;
        for (LoadSample s : sorted) {
            long hour = hourStart(s.timestamp().getEpochSecond());
            if (hour != current) {
                hours.add(new ArrayList<>());
                current = hour;
            }
            hours.get(hours.size() - 1).add(s);
        }
        return hours;
    }

    private static long hourStart(long epochSecond) {
        return Math.floorDiv(epochSecond, HOUR) * HOUR;
    }
}
