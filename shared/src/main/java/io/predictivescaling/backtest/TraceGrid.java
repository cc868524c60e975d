package io.predictivescaling.backtest;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Points read from a file or a metric API onto a regular grid: the interval is the typical spacing rounded to a
 * standard metric period, timestamps within half a step snap onto the grid (exporter jitter does not scatter the
 * data), gaps stay NaN, and a flat trace is refused with the reason. Shared by {@link TraceReader} and {@link
 * TraceJson}, so every source gets the same grid, notes and refusals.
 */
final class TraceGrid {
    /** Standard metric periods, in seconds: the typical spacing is rounded to the nearest of these. */
    private static final long[] STANDARD = {
        1, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1200, 1800, 3600, 7200, 10800, 14400, 21600, 43200, 86400
    };

    private static final long MAX_INTERVALS = 20_000_000;

    private TraceGrid() {}

    /** A trace with no variation has no pattern to forecast nor load to scale on: refused with the reason. */
    static void refuseFlat(String name, String what, TreeMap<Instant, Double> points) {
        double[] known = points.values().stream()
                .filter(v -> !Double.isNaN(v))
                .mapToDouble(Double::doubleValue)
                .toArray();
        double min = Arrays.stream(known).min().orElse(0);
        double max = Arrays.stream(known).max().orElse(0);
        if (max == 0) {
            throw new IllegalArgumentException(name + ": every value of " + what + " is 0: there is no load "
                    + "to scale on (wrong column? choose it with --value-column)");
        }
        if (min == max) {
            throw new IllegalArgumentException(name + ": every value of " + what + " is " + max
                    + ": a constant trace has no pattern to forecast (wrong column? choose it with --value-column)");
        }
    }

    static Trace onGrid(String name, TreeMap<Instant, Double> points, List<String> problems) {
        long step = step(points, problems);
        long offset = offset(points, step);
        TreeMap<Long, Double> slots = new TreeMap<>();
        int moved = 0;
        long maxShift = 0;
        int collided = 0;
        for (var p : points.entrySet()) {
            long s = p.getKey().getEpochSecond() - offset;
            long index = Math.floorDiv(s + step / 2, step);
            long shift = Math.abs(s - index * step);
            if (shift > 0) {
                moved++;
                maxShift = Math.max(maxShift, shift);
            }
            Double before = slots.get(index);
            if (before == null || !Double.isNaN(p.getValue())) {
                collided += before != null && !Double.isNaN(before) ? 1 : 0;
                slots.put(index, p.getValue()); // a gap row never erases a value in the same interval
            }
        }
        long first = slots.firstKey();
        long n = slots.lastKey() - first + 1;
        if (n > MAX_INTERVALS) {
            throw new IllegalArgumentException(name + ": " + n + " intervals of " + Duration.ofSeconds(step) + " from "
                    + points.firstKey() + " to " + points.lastKey() + ": too long for a backtest");
        }
        if (moved > 0) {
            problems.add(moved + " timestamps snapped onto the " + Duration.ofSeconds(step) + " grid (by at most "
                    + maxShift + " s)");
        }
        if (collided > 0) {
            problems.add(collided + " rows fell in an interval that already had one: the last value was kept");
        }
        double[] demand = new double[(int) n];
        Arrays.fill(demand, Double.NaN);
        slots.forEach((i, v) -> demand[(int) (i - first)] = v);
        int gaps = (int) Arrays.stream(demand).filter(Double::isNaN).count();
        if (gaps > 0) {
            problems.add(gaps + " of " + n + " intervals have no data (gaps, not zero)");
        }
        Instant start = Instant.ofEpochSecond(first * step + offset);
        return new Trace(name, start, Duration.ofSeconds(step), demand, List.copyOf(problems));
    }

    /** The typical (median) spacing, rounded to the nearest standard period when within 20% of one. */
    private static long step(TreeMap<Instant, Double> points, List<String> problems) {
        long[] diffs = new long[points.size() - 1];
        int k = 0;
        Instant prev = null;
        for (Instant t : points.keySet()) {
            if (prev != null) {
                diffs[k++] = Math.max(1, Duration.between(prev, t).getSeconds());
            }
            prev = t;
        }
        Arrays.sort(diffs);
        long median = diffs[diffs.length / 2];
        long nearest = STANDARD[0];
        for (long s : STANDARD) {
            if (Math.abs(Math.log((double) s / median)) < Math.abs(Math.log((double) nearest / median))) {
                nearest = s;
            }
        }
        if (Math.abs(nearest - median) <= 0.2 * nearest) {
            return nearest;
        }
        problems.add("typical spacing " + Duration.ofSeconds(median) + " is no standard period: used as it is");
        return median;
    }

    /**
     * Where the grid sits within a step: the phase most timestamps share exactly (NAB's Twitter counts sit at
     * hh:m2:53), or, when jitter scatters them, the circular mean of their phases rounded to a whole minute (a
     * whole second for sub-minute steps), so jitter averages out and a consistent offset is kept.
     */
    private static long offset(TreeMap<Instant, Double> points, long step) {
        Map<Long, Integer> phases = new java.util.HashMap<>();
        for (Instant t : points.keySet()) {
            phases.merge(Math.floorMod(t.getEpochSecond(), step), 1, Integer::sum);
        }
        var common =
                phases.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
        if (common.getValue() * 2 >= points.size()) {
            return common.getKey();
        }
        double sin = 0;
        double cos = 0;
        for (Instant t : points.keySet()) {
            double phase = 2 * Math.PI * Math.floorMod(t.getEpochSecond(), step) / step;
            sin += Math.sin(phase);
            cos += Math.cos(phase);
        }
        double mean = Math.atan2(sin, cos);
        long seconds = Math.round((mean < 0 ? mean + 2 * Math.PI : mean) / (2 * Math.PI) * step);
        long unit = step >= 60 ? 60 : 1;
        return Math.floorMod(Math.round((double) seconds / unit) * unit, step);
    }
}
