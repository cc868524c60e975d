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
    private EventsCsv() {
    }

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
            if (line.isEmpty() || (i == 0 && line.toLowerCase().startsWith("start"))) {
                continue;
            }
            String[] f = line.split(",", -1);
            try {
                double impact = f.length > 4 && !f[4].isBlank() ? Double.parseDouble(f[4].trim()) : Double.NaN;
                events.add(new KnownEvent(f[2].trim(), f[3].trim(), time(f[0]), time(f[1]), source, impact));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(where + " row " + (i + 1) + ": expected start,end,type,name[,impact], got '"
                        + line + "': " + e.getMessage(), e);
            }
        }
        return events;
    }

    static Instant time(String text) {
        String t = text.trim();
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException e) {
            return LocalDateTime.parse(t.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
        }
    }
}
