package io.predictivescaling.cli.m4;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The M4 competition CSV layout: a quoted header {@code "V1","V2",...}, then one row per series, its id and
 * its values in time order; shorter rows are padded with empty fields.
 */
public final class M4Csv {
    private M4Csv() {}

    /**
     * Series by id, in file order.
     *
     * @throws IOException when the file cannot be read, is not an M4 file, has a value that is not a number, or
     *     holds no series
     */
    public static Map<String, double[]> read(Path file) throws IOException {
        Map<String, double[]> series = new LinkedHashMap<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null || !header.replace("\"", "").startsWith("V1")) {
                throw new IOException(file + ": not an M4 file (expected a header \"V1\",\"V2\",... and a series a"
                        + " row); a time series (timestamp,value) goes to backtest --trace or bound --trace");
            }
            String line;
            int row = 1;
            while ((line = in.readLine()) != null) {
                row++;
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.split(",", -1);
                String id = unquote(fields[0]);
                List<Double> values = new ArrayList<>();
                for (int i = 1; i < fields.length; i++) {
                    String field = unquote(fields[i]);
                    if (field.isEmpty()) {
                        break;
                    }
                    try {
                        values.add(Double.parseDouble(field));
                    } catch (NumberFormatException e) {
                        throw new IOException(
                                file + " row " + row + " (" + id + "), column " + (i + 1) + ": '" + field
                                        + "' is not a number",
                                e);
                    }
                }
                series.put(id, values.stream().mapToDouble(Double::doubleValue).toArray());
            }
        }
        if (series.isEmpty()) {
            // Every command that reads an M4 file needs a series: none is an input mistake (a header-only file, a
            // cut download), not a run that quietly forecasts or scores nothing.
            throw new IOException(file + ": holds no series, only the header; give an M4 file with a row per series"
                    + " (its id, then its values)");
        }
        return series;
    }

    public static void write(Path file, Map<String, double[]> series) throws IOException {
        int width = series.values().stream().mapToInt(v -> v.length).max().orElse(0);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder header = new StringBuilder("\"V1\"");
            for (int i = 2; i <= width + 1; i++) {
                header.append(",\"V").append(i).append('"');
            }
            out.write(header.toString());
            out.newLine();
            for (var entry : series.entrySet()) {
                StringBuilder row =
                        new StringBuilder().append('"').append(entry.getKey()).append('"');
                double[] values = entry.getValue();
                for (int i = 0; i < width; i++) {
                    row.append(',');
                    if (i < values.length) {
                        row.append('"').append(format(values[i])).append('"');
                    }
                }
                out.write(row.toString());
                out.newLine();
            }
        }
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15
                ? Long.toString((long) v)
                : String.format(Locale.ROOT, "%.6g", v);
    }

    private static String unquote(String field) {
        String f = field.trim();
        return f.length() >= 2 && f.startsWith("\"") && f.endsWith("\"") ? f.substring(1, f.length() - 1) : f;
    }
}
