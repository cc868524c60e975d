package io.predictivescaling.backtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    /** Standard metric periods, in seconds: the typical spacing is rounded to the nearest of these. */
    private static final long[] STANDARD = {
        1, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1200, 1800, 3600, 7200, 10800, 14400, 21600, 43200, 86400
    };

    private static final int EXAMPLES = 3;
    private static final long MAX_INTERVALS = 20_000_000;

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

    static Trace parse(String name, String text, TraceLayout.Choice choice) {
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
        return grid(name, records, delimiter, layout, choice);
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
            if (r.stream().anyMatch(f -> TraceValues.time(f) != null)) {
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

    private static String decode(byte[] b) {
        if (b.length >= 2 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xfe) {
            return new String(b, 2, b.length - 2, StandardCharsets.UTF_16LE);
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xfe && (b[1] & 0xff) == 0xff) {
            return new String(b, 2, b.length - 2, StandardCharsets.UTF_16BE);
        }
        // UTF-16 without a byte-order mark (some Windows tools): the zero high bytes of ASCII text sit at every
        // odd (little-endian) or even (big-endian) position; UTF-8 text holds no zero bytes.
        int pairs = Math.min(b.length, 2000) / 2;
        int zeroOdd = 0;
        int zeroEven = 0;
        for (int i = 0; i < pairs; i++) {
            zeroEven += b[2 * i] == 0 ? 1 : 0;
            zeroOdd += b[2 * i + 1] == 0 ? 1 : 0;
        }
        if (pairs >= 2 && zeroOdd > 0.9 * pairs && zeroEven == 0) {
            return new String(b, StandardCharsets.UTF_16LE);
        }
        if (pairs >= 2 && zeroEven > 0.9 * pairs && zeroOdd == 0) {
            return new String(b, StandardCharsets.UTF_16BE);
        }
        return new String(b, StandardCharsets.UTF_8);
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

    /** Unusable rows of one cause: how many, and the first few. */
    private static final class Cause {
        final String what;
        int count;
        final List<String> examples = new ArrayList<>();

        Cause(String what) {
            this.what = what;
        }

        void add(int row, String field) {
            if (count++ < EXAMPLES) {
                examples.add("row " + row + " '" + field + "'");
            }
        }

        String describe() {
            return count + (count == 1 ? " row " : " rows ") + what + " (" + String.join(", ", examples)
                    + (count > EXAMPLES ? ", ..." : "") + ")";
        }
    }

    private static Trace grid(
            String name, List<List<String>> records, char delimiter, TraceLayout layout, TraceLayout.Choice choice) {
        String chosenSeries = choice.series();
        ZoneId zone = choice.zone() != null ? choice.zone() : ZoneOffset.UTC;
        if (chosenSeries != null && layout.seriesColumn() < 0) {
            throw new IllegalArgumentException(name + ": --series '" + chosenSeries + "': the file has no column of "
                    + "series names (it holds one series, or pick its column with --value-column)");
        }
        boolean decimalComma = delimiter != ',';
        // One decimal mark for the whole column, so 307.007 reads as 1.043.007 beside it does (thousands), not
        // as 307.007 while the row after is skipped.
        List<String> valueFields = records.subList(layout.header() ? 1 : 0, records.size()).stream()
                .filter(r -> layout.valueColumn() < r.size())
                .map(r -> r.get(layout.valueColumn()))
                .toList();
        // A display export scales each value by itself (980, 1.23 K; 950 kB/s, 1.2 MB/s): read all in the base unit.
        boolean scaleUnits = TraceValues.mixedUnits(valueFields);
        // Scaled so it stays under 1000, a value with a unit groups no thousands: "1.204 s" beside "968 ms" is a
        // decimal. Only the plain values of such a column can show its decimal mark.
        char mark = TraceValues.decimalMark(
                scaleUnits
                        ? valueFields.stream()
                                .filter(f -> "".equals(TraceValues.unit(f)))
                                .toList()
                        : valueFields);
        Cause badTime =
                new Cause("with a timestamp that is not ISO-8601, yyyy-MM-dd HH:mm[:ss] nor epoch s/ms: skipped");
        Cause badValue = new Cause("with a value that is not a number: skipped");
        Cause notLoad = new Cause("with a negative or infinite value (not a load): skipped");
        Cause missingValue = new Cause("without a value column: skipped");
        List<String> problems = new ArrayList<>(layout.notes());
        if (mark != 0 && mark != (decimalComma ? ',' : '.')) {
            problems.add("column '" + layout.names().get(layout.valueColumn()) + "' writes numbers with a decimal "
                    + (mark == ','
                            ? "comma: '.' read as the thousands separator"
                            : "point: ',' read as the thousands separator"));
        }
        if (scaleUnits) {
            String example = valueFields.stream()
                    .filter(f -> TraceValues.unitFactor(TraceValues.unit(f)) != 1)
                    .findFirst()
                    .map(f -> ", '" + f.trim() + "' as "
                            + TraceValues.number(f, decimalComma) * TraceValues.unitFactor(TraceValues.unit(f)))
                    .orElse("");
            problems.add("column '" + layout.names().get(layout.valueColumn()) + "' writes its values in several "
                    + "units ("
                    + valueFields.stream()
                            .map(TraceValues::unit)
                            .filter(u -> u != null)
                            .map(u -> u.isEmpty() ? "none" : u)
                            .distinct()
                            .limit(5)
                            .toList()
                    + "): each read in the base unit" + example);
        }
        TreeMap<Instant, Double> points = new TreeMap<>();
        int duplicates = 0;
        int outOfOrder = 0;
        Instant previous = null;
        boolean localTimes = false;
        boolean newestFirst = newestFirst(records, layout);
        String series = null;
        Set<String> otherSeries = new LinkedHashSet<>();
        for (int i = layout.header() ? 1 : 0; i < records.size(); i++) {
            List<String> r = records.get(i);
            int row = i + 1;
            if (r.stream().allMatch(String::isBlank)) {
                continue; // a spreadsheet's empty row (";;" or spaces) holds no data to lose
            }
            if (layout.seriesColumn() >= 0 && layout.seriesColumn() < r.size()) {
                String s = r.get(layout.seriesColumn()).trim();
                if (series == null && (chosenSeries == null || s.equalsIgnoreCase(chosenSeries.trim()))) {
                    series = s;
                } else if (!s.equals(series)) {
                    otherSeries.add(s);
                    continue;
                }
            }
            String timeText = layout.timeColumn() < r.size() ? r.get(layout.timeColumn()) : "";
            Instant t = layout.time(timeText, zone, previous, newestFirst);
            if (t == null) {
                badTime.add(row, timeText);
                continue;
            }
            localTimes |= previous == null && (layout.serialDays() || TraceValues.isLocal(timeText, layout.dayFirst()));
            if (layout.valueColumn() >= r.size()) {
                missingValue.add(row, String.join(String.valueOf(delimiter), r));
                continue;
            }
            String raw = r.get(layout.valueColumn());
            double value;
            if (TraceValues.isMissing(raw)) {
                value = Double.NaN;
            } else {
                value = mark == 0 ? TraceValues.number(raw, decimalComma) : TraceValues.number(raw, mark);
                value *= scaleUnits ? TraceValues.unitFactor(TraceValues.unit(raw)) : 1;
                if (Double.isNaN(value)) {
                    badValue.add(row, raw);
                    continue;
                }
                if (Double.isInfinite(value) || value < 0) {
                    notLoad.add(row, raw);
                    continue;
                }
            }
            if (previous != null && t.isBefore(previous)) {
                outOfOrder++;
            }
            previous = t;
            if (points.put(t, value) != null) {
                duplicates++;
            }
        }
        for (Cause c : List.of(badTime, badValue, notLoad, missingValue)) {
            if (c.count > 0) {
                problems.add(c.describe());
            }
        }
        if (series == null && chosenSeries != null) {
            throw new IllegalArgumentException(
                    name + ": --series '" + chosenSeries + "' is none of the series in column '"
                            + layout.names().get(layout.seriesColumn()) + "': "
                            + otherSeries.stream().limit(10).toList());
        }
        if (!otherSeries.isEmpty()) {
            problems.add("the file holds " + (otherSeries.size() + 1) + " series in column '"
                    + layout.names().get(layout.seriesColumn()) + "': read '" + series + "', left out "
                    + otherSeries.stream().limit(5).toList() + " (choose another with --series)");
        }
        if (duplicates > 0) {
            problems.add(duplicates + " duplicate timestamps: the last value was kept"
                    + (choice.zone() == null && localTimes
                            ? " (the timestamps carry no offset and were read as UTC: if they are local time, a"
                                    + " daylight-saving change repeats an hour; give --timestamp-zone, e.g."
                                    + " --timestamp-zone Europe/Berlin)"
                            : ""));
        }
        if (outOfOrder > 0 && outOfOrder >= points.size() - 1) {
            problems.add("rows run newest first: sorted by time");
        } else if (outOfOrder > 0) {
            problems.add(outOfOrder + " rows out of order: sorted by time");
        }
        long known = points.values().stream().filter(v -> !Double.isNaN(v)).count();
        if (points.size() < 2 || known == 0) {
            throw new IllegalArgumentException(name + ": fewer than two usable rows (time column '"
                    + layout.names().get(layout.timeColumn()) + "', value column '"
                    + layout.names().get(layout.valueColumn()) + "')"
                    + (problems.isEmpty() ? "" : ": " + problems.get(0)));
        }
        refuseFlat(name, "column '" + layout.names().get(layout.valueColumn()) + "'", points);
        return onGrid(name, points, problems);
    }

    /** Whether the first timestamp read (as UTC) comes after the last: an export that runs newest first. */
    private static boolean newestFirst(List<List<String>> records, TraceLayout layout) {
        int from = layout.header() ? 1 : 0;
        Instant first = null;
        for (int i = from; i < records.size() && first == null; i++) {
            first = timeAt(records.get(i), layout);
        }
        Instant last = null;
        for (int i = records.size() - 1; i >= from && last == null; i--) {
            last = timeAt(records.get(i), layout);
        }
        return first != null && last != null && last.isBefore(first);
    }

    private static Instant timeAt(List<String> r, TraceLayout layout) {
        return layout.timeColumn() < r.size()
                ? layout.time(r.get(layout.timeColumn()), ZoneOffset.UTC, null, false)
                : null;
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
        refuseFlat(name, "the metric", points);
        return onGrid(name, points, new ArrayList<>(notes));
    }

    /** A trace with no variation has no pattern to forecast nor load to scale on: refused with the reason. */
    private static void refuseFlat(String name, String what, TreeMap<Instant, Double> points) {
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

    private static Trace onGrid(String name, TreeMap<Instant, Double> points, List<String> problems) {
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
