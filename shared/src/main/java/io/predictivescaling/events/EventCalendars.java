package io.predictivescaling.events;

import io.predictivescaling.common.TextBytes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * A calendar file as the backtest and {@code event-impact} take it, read the way fetch-events reads its sources:
 * CSV ({@link EventsCsv}) or iCalendar ({@code .ics}, {@link ICalendarSource#read}: recurrences expanded over
 * the given span, the type from each VEVENT's CATEGORIES, else {@code event}). An .ics file is decoded as
 * {@link TextBytes#decode} decodes a calendar at a URL (UTF-8, else windows-1252 with a note).
 */
public final class EventCalendars {
    private EventCalendars() {}

    /**
     * @param from the first instant occurrences of recurring events are needed for (e.g. the trace's start)
     * @param to the end of that span
     * @param zone where floating times and all-day dates are when an .ics declares no X-WR-TIMEZONE
     * @param notes takes each note on the file (an event skipped and why, an unknown time zone, and for an .ics with
     *     anything left out one line counting it by reason: cancelled, superseded, unreadable, not-an-event,
     *     outside-window), one line each starting with the file's path: the command's standard error, a log
     * @throws IllegalArgumentException for a file that is neither, with the row or reason
     */
    public static List<KnownEvent> read(Path file, Instant from, Instant to, ZoneId zone, Consumer<String> notes)
            throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".ics") || name.endsWith(".ical") || name.endsWith(".ifb")) {
            TextBytes.Decoded text = ICalendarParser.decode(Files.readAllBytes(file), null);
            if (text.guessed()) {
                notes.accept(file + ": not UTF-8, read as " + text.charset().name()
                        + " (save the calendar as UTF-8 if its accented letters look wrong)");
            }
            EventSource.Fetched got =
                    ICalendarSource.read(text.text(), file.getFileName().toString(), null, Double.NaN, from, to, zone);
            got.notes().forEach(n -> notes.accept(file + ": " + n));
            // What was left out and why (a cancelled match, an older copy, occurrences outside the span read): with
            // no line, a calendar whose events all fell outside the trace read as if it had none.
            if (!got.skipped().isEmpty()) {
                notes.accept(file + ": " + got.events().size() + " event(s) read; left out: "
                        + got.skipped().entrySet().stream()
                                .map(k -> k.getKey() + " " + k.getValue())
                                .collect(java.util.stream.Collectors.joining(", "))
                        + (got.skipped().containsKey("outside-window")
                                ? " (no occurrence between " + from + " and " + to + ")"
                                : ""));
            }
            return got.events();
        }
        return EventsCsv.read(file);
    }
}
