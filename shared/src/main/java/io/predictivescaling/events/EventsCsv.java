package io.predictivescaling.events;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Known events as CSV: {@code start,end,type,name[,expectedImpact]}, times ISO-8601 or {@code yyyy-MM-dd HH:mm:ss}
 * (read as UTC, like traces), impact a fraction (-0.3 = 30% less load).
 */
public final class EventsCsv {
    private EventsCsv() {}

    public static List<KnownEvent> read(Path file) throws IOException {
        return parse(file.toString(), file.getFileName().toString(), Files.readAllLines(file));
    }

    /**
     * @param where names the file or URL in errors
     * @param source recorded as each event's source
     * @throws IllegalArgumentException naming the first bad row and the expected layout
     */
    public static List<KnownEvent> parse(String where, String source, List<String> lines) {
        List<KnownEvent> events = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty()
                    || (i == 0 && line.toLowerCase(java.util.Locale.ROOT).startsWith("start"))) {
                continue;
            }
            try {
                // Commons CSV: a name with a comma in quotes ("Macy's Parade, NYC") is one field.
                List<String> f = org.apache.commons.csv.CSVParser.parse(line, org.apache.commons.csv.CSVFormat.DEFAULT)
                        .getRecords()
                        .get(0)
                        .toList();
                if (f.size() < 4) {
                    throw new IllegalArgumentException("4 or 5 fields needed, got " + f.size());
                }
                double impact = f.size() > 4 && !f.get(4).isBlank()
                        ? Double.parseDouble(f.get(4).trim())
                        : Double.NaN;
                events.add(new KnownEvent(
                        f.get(2).trim(), f.get(3).trim(), time(f.get(0)), time(f.get(1)), source, impact));
            } catch (java.io.IOException | RuntimeException e) {
                throw new IllegalArgumentException(
                        where + " row " + (i + 1) + ": expected start,end,type,name[,impact], got '" + line + "': "
                                + e.getMessage(),
                        e);
            }
        }
        return events;
    }

    /**
     * A start or end: an ISO-8601 instant ({@code 2014-07-04T00:00:00Z}), a local date-time read as UTC
     * ({@code 2014-07-04 18:00}, seconds optional), or a date alone meaning its midnight UTC (an all-day event is
     * {@code 2014-07-04,2014-07-05}).
     *
     * @throws IllegalArgumentException saying which forms are accepted
     */
    static Instant time(String text) {
        String t = text.trim();
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException e) {
            // not an instant: a local date-time or a date
        }
        try {
            return LocalDateTime.parse(t.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            // not a local date-time either
        }
        try {
            return java.time.LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("time '" + t + "' is not 2014-07-04T18:00:00Z, 2014-07-04 18:00 or "
                    + "2014-07-04 (all read as UTC)");
        }
    }
}
