package io.predictivescaling.events;

import io.predictivescaling.sentiment.HttpFeeds;
import io.predictivescaling.sentiment.SentimentSource.SourceException;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;

/**
 * Any iCalendar ({@code .ics}) feed read with ical4j: an esports schedule, a release calendar, public
 * holidays. Every VEVENT becomes an event of the feed's type, with the feed's default impact.
 */
public final class ICalendarSource implements EventSource {
    static {
        // No network look-ups for time-zone definitions from inside a Lambda.
        System.setProperty("net.fortuna.ical4j.timezone.update.enabled", "false");
    }

    private final String name;
    private final URI url;
    private final String type;
    private final double defaultImpact;
    private final Duration timeout;

    public ICalendarSource(String name, URI url, String type, double defaultImpact, Duration timeout) {
        this.name = name;
        this.url = url;
        this.type = type;
        this.defaultImpact = defaultImpact;
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<KnownEvent> fetch() {
        String text = HttpFeeds.get(name, url, timeout);
        Calendar calendar;
        try {
            calendar = new CalendarBuilder().build(new StringReader(text));
        } catch (IOException | ParserException | RuntimeException e) {
            throw new SourceException(name, "malformed", "not iCalendar: " + e.getMessage(), e);
        }
        List<KnownEvent> events = new ArrayList<>();
        for (Object component : calendar.getComponents()) {
            if (!(component instanceof VEvent event)) {
                continue;
            }
            try {
                Optional<Instant> start = event.getStartDate().map(d -> instant(d.getDate()));
                if (start.isEmpty()) {
                    continue;
                }
                boolean allDay = event.getStartDate().get().getDate() instanceof LocalDate;
                // No DTEND: an all-day event lasts the day, a timed one an hour (RFC 5545 says zero; load does not).
                Instant end = event.getEndDate(false).map(d -> instant(d.getDate()))
                        .orElse(start.get().plus(allDay ? Duration.ofDays(1) : Duration.ofHours(1)));
                String summary = event.getProperty(Property.SUMMARY).map(p -> ((Property) p).getValue())
                        .orElse("(no title)");
                events.add(new KnownEvent(type, summary, start.get(), end.isBefore(start.get()) ? start.get() : end,
                        name, defaultImpact));
            } catch (RuntimeException unreadable) {
                // One unreadable VEVENT does not cost the rest of the calendar.
            }
        }
        return events;
    }

    static Instant instant(Temporal t) {
        if (t instanceof Instant i) {
            return i;
        }
        if (t instanceof ZonedDateTime z) {
            return z.toInstant();
        }
        if (t instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (t instanceof LocalDateTime l) {
            return l.toInstant(ZoneOffset.UTC);
        }
        if (t instanceof LocalDate d) {
            return d.atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        throw new IllegalArgumentException("unsupported date " + t);
    }
}
