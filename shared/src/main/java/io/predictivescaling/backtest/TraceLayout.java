package io.predictivescaling.backtest;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Where the time and the value are in an exported trace, found by content: the time column is the one whose
 * fields read as date-times (or, failing that, as increasing epoch numbers), the value column the first other
 * numeric one. A header is a first row whose time field is not a time. Either column can be named instead
 * (by header name or 1-based position).
 *
 * @param header whether the first record is a header
 * @param timeColumn 0-based
 * @param valueColumn 0-based
 * @param names the header's names (or {@code column 1}, ...)
 * @param seriesColumn a text column naming several series (a "long" export), or -1
 * @param dayFirst spreadsheet dates of the time column read day first ({@code 27.11.2026})
 * @param notes what was chosen that a user may want to change
 * @param serialDays the time column holds spreadsheet serial dates (days since 1899-12-30, local time), as a sheet
 *     whose date column is formatted as a number saves them
 */
record TraceLayout(
        boolean header,
        int timeColumn,
        int valueColumn,
        List<String> names,
        int seriesColumn,
        boolean dayFirst,
        List<String> notes,
        boolean serialDays) {

    private static final int SAMPLE = 300;

    /**
     * Which columns to read, which series of a long export, and the zone of timestamps written without an offset;
     * {@code null} means "find by content" (the first series; UTC).
     */
    record Choice(String timeColumn, String valueColumn, String series, java.time.ZoneId zone) {
        static final Choice AUTO = new Choice(null, null, null, null);
    }

    static TraceLayout detect(String name, List<List<String>> records, char delimiter, Choice choice) {
        int width = records.stream().mapToInt(List::size).max().orElse(0);
        List<List<String>> sample = records.subList(1, Math.min(records.size(), SAMPLE + 1));
        boolean decimalComma = delimiter != ',';
        List<String> notes = new ArrayList<>();
        // Score every column on the rows after the first (the first may be a header).
        double[] dateScore = new double[width];
        double[] epochScore = new double[width];
        double[] numberScore = new double[width];
        int[] distinctText = new int[width];
        boolean[] varies = new boolean[width];
        for (int c = 0; c < width; c++) {
            int dates = 0;
            int epochs = 0;
            int numbers = 0;
            int present = 0;
            Set<String> texts = new LinkedHashSet<>();
            String seen = null;
            for (List<String> r : sample) {
                if (c >= r.size() || TraceValues.isMissing(r.get(c))) {
                    continue;
                }
                present++;
                String f = r.get(c);
                varies[c] |= seen != null && !seen.equals(f);
                seen = f;
                if (TraceTimes.dateTime(f, false) != null || TraceTimes.dateTime(f, true) != null) {
                    dates++;
                } else if (!Double.isNaN(TraceValues.number(f, decimalComma))
                        || !Double.isNaN(TraceValues.number(f, !decimalComma))) {
                    // a number under either decimal mark: the reader decides the column's mark from all its rows
                    numbers++;
                    if (TraceTimes.epoch(f) != null && !f.contains(",")) {
                        epochs++;
                    }
                } else if (texts.size() < 50) {
                    texts.add(f.trim());
                }
            }
            double n = Math.max(1, present);
            dateScore[c] = dates / n;
            epochScore[c] = epochs / n;
            numberScore[c] = present == 0 ? 0 : numbers / n;
            distinctText[c] = texts.size();
        }
        List<String> first = records.isEmpty() ? List.of() : records.get(0);
        int chosenTime = choice.timeColumn() != null
                ? column(name, "--time-column", choice.timeColumn(), first, width)
                : findTime(dateScore, epochScore, varies, first, width);
        int time = chosenTime;
        boolean serialDays = false;
        if (time < 0) {
            // A date column a spreadsheet saved as numbers (46353.5868 for 2026-11-27 14:05): named as time, every
            // value a day from 1954 to 2119, changing row to row.
            for (int c = 0; c < width && time < 0; c++) {
                if (c < first.size() && isTimeName(first.get(c)) && varies[c] && isSerialDays(sample, c)) {
                    time = c;
                    serialDays = true;
                    notes.add("column '" + first.get(c).trim() + "' holds spreadsheet serial dates (days since "
                            + "1899-12-30): read as local times (UTC unless --timestamp-zone); format it as a date in the sheet"
                            + " to be sure");
                }
            }
        } else if (choice.timeColumn() != null && epochScore[time] < 0.8 && dateScore[time] < 0.8) {
            serialDays = isSerialDays(sample, time);
        }
        if (time < 0 && !first.isEmpty() && first.get(0).trim().equals("V1")) {
            // An M4 competition file (one series a row, no timestamps) is the usual wrong file here.
            throw new IllegalArgumentException(name + ": is an M4 file (a series a row, no timestamps), not a trace;"
                    + " give a time series (timestamp,value), or use forecast-m4 / backtest-m4 for M4 files");
        }
        if (time < 0) {
            throw new IllegalArgumentException(
                    name + ": no column of timestamps found (ISO-8601, yyyy-MM-dd HH:mm[:ss] "
                            + "or epoch seconds/milliseconds): name it with --time-column");
        }
        boolean header = first.size() <= time
                || (TraceTimes.time(first.get(time), false) == null && TraceTimes.time(first.get(time), true) == null);
        List<String> names = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            names.add(
                    header && c < first.size() && !first.get(c).isBlank()
                            ? first.get(c).trim()
                            : "column " + (c + 1));
        }
        int value;
        if (choice.valueColumn() != null) {
            value = column(name, "--value-column", choice.valueColumn(), first, width);
        } else {
            List<Integer> numeric = new ArrayList<>();
            for (int c = 0; c < width; c++) {
                if (c != time && numberScore[c] >= 0.8) {
                    numeric.add(c);
                }
            }
            // A second column of epoch times named as one (New Relic's beginTimeSeconds beside endTimeSeconds,
            // a query's _start/_stop) is the interval's other end, not the load.
            List<Integer> notTimes = numeric.stream()
                    .filter(c -> !(header && epochScore[c] >= 0.8 && isTimeName(names.get(c))))
                    .toList();
            List<Integer> loads = notTimes.isEmpty() ? numeric : notTimes;
            if (loads.isEmpty()) {
                throw new IllegalArgumentException(name + ": no column of numbers found beside the time column '"
                        + names.get(time) + "': name it with --value-column");
            }
            // A column named like a value wins; else the first that varies (a constant "table" id is no load).
            value = loads.stream()
                    .filter(c -> isValueName(names.get(c)))
                    .findFirst()
                    .or(() -> loads.stream().filter(c -> varies[c]).findFirst())
                    .orElse(loads.get(0));
            if (loads.size() > 1) {
                List<String> all = loads.stream().map(names::get).toList();
                notes.add(loads.size() + " numeric columns " + all + ": read '" + names.get(value)
                        + "' (choose another with --value-column)");
            }
        }
        if (value == time) {
            throw new IllegalArgumentException(
                    name + ": the time and value columns are both '" + names.get(time) + "'");
        }
        int series = -1;
        for (int c = 0; c < width; c++) {
            // Every row is looked at: a long export lists one series after another, so the first rows name only one.
            if (c != time
                    && c != value
                    && dateScore[c] < 0.5
                    && numberScore[c] < 0.5
                    && (distinctText[c] > 1 || namesSeveral(records, c, header))) {
                series = c;
                break;
            }
        }
        int t = time;
        // Day or month first is decided on every row, not the sample: an export starting on the 1st-12th of a month
        // shows a day above 12 only later.
        boolean dayFirst = TraceTimes.dayFirst(records.subList(Math.min(1, records.size()), records.size()).stream()
                .filter(r -> t < r.size())
                .map(r -> r.get(t))
                .toList());
        return new TraceLayout(header, time, value, List.copyOf(names), series, dayFirst, notes, serialDays);
    }

    /** Whether every value of column c reads as a spreadsheet serial date from 1954 to 2119. */
    private static boolean isSerialDays(List<List<String>> sample, int c) {
        int n = 0;
        for (List<String> r : sample) {
            if (c >= r.size() || TraceValues.isMissing(r.get(c))) {
                continue;
            }
            if (TraceTimes.serialDays(r.get(c), java.time.ZoneOffset.UTC) == null) {
                return false;
            }
            n++;
        }
        return n > 0;
    }

    /**
     * The instant a field of the time column says, as {@link TraceValues#time(String, boolean, java.time.ZoneId,
     * java.time.Instant, boolean)} reads it, or as a spreadsheet serial date in {@code zone}; {@code null} if none.
     */
    java.time.Instant time(String text, java.time.ZoneId zone, java.time.Instant previous, boolean newestFirst) {
        return serialDays
                ? TraceTimes.serialDays(text, zone)
                : TraceTimes.time(text, dayFirst, zone, previous, newestFirst);
    }

    /** Whether column c of the rows after the header holds more than one text (two series' names). */
    private static boolean namesSeveral(List<List<String>> records, int c, boolean header) {
        String seen = null;
        for (int i = header ? 1 : 0; i < records.size(); i++) {
            List<String> r = records.get(i);
            if (c >= r.size() || TraceValues.isMissing(r.get(c))) {
                continue;
            }
            String f = r.get(c).trim();
            if (seen == null) {
                seen = f;
            } else if (!seen.equals(f)) {
                return true;
            }
        }
        return false;
    }

    private static int findTime(
            double[] dateScore, double[] epochScore, boolean[] varies, List<String> first, int width) {
        // Date-time text that changes row to row (a query's constant _start/_stop is not the sample time).
        int best = -1;
        for (int c = 0; c < width; c++) {
            if (dateScore[c] >= 0.8 && varies[c] && (best < 0 || dateScore[c] > dateScore[best])) {
                best = c;
            }
        }
        if (best >= 0) {
            return best;
        }
        // Epoch numbers: prefer a column whose header says it is time, else the first plausible one.
        for (int c = 0; c < width; c++) {
            if (epochScore[c] >= 0.8 && varies[c] && c < first.size() && isTimeName(first.get(c))) {
                return c;
            }
        }
        for (int c = 0; c < width; c++) {
            if (epochScore[c] >= 0.8 && varies[c]) {
                return c;
            }
        }
        for (int c = 0; c < width; c++) {
            if (dateScore[c] >= 0.8) {
                return c; // too few rows to see which column changes
            }
        }
        return -1;
    }

    private static boolean isTimeName(String s) {
        String n = s.trim().toLowerCase(Locale.ROOT);
        return n.contains("time") || n.contains("date") || n.equals("ts") || n.equals("t") || n.contains("epoch");
    }

    private static boolean isValueName(String s) {
        String n = s.trim().toLowerCase(Locale.ROOT);
        return n.equals("value") || n.equals("values") || n.equals("_value");
    }

    /** A column chosen by name (case-insensitive) or 1-based position. */
    private static int column(String name, String option, String chosen, List<String> first, int width) {
        for (int c = 0; c < first.size(); c++) {
            if (first.get(c).trim().equalsIgnoreCase(chosen.trim())) {
                return c;
            }
        }
        try {
            int position = Integer.parseInt(chosen.trim());
            if (position >= 1 && position <= width) {
                return position - 1;
            }
        } catch (NumberFormatException e) {
            // not a position: reported below
        }
        throw new IllegalArgumentException(name + ": " + option + " '" + chosen + "' is neither a column name "
                + first.stream().map(String::trim).toList() + " nor a position 1.." + width);
    }
}
