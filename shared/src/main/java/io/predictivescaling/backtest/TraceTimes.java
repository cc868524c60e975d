package io.predictivescaling.backtest;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.Temporal;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How the timestamps of an exported trace are read: ISO-8601 and its relatives, spreadsheet dates (day or month
 * first by the file), dates written with month names, epoch numbers told apart by magnitude, spreadsheet serial
 * days; local times in the trace's zone across daylight-saving changes. Pure functions; unreadable text gives
 * {@code null} so the caller can count it by cause. Numbers are {@link TraceValues}'.
 */
final class TraceTimes {
    /**
     * {@code 2024-03-01T10:00}, {@code 2024-03-01 10:00:05.123}, {@code 2024/03/01 10:00:00 +02:00},
     * {@code ...Z}, {@code ...+0000}, {@code ... UTC}: date, time with optional seconds and fraction, optional
     * offset. No offset means the trace's time zone (UTC unless given).
     */
    private static final DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .appendValue(ChronoField.YEAR, 4)
            .optionalStart()
            .appendLiteral('-')
            .optionalEnd()
            .optionalStart()
            .appendLiteral('/')
            .optionalEnd()
            .appendValue(ChronoField.MONTH_OF_YEAR, 2)
            .optionalStart()
            .appendLiteral('-')
            .optionalEnd()
            .optionalStart()
            .appendLiteral('/')
            .optionalEnd()
            .appendValue(ChronoField.DAY_OF_MONTH, 2)
            .optionalStart()
            .appendLiteral('T')
            .optionalEnd()
            .optionalStart()
            .appendLiteral(' ')
            .optionalEnd()
            .appendValue(ChronoField.HOUR_OF_DAY, 2)
            .appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart()
            .appendLiteral(':')
            .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .optionalEnd()
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
            .optionalEnd()
            .optionalStart()
            .appendLiteral(' ')
            .optionalEnd()
            .optionalStart()
            .appendOffset("+HH:MM", "Z")
            .optionalEnd()
            .optionalStart()
            .appendOffset("+HHMM", "Z")
            .optionalEnd()
            .optionalStart()
            .appendOffset("+HH", "Z")
            .optionalEnd()
            .optionalStart()
            .appendLiteral("UTC")
            .optionalEnd()
            .optionalStart()
            .appendLiteral("GMT")
            .optionalEnd()
            .toFormatter(Locale.ROOT);

    /** Epoch seconds below this (in 5138) are seconds; up to 1e14, milliseconds; then micro- and nanoseconds. */
    private static final double MILLIS_FROM = 1e11;

    private TraceTimes() {}

    /**
     * Spreadsheet dates: {@code 27.11.2026 14:00}, {@code 11/27/2026 2:00:00 PM}, {@code 27-11-2026 14:00:05}
     * (day and month order decided per file, see {@link #dayFirst}); optional AM/PM and offset.
     */
    private static final Pattern NUMERIC_DATE = Pattern.compile(
            "(\\d{1,2})([./-])(\\d{1,2})\\2(\\d{4})[ T,]+"
                    + "(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?\\s*([AaPp][Mm])?\\s*(Z|UTC|GMT|[+-]\\d{2}:?\\d{2})?");

    /** A date-time as text (not an epoch number), or {@code null}; spreadsheet dates read month first. */
    static Instant dateTime(String text) {
        return dateTime(text, false);
    }

