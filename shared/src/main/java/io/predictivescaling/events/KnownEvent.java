package io.predictivescaling.events;

import java.time.Instant;
import java.util.Locale;

/**
 * Something known to be coming (or happening): a game release, a tournament, a holiday, an outage.
 *
 * @param type what kind, e.g. {@code holiday}, {@code game_release}, {@code game_server_down}; impact is learned per type
 * @param expectedImpact the source's stated impact as a fraction (0.5 = +50%), used until history teaches better; NaN if none
 */
public record KnownEvent(String type, String name, Instant start, Instant end, String source, double expectedImpact) {

    public KnownEvent {
        if (type == null || type.isBlank() || name == null || start == null || end == null || end.isBefore(start)) {
            throw new IllegalArgumentException("an event needs a type, a name and a start no later than its end");
        }
        type = type.trim().toLowerCase(Locale.ROOT).replace(' ', '_');
    }

    /** The same event from any source or run has the same id: type, name and start day. */
    public String id() {
        return type + "|" + name.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ") + "|"
                + start.toString().substring(0, 10);
    }

    public boolean touches(Instant from, Instant to) {
        return start.isBefore(to) && end.isAfter(from);
    }
}
