package io.predictivescaling.backtest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A load trace on a regular grid: demand of interval i covers {@code [start + i*step, start + (i+1)*step)}.
 * NaN is a gap (no data), never zero.
 *
 * @param problems what the reader found and how it handled it (bad rows, duplicates, gaps), for the report
 */
public record Trace(String name, Instant start, Duration step, double[] demand, List<String> problems) {

    public int size() {
        return demand.length;
    }

    public Instant time(int i) {
        return start.plus(step.multipliedBy(i));
    }

    public double percentile(double q) {
        double[] known = java.util.Arrays.stream(demand).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (known.length == 0) {
            return 0;
        }
        return known[(int) Math.min(known.length - 1, Math.floor(q * (known.length - 1)))];
    }

    /** The first {@code n} intervals: what the backtest would have seen had the trace ended there. */
    public Trace cut(int n) {
        return new Trace(name, start, step, java.util.Arrays.copyOf(demand, n), problems);
    }
}
