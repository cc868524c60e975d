package io.predictivescaling.backtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * Reads a {@code timestamp,value} CSV (ISO-8601, or {@code yyyy-MM-dd HH:mm:ss} taken as UTC since the file
 * names no zone) onto a regular grid at its most common interval. Gaps stay gaps; bad rows, negative or
 * non-finite values, duplicates and off-grid rows are reported, never guessed silently.
 */
public final class TraceReader {
    private static final DateTimeFormatter PLAIN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private TraceReader() {
    }

    public static Trace read(Path file) {
        try {
            return parse(file.getFileName().toString(), Files.readAllLines(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read trace " + file + ": " + e.getMessage(), e);
        }
    }

    public static Trace parse(String name, List<String> lines) {
        List<String> problems = new ArrayList<>();
        TreeMap<Instant, Double> points = new TreeMap<>();
        int bad = 0;
        int duplicates = 0;
        int outOfOrder = 0;
        Instant previous = null;
        for (int row = 0; row < lines.size(); row++) {
            String line = lines.get(row).trim();
            if (line.isEmpty() || (row == 0 && line.toLowerCase(Locale.ROOT).startsWith("timestamp"))) {
                continue;
            }
            String[] fields = line.split(",", -1);
            Instant t;
            try {
                t = time(fields[0].trim());
            } catch (DateTimeParseException e) {
                if (bad++ < 5) {
                    problems.add("row " + (row + 1) + ": timestamp '" + fields[0] + "' is not ISO-8601 nor yyyy-MM-dd HH:mm:ss; skipped");
                }
                continue;
            }
            String raw = fields.length > 1 ? fields[1].trim() : "";
            double value;
            if (raw.isEmpty()) {
                value = Double.NaN;
            } else {
                try {
                    value = Double.parseDouble(raw);
                } catch (NumberFormatException e) {
                    value = Double.NEGATIVE_INFINITY;
                }
                if (!Double.isFinite(value) || value < 0) {
                    if (bad++ < 5) {
                        problems.add("row " + (row + 1) + ": value '" + raw + "' is not a load (finite, >= 0); kept as a gap");
                    }
                    value = Double.NaN;
                }
            }
            if (previous != null && t.isBefore(previous)) {
                outOfOrder++;
            }
            previous = t;
            if (points.containsKey(t)) {
                duplicates++;
            }
            points.put(t, value);
        }
        if (bad > 5) {
            problems.add((bad - 5) + " more bad rows");
        }
        if (duplicates > 0) {
            problems.add(duplicates + " duplicate timestamps: the last value was kept");
        }
        if (outOfOrder > 0) {
            problems.add(outOfOrder + " rows out of order: sorted by time");
        }
        if (points.size() < 2) {
            throw new IllegalArgumentException(name + ": fewer than two usable rows");
        }
        Duration step = commonStep(points);
        Instant start = points.firstKey();
        int n = (int) (Duration.between(start, points.lastKey()).getSeconds() / step.getSeconds()) + 1;
        double[] demand = new double[n];
        Arrays.fill(demand, Double.NaN);
        int offGrid = 0;
        for (var p : points.entrySet()) {
            long offset = Duration.between(start, p.getKey()).getSeconds();
            if (offset % step.getSeconds() != 0) {
                offGrid++;
                continue;
            }
            demand[(int) (offset / step.getSeconds())] = p.getValue();
        }
        if (offGrid > 0) {
            problems.add(offGrid + " rows off the " + step + " grid: skipped");
        }
        int gaps = (int) Arrays.stream(demand).filter(Double::isNaN).count();
        if (gaps > 0) {
            problems.add(gaps + " of " + n + " intervals have no data (gaps, not zero)");
        }
        return new Trace(name, start, step, demand, List.copyOf(problems));
    }

    private static Instant time(String text) {
        if (text.length() > 10 && text.charAt(10) == 'T') {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            }
        }
        return LocalDateTime.parse(text, PLAIN).toInstant(ZoneOffset.UTC);
    }

    /** The most common difference between consecutive timestamps. */
    private static Duration commonStep(TreeMap<Instant, Double> points) {
        TreeMap<Long, Integer> counts = new TreeMap<>();
        Instant prev = null;
        for (Instant t : points.keySet()) {
            if (prev != null) {
                counts.merge(Duration.between(prev, t).getSeconds(), 1, Integer::sum);
            }
            prev = t;
        }
        long best = counts.entrySet().stream().max(java.util.Map.Entry.comparingByValue()).orElseThrow().getKey();
        return Duration.ofSeconds(best);
    }
}
