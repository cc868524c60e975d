package io.predictivescaling.backtest;

import io.predictivescaling.common.TextBytes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a load trace as people export it (CloudWatch console, Grafana, Datadog, spreadsheets, NAB) onto a
 * regular grid. The CSV is parsed by Commons CSV; delimiter (comma, semicolon, tab, pipe) and quoting are
 * detected, a UTF-8 byte-order mark (or a UTF-16 file) is handled, a header is optional, and the time and value
 * columns are found by content ({@link TraceLayout}) or named. Timestamps may be ISO-8601 with or without an
 * offset (none means UTC), {@code yyyy-MM-dd HH:mm[:ss]}, or epoch seconds or milliseconds (told apart by
 * magnitude). The interval is the typical spacing rounded to a standard period (1, 5, 10, 15, 30 min, 1 h,
 * ...), and timestamps within half a step snap onto that grid, so exporter jitter does not scatter the data.
 *
 * <p>A file that is JSON is read as the metric export it is ({@link TraceJson}: Prometheus query_range, {@code aws
 * cloudwatch get-metric-data} or {@code get-metric-statistics}, Datadog's query API).
 *
 * <p>Gaps stay gaps (NaN), never zero. Unusable rows are counted by cause with the first few shown in
 * {@link Trace#problems()}. A constant or all-zero trace is refused: there is nothing to scale on.
 */
public final class TraceReader {

    private TraceReader() {}

    /** Reads a trace, finding the time and value columns by content. */
    public static Trace read(Path file) {
        return read(file, null, null);
    }

    /**
     * @param timeColumn header name or 1-based position of the time column; {@code null} to find it
     * @param valueColumn header name or 1-based position of the value column; {@code null} to find it
     * @throws IllegalArgumentException with a one-line reason and fix when the file cannot be a trace
     */
    public static Trace read(Path file, String timeColumn, String valueColumn) {
        return read(file, timeColumn, valueColumn, null);
    }

    /**
     * @param timeColumn header name or 1-based position of the time column; {@code null} to find it
     * @param valueColumn header name or 1-based position of the value column; {@code null} to find it
     * @param series which series of a long export (a column of series names, or a JSON export's several series) to
     *     read, by name (case-insensitive; in JSON, a part of the series' labels); {@code null} for the first
     * @throws IllegalArgumentException with a one-line reason and fix when the file cannot be a trace, or holds no
     *     such series
     */
    public static Trace read(Path file, String timeColumn, String valueColumn, String series) {
        return read(file, timeColumn, valueColumn, series, null);
    }

    /**
     * @param timeColumn header name or 1-based position of the time column; {@code null} to find it
     * @param valueColumn header name or 1-based position of the value column; {@code null} to find it
     * @param series which series of a long export to read ({@link #read(Path, String, String, String)}); {@code
     *     null} for the first
     * @param zone where timestamps written without an offset ({@code 2026-11-01 01:30}, {@code 11/01/2026 1:30
     *     AM}) are, as exports in a browser's or console's local time write them; daylight-saving changes are
     *     followed (the repeated hour of an oldest-first export is read as two hours). {@code null} for UTC.
     *     Timestamps with an offset or {@code Z}, and epoch numbers, are instants whatever the zone.
     * @throws IllegalArgumentException with a one-line reason and fix when the file cannot be a trace, or holds no
     *     such series
     */
    public static Trace read(Path file, String timeColumn, String valueColumn, String series, ZoneId zone) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read trace " + file + ": " + e.getMessage(), e);
        }
        return parse(
                file.getFileName().toString(),
                decode(bytes),
                new TraceLayout.Choice(timeColumn, valueColumn, series, zone));
    }

    /** Parses lines of a trace file (tests and callers holding the text). */
    public static Trace parse(String name, List<String> lines) {
        return parse(name, lines, null);
    }

    /**
     * Parses lines of a trace file, timestamps without an offset in {@code zone} ({@code null}: UTC), as {@link
     * #read(Path, String, String, String, ZoneId)} reads a file.
     */
    public static Trace parse(String name, List<String> lines, ZoneId zone) {
        return parse(name, String.join("\n", lines), new TraceLayout.Choice(null, null, null, zone));
    }

    /**
     * Parses lines of a signal that goes beside a load, such as a sentiment score per interval, as {@link
     * #parse(String, List, ZoneId)} does, except that a constant signal is kept (every post neutral is a reading,
     * not a wrong column).
     *
     * @throws IllegalArgumentException when fewer than two rows are usable
     */
    public static Trace parseSignal(String name, List<String> lines, ZoneId zone) {
        return parse(name, String.join("\n", lines), new TraceLayout.Choice(null, null, null, zone), false);
    }

    static Trace parse(String name, String text, TraceLayout.Choice choice) {
        return parse(name, text, choice, true);
    }

    /** @param refuseFlat whether a constant or all-zero series is refused, as a load is */
    private static Trace parse(String name, String text, TraceLayout.Choice choice, boolean refuseFlat) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        if (TraceJson.looksLikeJson(body)) {
            if (choice.timeColumn() != null || choice.valueColumn() != null) {
                throw new IllegalArgumentException(name + ": --time-column and --value-column choose CSV columns; "
                        + "a JSON export's series are found by its format");
            }
            return TraceJson.parse(name, body, choice.series());
        }
        Character forced = null;
        if (body.regionMatches(true, 0, "sep=", 0, 4) && body.length() > 4) {
            forced = body.charAt(4); // Excel's "sep=;" first line
            int eol = body.indexOf('\n');
            body = eol < 0 ? "" : body.substring(eol + 1);
        }
        char delimiter = forced != null ? forced : delimiter(body);
        List<List<String>> records = records(name, body, delimiter);
        if (records.size() < 2) {
            throw new IllegalArgumentException(name + ": fewer than two rows: a trace needs timestamp,value rows");
        }
        String joined = choice.timeColumn() == null ? joinDateAndTime(records) : null;
        TraceLayout layout = TraceLayout.detect(name, records, delimiter, choice);
        if (joined != null) {
            layout = withNote(layout, joined);
        }
        if (layout.header()) {
            // An export of several tables (InfluxDB's annotated CSV) repeats the header above each: not data, and
            // no series name either.
            List<String> head = records.get(0);
            List<List<String>> data = new ArrayList<>(List.of(head));
            records.subList(1, records.size()).stream()
                    .filter(r -> !r.equals(head))
                    .forEach(data::add);
            int repeated = records.size() - data.size();
            if (repeated > 0) {
                records = data;
                layout = TraceLayout.detect(name, records, delimiter, choice);
                if (joined != null) {
                    layout = withNote(layout, joined);
                }
                layout = withNote(
                        layout,
                        repeated + (repeated == 1 ? " row repeats" : " rows repeat")
                                + " the header (one per table of the export): skipped");
            }
        }
        return TraceRows.read(name, records, delimiter, layout, choice, refuseFlat);
    }

    private static TraceLayout withNote(TraceLayout layout, String note) {
        List<String> notes = new ArrayList<>(layout.notes());
        notes.add(note);
        return new TraceLayout(
                layout.header(),
                layout.timeColumn(),
                layout.valueColumn(),
                layout.names(),
                layout.seriesColumn(),
                layout.dayFirst(),
                List.copyOf(notes),
                layout.serialDays());
    }

    private static final java.util.regex.Pattern DATE_ONLY =
            java.util.regex.Pattern.compile("\\d{4}([-/.])\\d{1,2}\\1\\d{1,2}|\\d{1,2}([-/.])\\d{1,2}\\2\\d{4}");
    private static final java.util.regex.Pattern TIME_ONLY =
            java.util.regex.Pattern.compile("\\d{1,2}:\\d{2}(:\\d{2}([.,]\\d{1,9})?)?(\\s*[AaPp][Mm])?");

    /**
     * A date and its time of day written in two columns side by side ({@code 2026-11-27,14:05:00}, a spreadsheet's or
     * logger's {@code 27.11.2026;14:05}) when no column holds a whole timestamp: joined into the first column, the
     * second dropped, in every row.
     *
     * @return the note saying so, or {@code null} when the file has no such columns
     */
    private static String joinDateAndTime(List<List<String>> records) {
        List<List<String>> sample = records.subList(1, Math.min(records.size(), 301));
        int width = sample.stream().mapToInt(List::size).max().orElse(0);
        for (List<String> r : sample.subList(0, Math.min(sample.size(), 5))) {
            if (r.stream().anyMatch(f -> TraceTimes.time(f) != null)) {
                return null; // a column of whole timestamps (or epochs) is the time
            }
        }
        for (int c = 0; c + 1 < width; c++) {
            int pairs = 0;
            int present = 0;
            for (List<String> r : sample) {
                if (c + 1 >= r.size() || r.get(c).isBlank()) {
                    continue;
                }
                present++;
                pairs += DATE_ONLY.matcher(r.get(c)).matches()
                                && TIME_ONLY.matcher(r.get(c + 1)).matches()
                        ? 1
                        : 0;
            }
            if (present > 0 && pairs >= 0.8 * present) {
                List<String> head = records.get(0);
                boolean header =
                        c + 1 < head.size() && !DATE_ONLY.matcher(head.get(c)).matches();
                String names =
                        header ? "'" + head.get(c) + "' and '" + head.get(c + 1) + "'" : (c + 1) + " and " + (c + 2);
                for (int i = 0; i < records.size(); i++) {
                    List<String> r = new ArrayList<>(records.get(i));
                    if (c + 1 < r.size()) {
                        r.set(c, r.get(c) + " " + r.get(c + 1));
                        r.remove(c + 1);
                    }
                    records.set(i, r);
                }
                return "columns " + names + " hold the date and the time of day: read together as the time";
            }
        }
        return null;
    }

    /** A trace file's bytes as text, decoded as every text file here is ({@link TextBytes#decode}). */
    private static String decode(byte[] b) {
        return TextBytes.decode(b, null).text();
    }

    /**
     * The delimiter that splits the first lines into the same number of fields, preferring tab, then
     * semicolon, then pipe, then comma (a semicolon file may hold decimal commas, never the reverse).
     */
    static char delimiter(String body) {
        List<String> lines = body.lines()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .limit(50)
                .toList();
        char best = ',';
        double bestShare = 0;
        for (char d : new char[] {'\t', ';', '|', ','}) {
            Map<Integer, Integer> counts = new LinkedHashMap<>();
            for (String line : lines) {
                counts.merge(count(line, d), 1, Integer::sum);
            }
            var mode =
                    counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElse(Map.entry(0, 0));
            double share = lines.isEmpty() ? 0 : mode.getValue() / (double) lines.size();
            if (mode.getKey() > 0 && share >= 0.9) {
                return d;
            }
            if (mode.getKey() > 0 && share > bestShare) {
                best = d;
                bestShare = share;
            }
        }
        return best;
    }

    private static int count(String line, char d) {
        int n = 0;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == d && !quoted) {
                n++;
            }
        }
        return n;
    }

    private static List<List<String>> records(String name, String body, char delimiter) {
        CSVFormat format = CSVFormat.DEFAULT
                .builder()
                .setDelimiter(delimiter)
                .setQuote('"')
                .setCommentMarker('#')
                .setIgnoreEmptyLines(true)
                .setIgnoreSurroundingSpaces(true)
                .setTrim(true)
                .get();
        List<List<String>> records = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(body, format)) {
            for (CSVRecord r : parser) {
                records.add(r.toList());
            }
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException(
                    name + ": not a readable CSV after " + records.size() + " rows (" + e.getMessage()
                            + "): check the quoting",
                    e);
        }
        return records;
    }

    /**
     * A trace from points already read (e.g. from CloudWatch): the same grid, snapping, warnings and refusals
     * as a file gets.
     *
     * @param notes what the source noted, kept at the head of {@link Trace#problems()}
     */
    public static Trace of(String name, TreeMap<Instant, Double> points, List<String> notes) {
        if (points.size() < 2) {
            throw new IllegalArgumentException(name + ": fewer than two datapoints");
        }
        TraceGrid.refuseFlat(name, "the metric", points);
        return TraceGrid.onGrid(name, points, new ArrayList<>(notes));
    }
}
