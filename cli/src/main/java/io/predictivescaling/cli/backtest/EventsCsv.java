package io.predictivescaling.cli.backtest;

import io.predictivescaling.patterns.TimeWindow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Known events for a backtest: CSV {@code start,end,type,name} with ISO-8601 or {@code yyyy-MM-dd HH:mm:ss} times. */
final class EventsCsv {
    private EventsCsv() {
    }

    static List<TimeWindow> read(Path file) throws IOException {
        List<TimeWindow> windows = new ArrayList<>();
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || (i == 0 && line.toLowerCase().startsWith("start"))) {
                continue;
            }
            String[] f = line.split(",", -1);
            try {
                windows.add(new TimeWindow(time(f[0]), time(f[1])));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(file + " row " + (i + 1) + ": expected start,end,type,name, got '"
                        + line + "': " + e.getMessage(), e);
            }
        }
        return windows;
    }

    private static Instant time(String text) {
        String t = text.trim();
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException e) {
            return LocalDateTime.parse(t.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
        }
    }
}
