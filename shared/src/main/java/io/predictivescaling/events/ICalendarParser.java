package io.predictivescaling.events;

import io.predictivescaling.common.TextBytes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import net.fortuna.ical4j.data.CalendarParserImpl;
import net.fortuna.ical4j.data.ContentHandler;
import net.fortuna.ical4j.data.DefaultContentHandler;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.data.UnfoldingReader;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.TimeZone;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;

/**
 * Reading an iCalendar text into ical4j's model for {@link ICalendarSource}, with the allowances real calendars need
 * (see {@link #parse}). Kept apart from the source so the source reads as what it does with the events.
 */
final class ICalendarParser {
    private ICalendarParser() {}

    /** A VEVENT property ical4j could not read, kept on its component as NAME: reason (see {@link #parse}). */
    static final String UNREADABLE = "X-PREDICTIVE-SCALING-UNREADABLE";

    /**
     * A calendar's bytes as text ({@link TextBytes#decode}: a byte-order mark, the named charset, UTF-16, UTF-8,
     * else windows-1252), its folded lines joined as octets first (RFC 5545 section 3.1: a CRLF, or a bare LF, and one
     * space or tab). Exporters fold at 75 octets, some inside a character: decoded before unfolding, a UTF-8
     * {@code é} split by a fold made the whole calendar not UTF-8.
     *
     * @param named the charset whoever served it names, or null
     */
    static TextBytes.Decoded decode(byte[] bytes, String named) {
        if (TextBytes.isUtf16(bytes, named)) {
            return TextBytes.decode(bytes, named);
        }
        ByteArrayOutputStream unfolded = new ByteArrayOutputStream(bytes.length);
        for (int i = 0; i < bytes.length; i++) {
            int skip = bytes[i] == '\r' && i + 2 < bytes.length && bytes[i + 1] == '\n'
                    ? 2
                    : bytes[i] == '\n' && i + 1 < bytes.length ? 1 : 0;
            if (skip > 0 && (bytes[i + skip] == ' ' || bytes[i + skip] == '\t')) {
                i += skip;
                continue;
            }
            unfolded.write(bytes[i]);
        }
        return TextBytes.decode(unfolded.toByteArray(), named);
    }

    /**
     * The calendar as ical4j reads it, with three allowances real feeds need: lines folded after a bare LF (files
     * saved or generated on Unix) are unfolded, blank lines between properties or components (generators that write
     * an empty line after each VEVENT) are skipped by ical4j's whitespace-absorbing parser (they rejected the whole
     * calendar: "Invalid property name"), and a property ical4j cannot read (a date {@code 2026120}, an
     * {@code RRULE:FREQ=SOMETIMES}) costs only its own VEVENT, not the calendar: it is left out and named on the
     * component ({@link #UNREADABLE}), so {@link ICalendarSource} counts that VEVENT as unreadable.
     *
     * @return every VCALENDAR in the text, in order: RFC 5545 section 3.4 lets a stream hold several (a server's
     *     export, feeds joined with {@code cat}), and only the last one was kept
     */
    static List<Calendar> parse(String text) {
        List<Calendar> built = new ArrayList<>();
        ContentHandler handler = new KeepingUnreadableProperties(built::add);
        try {
            new CalendarParserImpl(true).parse(new UnfoldingReader(new StringReader(text), true), handler);
        } catch (IOException | ParserException | RuntimeException e) {
            throw new IllegalArgumentException("not iCalendar: " + e.getMessage(), e);
        }
        if (built.isEmpty()) {
            throw new IllegalArgumentException("not iCalendar: no VCALENDAR");
        }
        return built;
    }

    /**
     * ical4j's registry of the calendar's VTIMEZONEs, that also knows every zone {@link TimeZones} does. Once a
     * calendar defines one VTIMEZONE, ical4j looks every TZID up among the calendar's definitions only, so an event
     * in {@code Europe/Berlin} or {@code "Pacific Standard Time"} next to an Outlook zone failed with "Unknown
     * timezone identifier" (without any VTIMEZONE the same event was read).
     *
     * <p>It also answers each TZID once per calendar: without a VTIMEZONE ical4j looked every date's TZID up in
     * its global table again on each read of the date (a copy of every zone id each time), so a fixtures calendar
     * of 10,000 events in one named zone took 5 s to expand instead of well under one.
     */
    private static final class KnownZonesToo implements TimeZoneRegistry {
        /** A stand-in for "knows zones" while the calendar defines none: ical4j then asks {@link #getZoneId}. */
        private static final Map<String, ZoneRules> KNOWS_ZONES = Map.of("UTC", ZoneOffset.UTC.getRules());