    /**
     * Whether a column of spreadsheet dates is day first ({@code 27.11.2026}). Every field is looked at, since an
     * export that starts on the 1st-12th of a month looks ambiguous for days: a first number above 12 anywhere says
     * day first, a second above 12 month first. When no field tells, the order under which consecutive rows are
     * evenly spaced wins (a month-first reading of day-first dates jumps by a month between rows); only a tie falls
     * back to the separator (dots and dashes day first, slashes month first, as the US writes them).
     */
    static boolean dayFirst(List<String> fields) {
        boolean sawSlash = false;
        for (String f : fields) {
            java.util.regex.Matcher m = NUMERIC_DATE.matcher(f.trim());
            if (!m.matches()) {
                continue;
            }
            if (Integer.parseInt(m.group(1)) > 12) {
                return true;
            }
            if (Integer.parseInt(m.group(3)) > 12) {
                return false;
            }
            sawSlash |= m.group(2).equals("/");
        }
        long dayFirstSteps = evenSteps(fields, true);
        long monthFirstSteps = evenSteps(fields, false);
        if (dayFirstSteps != monthFirstSteps) {
            return dayFirstSteps > monthFirstSteps;
        }
        return !sawSlash;
    }

    /** How many consecutive rows, read in this order, are the most common spacing apart. */
    private static long evenSteps(List<String> fields, boolean dayFirst) {
        java.util.Map<Long, Long> spacing = new java.util.HashMap<>();
        Instant previous = null;
        for (String f : fields) {
            Instant t;
            try {
                t = dateTime(f, dayFirst);
            } catch (RuntimeException e) {
                t = null;
            }
            if (t != null && previous != null) {
                spacing.merge(Math.abs(t.getEpochSecond() - previous.getEpochSecond()), 1L, Long::sum);
            }
            previous = t == null ? previous : t;
        }
        return spacing.values().stream().mapToLong(Long::longValue).max().orElse(0);
    }

    /** A date-time as text (not an epoch number), or {@code null}; no offset read as UTC. */
    static Instant dateTime(String text, boolean dayFirst) {
        return dateTime(text, dayFirst, ZoneOffset.UTC, null, false);
    }

