package io.predictivescaling.backtest;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How the values of an exported trace are read: numbers with a decimal point or (in semicolon or tab files) a
 * decimal comma, thousands separators told by the column, units written after the number, and the texts that mean
 * "no value". Pure functions; unreadable text gives NaN so the caller can count it by cause. Timestamps are
 * {@link TraceTimes}'.
 */
final class TraceValues {

    private static final Pattern PLAIN_NUMBER = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

    private static final Pattern DECIMAL_COMMA = Pattern.compile("[-+]?(\\d+,?\\d*|,\\d+)([eE][-+]?\\d+)?");
    /** Thousands grouped by the other mark, a space, a narrow or no-break space or an apostrophe, one kind a number. */
    private static final Pattern GROUPED_DECIMAL_POINT =
            Pattern.compile("[-+]?\\d{1,3}([, \u00a0\u202f'\u2019])\\d{3}(\\1\\d{3})*(\\.\\d+)?");

    private static final Pattern GROUPED_DECIMAL_COMMA =
            Pattern.compile("[-+]?\\d{1,3}([. \u00a0\u202f'\u2019])\\d{3}(\\1\\d{3})*(,\\d+)?");
    private static final Pattern GROUPING = Pattern.compile("[ \u00a0\u202f'\u2019]");

    private TraceValues() {}

    /** Whether the text is a plain number ({@code 12}, {@code -1.5}, {@code 3e6}): no separators, no unit. */
    static boolean isPlainNumber(String text) {
        return PLAIN_NUMBER.matcher(text).matches();
    }

    /**
     * A number, or NaN when the text is not one, read by the file's default: a point is a decimal point (as in
     * {@code 12.5}); a comma is the decimal mark in semicolon or tab files ({@code decimalComma}: {@code 12,5} and
     * {@code 1.234,5} read as 12.5 and 1234.5) and groups thousands in comma files (a quoted {@code "1,234"}).
     * Spaces and apostrophes group thousands in both ({@code 1 234 567}, {@code 1'234'567}). A column whose values
     * show their decimal mark reads by {@link #decimalMark} instead.
     */
    static double number(String text, boolean decimalComma) {
        return number(text, decimalComma ? ',' : '.', true);
    }

    /**
     * A number whose decimal mark is known ({@code '.'} or {@code ','}, from {@link #decimalMark}): the other of the
     * two, a space or an apostrophe groups thousands, so {@code 307.007} reads as 307007 where the mark is a comma.
     */
    static double number(String text, char decimalMark) {
        return number(text, decimalMark, false);
    }