        /**
         * True while ical4j registers the calendar's own definitions with java.time (at the calendar's end): then
         * only those count, not the stand-in.
         */
        boolean registering;

        private final TimeZoneRegistry calendars;
        private final Map<String, ZoneId> answered = new HashMap<>();

        KnownZonesToo(TimeZoneRegistry calendars) {
            this.calendars = calendars;
        }

        @Override
        public void register(TimeZone timezone) {
            answered.clear();
            calendars.register(timezone);
        }

        @Override
        public void register(TimeZone timezone, boolean update) {
            answered.clear();
            calendars.register(timezone, update);
        }

        @Override
        public void clear() {
            answered.clear();
            calendars.clear();
        }

        @Override
        public TimeZone getTimeZone(String id) {
            return calendars.getTimeZone(id);
        }

        @Override
        public Map<String, ZoneRules> getZoneRules() {
            Map<String, ZoneRules> defined = calendars.getZoneRules();
            return defined.isEmpty() && !registering ? KNOWS_ZONES : defined;
        }

        @Override
        public ZoneId getZoneId(String tzId) {
            ZoneId known = answered.get(tzId);
            if (known == null) {
                known = lookUp(tzId);
                answered.put(tzId, known);
            }
            return known;
        }

        private ZoneId lookUp(String tzId) {
            if (calendars.getZoneRules().isEmpty()) {
                // No VTIMEZONE: the zones java.time and CLDR's Windows names know, else ical4j's own global look-up
                // (its aliases, and its error for a zone no one knows).
                return TimeZones.resolve(tzId).orElseGet(() -> TimeZoneRegistry.getGlobalZoneId(tzId));
            }
            try {
                return calendars.getZoneId(tzId);
            } catch (DateTimeException unknownToTheCalendar) {
                return TimeZones.resolve(tzId).orElseThrow(() -> unknownToTheCalendar);
            }
        }

        @Override
        public String getTzId(String zoneId) {
            return calendars.getTzId(zoneId);
        }
    }

    /**
     * Hands everything to ical4j's own handler (a new one, with its own registry, for each VCALENDAR); a property it
     * rejects becomes an {@link #UNREADABLE} mark.
     */
    private static final class KeepingUnreadableProperties implements ContentHandler {
        private final Consumer<Calendar> built;
        private ContentHandler delegate;
        private KnownZonesToo zones;
        private String failure;

        KeepingUnreadableProperties(Consumer<Calendar> built) {
            this.built = built;
        }

        @Override
        public void startCalendar() {
            // Each VCALENDAR of a stream gets its own registry: ical4j registers a calendar's VTIMEZONEs with java.time
            // at its end, and a second calendar in the same registry failed registering them again.
            zones = new KnownZonesToo(TimeZoneRegistryFactory.getInstance().createRegistry());
            delegate = new DefaultContentHandler(built, zones);
            delegate.startCalendar();
        }

        @Override
        public void endCalendar() throws IOException {
            zones.registering = true;
            try {
                delegate.endCalendar();
            } finally {
                zones.registering = false;
            }
        }

        @Override
        public void startComponent(String name) {
            delegate.startComponent(name);
        }

        @Override
        public void endComponent(String name) {
            delegate.endComponent(name);
        }

        @Override
        public void startProperty(String name) {
            failure = null;
            delegate.startProperty(name);
        }

        @Override
        public void propertyValue(String value) {
            delegate.propertyValue(value);
        }

        @Override
        public void parameter(String name, String value) {
            try {
                delegate.parameter(name, value);
            } catch (RuntimeException e) {
                failure = name + "=" + value + ": " + e.getMessage();
            }
        }

        @Override
        public void endProperty(String name) {
            if (failure == null) {
                try {
                    delegate.endProperty(name);
                    return;
                } catch (RuntimeException e) {
                    failure = e.getMessage();
                }
            }
            String mark = name.toUpperCase(Locale.ROOT) + ": " + failure;
            delegate.startProperty(UNREADABLE);
            delegate.propertyValue(mark);
            delegate.endProperty(UNREADABLE);
            failure = null;
        }
    }
}