    /**
     * A date-time as text (not an epoch number), or {@code null}. Text with an offset ({@code Z}, {@code +02:00},
     * {@code UTC}) is that instant; text without one is a local time in {@code zone}. In a daylight-saving overlap
     * (the repeated hour when clocks go back) the reading that keeps the rows in their order is taken: oldest first,
     * the earlier unless it would not come after {@code previous} (so the hour's second pass reads as the later
     * hour); newest first, the later unless it would not come before {@code previous}. A local time skipped when
     * clocks go forward reads as the same moment after the jump ({@link ZonedDateTime#ofLocal}).
     *
     * @param previous the row before's instant, or {@code null}
     * @param newestFirst whether the rows run newest first
     */
    static Instant dateTime(String text, boolean dayFirst, ZoneId zone, Instant previous, boolean newestFirst) {
        Temporal t = written(text, dayFirst);
        if (t instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (!(t instanceof LocalDateTime local)) {
            return null;
        }
        ZonedDateTime earlier = ZonedDateTime.ofLocal(local, zone, null);
        ZonedDateTime later = earlier.withLaterOffsetAtOverlap();
        if (later.equals(earlier)) {
            return earlier.toInstant();
        }
        if (newestFirst) {
            return previous != null && !later.toInstant().isBefore(previous) ? earlier.toInstant() : later.toInstant();
        }
        return previous != null && !earlier.toInstant().isAfter(previous) ? later.toInstant() : earlier.toInstant();
    }

    /** Whether this date-time text carries no offset, so its zone is the reader's choice. */
    static boolean isLocal(String text, boolean dayFirst) {
        return written(text, dayFirst) instanceof LocalDateTime;
    }

    /** The text as an {@link OffsetDateTime} when it carries an offset, a {@link LocalDateTime} when not, or null. */
    private static Temporal written(String text, boolean dayFirst) {
        String s = text.trim();
        if (s.length() < 12) {
            return null;
        }
        if (!Character.isDigit(s.charAt(0))) {
            return named(s);
        }
        java.util.regex.Matcher m = NUMERIC_DATE.matcher(s);
        if (m.matches()) {
            return numericDate(m, dayFirst);
        }
        if (s.length() < 15) {
            return null;
        }
        // ISO-8601 allows a decimal comma before the fraction of a second, as log4j writes it: 14:05:00,123
        s = SECONDS_COMMA.matcher(s).replaceFirst("$1.");
        try {
            TemporalAccessor parsed = DATE_TIME.parse(s);
            if (parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
                return OffsetDateTime.from(parsed);
            }
            LocalDateTime local = LocalDateTime.from(parsed);
            String upper = s.toUpperCase(Locale.ROOT);
            return upper.endsWith("UTC") || upper.endsWith("GMT") ? local.atOffset(ZoneOffset.UTC) : local;
        } catch (java.time.DateTimeException e) {
            java.util.regex.Matcher go = ZONE_AFTER_OFFSET.matcher(s);
            if (go.matches()) {
                return written(go.group(1), dayFirst); // the offset says the instant; the name repeats it
            }
            return NAMED_HINT.matcher(s).find() ? named(s) : null;
        }
    }

    private static final Pattern SECONDS_COMMA = Pattern.compile("(:\\d{2}),(?=\\d)");

    /** An offset followed by the zone's abbreviation, as Go's time.Time writes itself: {@code ... +0000 UTC}. */
    private static final Pattern ZONE_AFTER_OFFSET = Pattern.compile("(.*[+-]\\d{2}:?\\d{2})\\s+[A-Za-z]{2,5}");

    /** Month or day names, a zone name, or ISO-8601's basic form: text the {@link #NAMED} formats may read. */
    private static final Pattern NAMED_HINT = Pattern.compile("[A-Za-z]{3}|^\\d{8}T\\d{4}");

    /**
     * Date-times written with names or in ISO-8601's other forms, English names, any case: RFC 1123 ({@code Fri, 27
     * Nov 2026 14:05:00 GMT}, HTTP and e-mail), Java's zoned form ({@code 2026-11-27T14:05:00Z[UTC]}), the Unix
     * {@code date} command's ({@code Fri Nov 27 14:05:00 UTC 2026}), US medium dates ({@code Nov 27, 2026, 2:05:00
     * PM}, {@code November 27, 2026 at 2:05 PM}, Excel's long {@code Friday, November 27, 2026 2:05 PM}, Kibana's {@code
     * Nov 27, 2026 @ 14:05:00.000}), day-month-name dates ({@code 27-Nov-2026 14:05:00}, {@code 27 Nov 2026 14:05}) and ISO-8601 basic ({@code
     * 20261127T140500Z}); Go's {@code 2026-11-27 14:05:00 +0000 UTC} reads by its offset. Parsed by java.time; a zone or offset is kept, none is a local time.
     */
    private static final List<DateTimeFormatter> NAMED = List.of(
            DateTimeFormatter.RFC_1123_DATE_TIME,
            DateTimeFormatter.ISO_ZONED_DATE_TIME,
            english("EEE MMM d HH:mm:ss[.SSS] zzz uuuu"),
            english("[MMMM][MMM] d[,] uuuu[,][ 'at'][ '@'] h:mm[:ss][.SSS] a"),
            english("[MMMM][MMM] d[,] uuuu[,][ 'at'][ '@'] HH:mm[:ss][.SSS]"),
            english("d[-][/][ ][MMMM][MMM][-][/][ ]uuuu[,][ ][:]HH:mm[:ss][.SSS][ ][XXX][X]"),
            english("[EEEE][EEE], [MMMM][MMM] d, uuuu[,][ 'at'] h:mm[:ss] a"),
            english("[EEEE][EEE], [MMMM][MMM] d, uuuu[,][ 'at'] HH:mm[:ss]"),
            english("uuuuMMdd'T'HHmm[ss][.SSS][X]"));

    private static DateTimeFormatter english(String pattern) {
        return new DateTimeFormatterBuilder()
                .parseCaseInsensitive()
                .appendPattern(pattern)
                .toFormatter(Locale.ENGLISH)
                .withResolverStyle(java.time.format.ResolverStyle.SMART);
    }

    private static Temporal named(String s) {
        for (DateTimeFormatter f : NAMED) {
            try {
                TemporalAccessor t = f.parseBest(s, ZonedDateTime::from, OffsetDateTime::from, LocalDateTime::from);
                if (t instanceof ZonedDateTime z) {
                    return z.toOffsetDateTime();
                }
                return (Temporal) t;
            } catch (java.time.DateTimeException e) {
                // not this form: the next
            }
        }
        return null;
    }

    private static Temporal numericDate(java.util.regex.Matcher m, boolean dayFirst) {
        int a = Integer.parseInt(m.group(1));
        int b = Integer.parseInt(m.group(3));
        int hour = Integer.parseInt(m.group(5));
        if (m.group(9) != null) {
            if (hour < 1 || hour > 12) {
                return null;
            }
            hour = hour % 12 + (m.group(9).equalsIgnoreCase("pm") ? 12 : 0);
        }
        try {
            LocalDateTime local = LocalDateTime.of(
                    Integer.parseInt(m.group(4)),
                    dayFirst ? b : a,
                    dayFirst ? a : b,
                    hour,
                    Integer.parseInt(m.group(6)),
                    m.group(7) == null ? 0 : Integer.parseInt(m.group(7)),
                    m.group(8) == null ? 0 : Integer.parseInt((m.group(8) + "00000000").substring(0, 9)));
            if (m.group(10) == null) {
                return local;
            }
            ZoneOffset offset =
                    !Character.isDigit(m.group(10).charAt(m.group(10).length() - 1))
                            ? ZoneOffset.UTC
                            : ZoneOffset.of(
                                    m.group(10).length() == 5
                                            ? m.group(10).substring(0, 3) + ":"
                                                    + m.group(10).substring(3)
                                            : m.group(10));
            return local.atOffset(offset);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    /**
     * An epoch time, its unit told by magnitude (seconds, milliseconds, micro- or nanoseconds), or
     * {@code null} if the number is not a plausible time (before 1973 or after 2286).
     */
    static Instant epoch(String text) {
        double v = TraceValues.number(text, false);
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

    /** Day 0 of spreadsheet serial dates (Excel's 1900 system, as LibreOffice and Google Sheets count too). */
    private static final LocalDateTime SERIAL_EPOCH = LocalDateTime.of(1899, 12, 30, 0, 0);

    /**
     * A spreadsheet serial date ({@code 46353.5868}: days since 1899-12-30, the fraction the time of day) as a local
     * time in {@code zone}, to the second, or {@code null} if the text is no number from 20000 to 80000 (1954 to
     * 2119).
     */
    static Instant serialDays(String text, ZoneId zone) {
        String s = text.trim();
        if (!TraceValues.isPlainNumber(s)) {
            return null;
        }
        double days = Double.parseDouble(s);
        if (days < 20000 || days > 80000) {
            return null;
        }
        return SERIAL_EPOCH.plusSeconds(Math.round(days * 86400)).atZone(zone).toInstant();
    }

    /** A timestamp in any of the forms above, or {@code null}. */
    static Instant time(String text) {
        return time(text, false);
    }

    /** A timestamp in any of the forms above, spreadsheet dates in the given order, or {@code null}. */
    static Instant time(String text, boolean dayFirst) {
        return time(text, dayFirst, ZoneOffset.UTC, null, false);
    }

    /**
     * A timestamp in any of the forms above, or {@code null}: local date-times in {@code zone} as {@link
     * #dateTime(String, boolean, ZoneId, Instant, boolean)} reads them; epoch numbers are instants whatever the zone.
     */
    static Instant time(String text, boolean dayFirst, ZoneId zone, Instant previous, boolean newestFirst) {
        Instant t = dateTime(text, dayFirst, zone, previous, newestFirst);
        return t != null ? t : epoch(text);
    }
}