    /** @param pointFirst a plain {@code 307.007} reads as a decimal whatever the mark (the file's default) */
    private static double number(String text, char mark, boolean pointFirst) {
        String s = text.trim();
        if (s.isEmpty()) {
            return Double.NaN;
        }
        if (pointFirst && PLAIN_NUMBER.matcher(s).matches()) {
            return Double.parseDouble(s);
        }
        boolean comma = mark == ',';
        if ((comma ? DECIMAL_COMMA : PLAIN_NUMBER).matcher(s).matches()) {
            return Double.parseDouble(s.replace(mark, '.'));
        }
        if ((comma ? GROUPED_DECIMAL_COMMA : GROUPED_DECIMAL_POINT).matcher(s).matches()) {
            return Double.parseDouble(GROUPING.matcher(s.replace(comma ? "." : ",", ""))
                    .replaceAll("")
                    .replace(mark, '.'));
        }
        if (PLAIN_NUMBER.matcher(s).matches()) {
            return Double.parseDouble(s);
        }
        // NaN, and infinities as Prometheus (+Inf, -Inf), Go and Java write them
        String lower = s.toLowerCase(Locale.ROOT).replaceFirst("^\\+", "");
        String magnitude = lower.replaceFirst("^-", "");
        if (magnitude.equals("nan")) {
            return Double.NaN;
        }
        if (magnitude.equals("inf") || magnitude.equals("infinity")) {
            return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        // A number with its unit written after it, as some exporters and spreadsheets do ("301 ms", "12.5%",
        // "40 req/s"): the number is the load, in that unit.
        java.util.regex.Matcher unit = WITH_UNIT.matcher(s);
        if (unit.matches()) {
            return number(unit.group(1), mark, pointFirst);
        }
        return Double.NaN;
    }

    /** The digits and separators a value starts with, and an exponent if any. */
    private static final Pattern NUMERAL = Pattern.compile("[-+]?[0-9.,]*[0-9]([eE][-+]?[0-9]+)?");

    /**
     * A column's decimal mark, decided once from all its values so that every row reads alike: {@code ','} when
     * its values show a decimal comma ({@code 12,5}, {@code 1.234,5}, {@code 1.234.567}), {@code '.'} when they show
     * a decimal point ({@code 12.5}, {@code 1,234.5}, {@code 1,234,567}), else 0 (undecided: each value reads by the
     * file's default, {@link #number(String, boolean)}). A single separator followed by exactly three digits
     * ({@code 307.007}) shows nothing by itself; beside whole numbers ({@code 301}) and with no other kind of
     * decimal in the column, it groups thousands. The majority decides a column that shows both.
     *
     * @param fields the column's values as written (spaces and apostrophes grouping thousands are ignored)
     */
    static char decimalMark(List<String> fields) {
        int point = 0;
        int comma = 0;
        boolean whole = false;
        int threeAfterPoint = 0;
        int threeAfterComma = 0;
        for (String f : fields) {
            String t = f.trim().replaceAll("[ \u00a0\u202f'\u2019]", "");
            java.util.regex.Matcher n = NUMERAL.matcher(t);
            if (!n.lookingAt()) {
                continue;
            }
            String digits = n.group().replaceFirst("[eE].*", "");
            int lastPoint = digits.lastIndexOf('.');
            int lastComma = digits.lastIndexOf(',');
            long points = digits.chars().filter(c -> c == '.').count();
            long commas = digits.chars().filter(c -> c == ',').count();
            if (points == 0 && commas == 0) {
                whole |= n.group(1) == null;
            } else if (points > 0 && commas > 0) {
                if (lastPoint > lastComma) {
                    point++;
                } else {
                    comma++;
                }
            } else if (points + commas > 1) {
                if (points > 0) {
                    comma++; // 1.234.567: the point groups
                } else {
                    point++;
                }
            } else {
                int at = Math.max(lastPoint, lastComma);
                boolean three = digits.length() - at - 1 == 3;
                boolean leadingZero =
                        at == 0 || digits.replaceFirst("^[-+]", "").startsWith("0");
                if (!three || leadingZero || n.group(1) != null) {
                    if (points > 0) {
                        point++;
                    } else {
                        comma++;
                    }
                } else if (points > 0) {
                    threeAfterPoint++;
                } else {
                    threeAfterComma++;
                }
            }
        }
        if (point != comma) {
            return point > comma ? '.' : ',';
        }
        if (whole && threeAfterPoint > 0 && threeAfterComma == 0) {
            return ',';
        }
        if (whole && threeAfterComma > 0 && threeAfterPoint == 0) {
            return '.';
        }
        return 0;
    }

    /** A number (digits, separators) followed by a unit of letters, %, µ or a slash ("ms", "%", "req/s"). */
    private static final java.util.regex.Pattern WITH_UNIT = java.util.regex.Pattern.compile(
            "([-+]?[0-9][0-9.,\\s]*?)\\s*((?:(?:[kKMGTP]|Mil|Bil|Tri) )?[A-Za-z%\u00b5]+(?:/[A-Za-z]+)?)");

    /** Units read alone: a time unit, or a scale written without a base (Grafana's "1.23 K", "4.5 Mil"). */
    private static final java.util.Map<String, Double> WHOLE_UNITS = java.util.Map.ofEntries(
            java.util.Map.entry("ns", 1e-9),
            java.util.Map.entry("\u00b5s", 1e-6),
            java.util.Map.entry("us", 1e-6),
            java.util.Map.entry("ms", 1e-3),
            java.util.Map.entry("s", 1.0),
            java.util.Map.entry("sec", 1.0),
            java.util.Map.entry("min", 60.0),
            java.util.Map.entry("mins", 60.0),
            java.util.Map.entry("h", 3600.0),
            java.util.Map.entry("hour", 3600.0),
            java.util.Map.entry("hours", 3600.0),
            java.util.Map.entry("day", 86400.0),
            java.util.Map.entry("days", 86400.0),
            java.util.Map.entry("week", 604800.0),
            java.util.Map.entry("weeks", 604800.0),
            java.util.Map.entry("k", 1e3),
            java.util.Map.entry("K", 1e3),
            java.util.Map.entry("M", 1e6),
            java.util.Map.entry("G", 1e9),
            java.util.Map.entry("T", 1e12),
            java.util.Map.entry("Mil", 1e6),
            java.util.Map.entry("Bil", 1e9),
            java.util.Map.entry("Tri", 1e12));

    /** Units an SI (k, M, G, T, P) or binary (Ki, Mi, Gi, Ti, Pi) prefix scales: bytes, bits, hertz, watts, ops. */
    private static final Set<String> PREFIXED = Set.of(
            "B", "b", "bit", "bits", "Bps", "bps", "Byte", "Bytes", "byte", "bytes", "Hz", "W", "ops", "iops", "req",
            "rps", "rpm");

    /**
     * The unit written after a number ({@code "1.2 MB/s"} gives {@code "MB/s"}), {@code ""} when none, or {@code
     * null} when the text is no number.
     */
    static String unit(String text) {
        String s = text.trim();
        java.util.regex.Matcher unit = WITH_UNIT.matcher(s);
        if (unit.matches()) {
            return unit.group(2);
        }
        return Double.isNaN(number(s, '.', true)) && Double.isNaN(number(s, ',', true)) ? null : "";
    }

    /**
     * How many base units one of this unit is: {@code K} 1000 (Grafana's short scale), {@code MB/s} 10^6 (bytes per
     * second), {@code KiB} 1024, {@code ms} 0.001 (seconds), {@code min} 60; 1 for no unit or one without a known
     * scale ({@code %}, {@code req/s}).
     */
    static double unitFactor(String unit) {
        return scale(unit).factor();
    }

    /** A unit as a base unit ({@code ""} for a plain count, {@code "s"}, {@code "B/s"}, ...) times a factor. */
    private record Scale(String base, double factor) {}

    private static Scale scale(String unit) {
        if (unit == null || unit.isEmpty()) {
            return new Scale("", 1);
        }
        int space = unit.indexOf(' ');
        if (space > 0) {
            // a scale word before the unit, as Grafana writes "1.20 K req/s"
            Scale rest = scale(unit.substring(space + 1));
            return new Scale(rest.base(), WHOLE_UNITS.getOrDefault(unit.substring(0, space), 1.0) * rest.factor());
        }
        int slash = unit.indexOf('/');
        String head = slash < 0 ? unit : unit.substring(0, slash);
        String per = slash < 0 ? "" : unit.substring(slash);
        if (slash < 0 && WHOLE_UNITS.containsKey(head)) {
            double f = WHOLE_UNITS.get(head);
            boolean time = !Set.of("k", "K", "M", "G", "T", "Mil", "Bil", "Tri").contains(head);
            return new Scale(time ? "s" : "", f);
        }
        String binary = "KMGTP";
        if (head.length() > 2
                && head.charAt(1) == 'i'
                && binary.indexOf(head.charAt(0)) >= 0
                && PREFIXED.contains(head.substring(2))) {
            return new Scale(head.substring(2) + per, Math.pow(1024, binary.indexOf(head.charAt(0)) + 1));
        }
        String decimal = "kMGTP";
        char p = head.isEmpty() ? ' ' : head.charAt(0) == 'K' ? 'k' : head.charAt(0);
        if (head.length() > 1 && decimal.indexOf(p) >= 0 && PREFIXED.contains(head.substring(1))) {
            return new Scale(head.substring(1) + per, Math.pow(1000, decimal.indexOf(p) + 1));
        }
        return new Scale(unit, 1);
    }

    /**
     * Whether a column writes its values in more than one scale of the same unit, as a display export scales each
     * value by itself ({@code 980} beside {@code 1.23 K}, {@code 950 kB/s} beside {@code 1.2 MB/s}, {@code 301 ms}
     * beside {@code 1.2 s}): then each value reads in the base unit ({@link #unitFactor}). A column in one unit, or
     * in units of different kinds ({@code 301 ms} beside {@code 40 req/s}), reads as written.
     */
    static boolean mixedUnits(List<String> fields) {
        java.util.Map<String, Set<String>> byBase = new java.util.HashMap<>();
        for (String f : fields) {
            String u = isMissing(f) ? null : unit(f);
            if (u != null) {
                byBase.computeIfAbsent(scale(u).base(), k -> new java.util.HashSet<>())
                        .add(u);
            }
        }
        return byBase.values().stream().anyMatch(units -> units.size() > 1);
    }

    /** Text that says "no value here" ({@code null}, {@code NaN}, {@code -}, ...): a gap, not a bad row. */
    static boolean isMissing(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        return s.isEmpty()
                || s.equals("null")
                || s.equals("none")
                || s.equals("n/a")
                || s.equals("na")
                || s.equals("-")
                || s.equals("nil")
                || s.equals("undefined");
    }
}
