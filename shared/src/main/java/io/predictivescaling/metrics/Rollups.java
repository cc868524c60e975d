package io.predictivescaling.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Summarises samples into fixed buckets. Pure: used by the store adapter and by the backtest alike. */
public final class Rollups {
    private Rollups() {}

    /** @param samples sorted by time, oldest first */
    public static List<Rollup> of(List<LoadSample> samples, Duration resolution) {
        long bucketSeconds = resolution.getSeconds();
        if (bucketSeconds <= 0) {
            throw new IllegalArgumentException("resolution must be at least a second, got " + resolution);
        }
        List<Rollup> rollups = new ArrayList<>();
        int i = 0;
        while (i < samples.size()) {
            long bucket = Math.floorDiv(samples.get(i).timestamp().getEpochSecond(), bucketSeconds);
            int j = i;
            while (j < samples.size()
                    && Math.floorDiv(samples.get(j).timestamp().getEpochSecond(), bucketSeconds) == bucket) {
                j++;
            }
            rollups.add(summarise(samples.subList(i, j), Instant.ofEpochSecond(bucket * bucketSeconds)));
            i = j;
        }
        return rollups;
    }

    private static Rollup summarise(List<LoadSample> bucket, Instant start) {
        double[] values = bucket.stream().mapToDouble(LoadSample::value).toArray();
        Arrays.sort(values);
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        // Nearest-rank percentile: always a value that was really observed.
        int rank = (int) Math.ceil(0.95 * values.length);
        return new Rollup(
                start, values.length, sum / values.length, values[values.length - 1], values[Math.max(0, rank - 1)]);
    }
}
