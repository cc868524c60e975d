package io.predictivescaling.events;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Names of time zones as calendars write them, resolved to java.time zones (whose rules are the IANA database
 * the JDK ships): IANA ids ({@code Europe/Berlin}), ids behind a publisher prefix
 * ({@code /mozilla.org/20050126_1/America/New_York}), and Windows names ({@code W. Europe Standard Time},
 * mapped by CLDR's windowsZones table). A name none of these knows is empty: the caller falls back to the
 * calendar's own VTIMEZONE definition.
 */
public final class TimeZones {
    private static final Map<String, String> WINDOWS = windows();

    private TimeZones() {}

    public static Optional<ZoneId> resolve(String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        String n = name.trim().replaceAll("^\"|\"$", "");
        String windows = WINDOWS.get(n.toLowerCase(Locale.ROOT));
        if (windows != null) {
            return Optional.of(ZoneId.of(windows));
        }
        // "/mozilla.org/20050126_1/America/New_York", "/citadel.org/20190914_1/Europe/Berlin": the id is the tail.
        String[] parts = n.split("/");
        for (int from = 0; from < parts.length; from++) {
            String candidate = String.join("/", java.util.Arrays.copyOfRange(parts, from, parts.length));
            if (candidate.isEmpty()) {
                continue;
            }
            try {
                return Optional.of(ZoneId.of(candidate, ZoneId.SHORT_IDS));
            } catch (DateTimeException notThisOne) {
                // try a shorter tail
            }
        }
        return Optional.empty();
    }

    private static Map<String, String> windows() {
        Map<String, String> map = new HashMap<>();
        var in = TimeZones.class.getResourceAsStream("windows-zones.tsv");
        if (in == null) {
            throw new IllegalStateException("windows-zones.tsv missing from the classpath");
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                int tab = line.indexOf('\t');
                if (!line.startsWith("#") && tab > 0) {
                    map.put(
                            line.substring(0, tab).trim().toLowerCase(Locale.ROOT),
                            line.substring(tab + 1).trim());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(map);
    }
}
