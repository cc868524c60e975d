package io.predictivescaling.backtest;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How the fields of an exported trace are read: timestamps in the forms exporters write, and numbers with a
 * decimal point or (in semicolon or tab files) a decimal comma. Pure functions; unreadable text gives
 * {@code null} / NaN so the caller can count it by cause.
 */
final class TraceValues {
    /**
     * {@code 2024-03-01T10:00}, {@code 2024-03-01 10:00:05.123}, {@code 2024/03/01 10:00:00 +02:00},
     * {@code ...Z}, {@code ...+0000}, {@code ... UTC}: date, time with optional seconds and fraction, optional
     * offset. No offset means UTC.
     */
    private static final DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .appendValue(ChronoField.YEAR, 4)
            .optionalStart().appendLiteral('-').optionalEnd()
            .optionalStart().appendLiteral('/').optionalEnd()
            .appendValue(ChronoField.MONTH_OF_YEAR, 2)
            .optionalStart().appendLiteral('-').optionalEnd()
            .optionalStart().appendLiteral('/').optionalEnd()
            .appendValue(ChronoField.DAY_OF_MONTH, 2)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2).optionalEnd()
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH", "Z").optionalEnd()
            .optionalStart().appendLiteral("UTC").optionalEnd()
            .optionalStart().appendLiteral("GMT").optionalEnd()
            .toFormatter(Locale.ROOT);

    private static final Pattern PLAIN_NUMBER = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");
    private static final Pattern THOUSANDS_COMMA = Pattern.compile("\\d{1,3}(,\\d{3})+(\\.\\d+)?");
    private static final Pattern THOUSANDS_DOT = Pattern.compile("\\d{1,3}(\\.\\d{3})+(,\\d+)?");

    /** Epoch seconds below this (in 5138) are seconds; up to 1e14, milliseconds; then micro- and nanoseconds. */
    private static final double MILLIS_FROM = 1e11;

    private TraceValues() {
    }

    /** A date-time as text (not an epoch number), or {@code null}. */
    static Instant dateTime(String text) {
        String s = text.trim();
        if (s.length() < 15 || !Character.isDigit(s.charAt(0))) {
            return null;
        }
        try {
            TemporalAccessor parsed = DATE_TIME.parse(s);
            if (parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
                return OffsetDateTime.from(parsed).toInstant();
            }
            return LocalDateTime.from(parsed).toInstant(ZoneOffset.UTC);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    /**
     * An epoch time, its unit told by magnitude (seconds, milliseconds, micro- or nanoseconds), or
     * {@code null} if the number is not a plausible time (before 1973 or after 2286).
     */
    static Instant epoch(String text) {
        double v = number(text, false);
        if (!Double.isFinite(v) || v < 1e8) {
            return null;
        }
        double millis;
        if (v < MILLIS_FROM) {
            millis = v * 1e3;
        } else if (v < 1e14) {
            millis = v;
        } else if (v < 1e17) {
            millis = v / 1e3;
        } else {
            millis = v / 1e6;
        }
        if (millis > 1e13) {
            return null;
        }
        return Instant.ofEpochMilli(Math.round(millis));
    }

    /** A timestamp in any of the forms above, or {@code null}. */
    static Instant time(String text) {
        Instant t = dateTime(text);
        return t != null ? t : epoch(text);
    }

    /**
     * A number, or NaN when the text is not one. With {@code decimalComma} (semicolon or tab files)
     * {@code 1.234,5} and {@code 12,5} read as 1234.5 and 12.5; in comma files a quoted {@code "1,234"} is
     * a thousands separator.
     */
    static double number(String text, boolean decimalComma) {
        String s = text.trim();
        if (s.isEmpty()) {
            return Double.NaN;
        }
        if (PLAIN_NUMBER.matcher(s).matches()) {
            return Double.parseDouble(s);
        }
        if (decimalComma && s.indexOf(',') >= 0) {
            String t = s.replace(" ", "").replace("\u00a0", "").replace("\u202f", "");
            if (THOUSANDS_DOT.matcher(t).matches() || t.indexOf('.') < 0) {
                t = t.replace(".", "").replace(',', '.');
                if (PLAIN_NUMBER.matcher(t).matches()) {
                    return Double.parseDouble(t);
                }
            }
            return Double.NaN;
        }
        if (THOUSANDS_COMMA.matcher(s).matches()) {
            return Double.parseDouble(s.replace(",", ""));
        }
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.equals("nan") || lower.equals("inf") || lower.equals("infinity") || lower.equals("-infinity")) {
            return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : lower.equals("nan") ? Double.NaN
                    : Double.POSITIVE_INFINITY;
        }
        return Double.NaN;
    }

    /** Text that says "no value here" ({@code null}, {@code NaN}, {@code -}, ...): a gap, not a bad row. */
    static boolean isMissing(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        return s.isEmpty() || s.equals("null") || s.equals("none") || s.equals("n/a") || s.equals("na")
                || s.equals("-") || s.equals("nil") || s.equals("undefined");
    }
}
