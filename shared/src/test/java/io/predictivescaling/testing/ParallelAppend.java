package io.predictivescaling.testing;

import io.predictivescaling.metrics.LoadSample;
import io.predictivescaling.metrics.TimeSeriesStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/** Seeds weeks of samples into a store (one write per metric and hour) from several threads: faster fixtures. */
public final class ParallelAppend {
    private ParallelAppend() {
    }

    public static void append(TimeSeriesStore store, List<LoadSample> samples) {
        Map<Long, List<LoadSample>> byDay = samples.stream()
                .collect(Collectors.groupingBy(s -> s.timestamp().getEpochSecond() / 86_400));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> done = byDay.values().stream().map(day -> pool.submit(() -> store.append(day)))
                    .toList();
            for (Future<Integer> f : done) {
                f.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("seeding failed", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
