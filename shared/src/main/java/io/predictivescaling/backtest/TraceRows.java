package io.predictivescaling.backtest;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * The rows of a CSV trace, once its layout is known ({@link TraceLayout}), read into points: each row's time and
 * value by {@link TraceTimes} and {@link TraceValues}, one series of a long export, and every row left out counted
 * by its cause with the first few shown (bad time, bad value, not a load, no value column), duplicates and rows out
 * of order noted. The points then go onto the grid ({@link TraceGrid}).
 */
final class TraceRows {
    private static final int EXAMPLES = 3;

    private TraceRows() {}

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

    /**
     * @param name the file's name, for messages
     * @param records the CSV's records, header included when {@code layout} says so
     * @throws IllegalArgumentException with the reason and the fix when fewer than two rows are usable, the chosen
     *     series is none of the file's, or (with {@code refuseFlat}) the values are flat
     * @param refuseFlat whether a constant or all-zero series is refused (a load) or kept (a signal)
     */
    static Trace read(
            String name,
            List<List<String>> records,
            char delimiter,
            TraceLayout layout,
            TraceLayout.Choice choice,
            boolean refuseFlat) {
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
            localTimes |= previous == null && (layout.serialDays() || TraceTimes.isLocal(timeText, layout.dayFirst()));
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
        if (refuseFlat) {
            TraceGrid.refuseFlat(name, "column '" + layout.names().get(layout.valueColumn()) + "'", points);
        }
        return TraceGrid.onGrid(name, points, problems);
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
}
