package io.predictivescaling.events;

import io.predictivescaling.common.HttpFeeds;
import io.predictivescaling.common.SourceException;
import io.predictivescaling.common.TextBytes;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Period;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DateListProperty;
import net.fortuna.ical4j.model.property.DateProperty;

/**
 * Any iCalendar ({@code .ics}) feed read with ical4j: an esports schedule, a release calendar, public
 * holidays. Every VEVENT becomes an event of the feed's type, with the feed's default impact; a recurring one
 * becomes each of its occurrences in the look-ahead window.
 *
 * <p>Read as RFC 5545 means it: occurrences from {@code RRULE} and {@code RDATE} less {@code EXDATE} (expanded
 * by ical4j), an occurrence moved or cancelled by a {@code RECURRENCE-ID} override replaced by it (with
 * {@code RANGE=THISANDFUTURE}, every later one too), the length from
 * {@code DTEND} or {@code DURATION}. Times with a {@code TZID} use java.time's rules for that zone (IANA ids,
 * publisher-prefixed ids and Windows names, see {@link TimeZones}), and only a zone no one knows falls back to the
 * calendar's VTIMEZONE. All-day dates cover the local day and floating times are local: both in the calendar's
 * {@code X-WR-TIMEZONE}, else in the source's configured zone (the zone of the targets it serves, default UTC).
 * A timed event with neither end nor duration lasts an hour (RFC 5545 says zero; load does not). A VEVENT whose
 * date, rule or status ical4j cannot read is counted as {@code unreadable} with a note naming the property; the
 * rest of the calendar is kept.
 */
public final class ICalendarSource implements EventSource {
    static {
        // No network look-ups for time-zone definitions from inside a Lambda.
        System.setProperty("net.fortuna.ical4j.timezone.update.enabled", "false");
    }

    /** How far ahead occurrences are stored by default. */
    public static final Duration LOOK_AHEAD = Duration.ofDays(60);

    private final String name;
    private final URI url;
    private final String type;
    private final double defaultImpact;
    private final Duration timeout;
    private final ZoneId zone;
    private final Duration lookAhead;

    public ICalendarSource(String name, URI url, String type, double defaultImpact, Duration timeout) {
        this(name, url, type, defaultImpact, timeout, ZoneOffset.UTC, LOOK_AHEAD);
    }

    /**
     * @param zone where floating times and all-day dates are, when the calendar declares no X-WR-TIMEZONE
     * @param lookAhead occurrences starting up to this long after now are kept
     */
    public ICalendarSource(
            String name,
            URI url,
            String type,
            double defaultImpact,
            Duration timeout,
            ZoneId zone,
            Duration lookAhead) {
        this.name = name;
        this.url = url;
        this.type = type;
        this.defaultImpact = defaultImpact;
        this.timeout = timeout;
        this.zone = zone;
        this.lookAhead = lookAhead;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Fetched fetch(Instant now) {
        HttpFeeds.Raw raw = HttpFeeds.getRaw(name, url, timeout);
        TextBytes.Decoded text = ICalendarParser.decode(raw.body(), raw.charset());
        try {
            Fetched got = read(text.text(), name, type, defaultImpact, now, now.plus(lookAhead), zone);
            if (!text.guessed()) {
                return got;
            }
            List<String> notes = new ArrayList<>(got.notes());
            notes.add(
                    0,
                    "not UTF-8 and no charset named: read as " + text.charset().name());
            return new Fetched(got.events(), got.skipped(), notes);
        } catch (IllegalArgumentException e) {
            throw new SourceException(name, "malformed", e.getMessage(), e);
        }
    }

    /**
     * Every occurrence that touches [{@code from}, {@code to}), as events of {@code type} (null: each VEVENT's first
     * CATEGORIES, else {@code event}).
     *
     * @throws IllegalArgumentException when the text is not iCalendar
     */
    public static Fetched read(
            String text, String source, String type, double impact, Instant from, Instant to, ZoneId fallbackZone) {
        Map<String, Integer> skipped = new TreeMap<>();
        List<String> notes = new ArrayList<>();
        Map<String, List<VEvent>> byUid = new LinkedHashMap<>();
        // Each series is read in the zone of the VCALENDAR that holds its first VEVENT (a stream may hold several).
        Map<String, ZoneId> zoneOf = new LinkedHashMap<>();
        Map<String, Integer> others = new TreeMap<>();
        int anonymous = 0;
        for (Calendar calendar : ICalendarParser.parse(text)) {
            ZoneId local = calendar.getProperty("X-WR-TIMEZONE")
                    .map(p -> ((Property) p).getValue())
                    .flatMap(TimeZones::resolve)
                    .orElse(fallbackZone);
            for (Object c : calendar.getComponents(Component.VEVENT)) {
                VEvent e = (VEvent) c;
                String uid = e.getUid().map(Property::getValue).orElse("(no uid " + anonymous++ + ")");
                byUid.computeIfAbsent(uid, k -> new ArrayList<>()).add(e);
                zoneOf.putIfAbsent(uid, local);
            }
            for (Object c : calendar.getComponents()) {
                String kind = ((Component) c).getName();
                if (!Component.VEVENT.equals(kind) && !Component.VTIMEZONE.equals(kind)) {
                    others.merge(kind, 1, Integer::sum);
                }
            }
        }
        // A VTODO or VJOURNAL (a to-do list, notes exported beside or instead of events) has no time to forecast: it is
        // counted and named, so a calendar of only these does not read as an empty calendar without a word.
        if (!others.isEmpty()) {
            skipped.merge(
                    "not-an-event",
                    others.values().stream().mapToInt(Integer::intValue).sum(),
                    Integer::sum);
            notes.add(others.entrySet().stream()
                            .map(k -> k.getValue() + " " + k.getKey())
                            .collect(java.util.stream.Collectors.joining(", "))
                    + " left out: only VEVENTs are events");
        }
        List<KnownEvent> events = new ArrayList<>();
        for (Map.Entry<String, List<VEvent>> uid : byUid.entrySet()) {
            List<VEvent> series = uid.getValue();
            try {
                expand(series, source, type, impact, from, to, zoneOf.get(uid.getKey()), events, skipped);
            } catch (RuntimeException unreadable) {
                // One unreadable VEVENT does not cost the rest of the calendar; it is counted and named.
                skipped.merge("unreadable", 1, Integer::sum);
                notes.add("unreadable VEVENT '" + summary(series.get(0)) + "': " + unreadable.getMessage());
            }
        }
        events.sort(java.util.Comparator.comparing(KnownEvent::start));
        return new Fetched(events, skipped, notes);
    }

    /** Properties that decide when an event happens: one of them unreadable makes its VEVENT unreadable. */
    private static final Set<String> TIMING = Set.of(
            Property.DTSTART,
            Property.DTEND,
            Property.DURATION,
            Property.RRULE,
            Property.RDATE,
            Property.EXDATE,
            Property.EXRULE,
            Property.RECURRENCE_ID,
            Property.STATUS);

    /** The VEVENT's SEQUENCE (its revision number, RFC 5545 section 3.8.7.4); 0 when absent or unreadable. */
    private static int sequence(VEvent e) {
        return e.getProperty(Property.SEQUENCE)
                .map(p -> {
                    try {
                        return Integer.parseInt(((Property) p).getValue().trim());
                    } catch (NumberFormatException unreadable) {
                        return 0;
                    }
                })
                .orElse(0);
    }

    /** One UID: the master's occurrences, with those its RECURRENCE-ID overrides replace swapped for them. */
    private static void expand(
            List<VEvent> series,
            String source,
            String type,
            double impact,
            Instant from,
            Instant to,
            ZoneId local,
            List<KnownEvent> out,
            Map<String, Integer> skipped) {
        for (VEvent e : series) {
            for (Object p : e.getProperties(ICalendarParser.UNREADABLE)) {
                String mark = ((Property) p).getValue();
                if (TIMING.contains(mark.substring(0, mark.indexOf(':')))) {
                    throw new IllegalArgumentException(mark);
                }
            }
        }
        // A UID given twice without RECURRENCE-ID is one event sent again (an update appended to a feed or an export
        // merged from two copies): RFC 5545 section 3.8.7.4 says the copy with the highest SEQUENCE is the current one
        // (a tie goes to the later in the file). The others are counted, not kept as events of their own.
        List<VEvent> masters = series.stream()
                .filter(e -> e.getProperty(Property.RECURRENCE_ID).isEmpty())
                .toList();
        VEvent master = null;
        for (VEvent m : masters) {
            if (master == null || sequence(m) >= sequence(master)) {
                master = m;
            }
        }
        if (masters.size() > 1) {
            skipped.merge("superseded", masters.size() - 1, Integer::sum);
        }
        List<VEvent> overrides = series.stream()
                .filter(e -> e.getProperty(Property.RECURRENCE_ID).isPresent())
                .toList();
        Set<Instant> replaced = new HashSet<>();
        for (VEvent o : overrides) {
            replaced.add(instant(
                            o.getProperty(Property.RECURRENCE_ID)
                                    .map(p -> (DateProperty<?>) p)
                                    .orElseThrow(),
                            local)
                    .start());
        }
        // RECURRENCE-ID;RANGE=THISANDFUTURE (RFC 5545 section 3.8.4.4): the override changes its occurrence and every
        // later one: they move by the same shift and take its length, title and status. Only its own occurrence moved.
        List<FromHereOn> fromHereOn = new ArrayList<>();
        for (VEvent o : overrides) {
            DateProperty<?> rid = o.getProperty(Property.RECURRENCE_ID)
                    .map(p -> (DateProperty<?>) p)
                    .orElseThrow();
            boolean future = rid.getParameter(Parameter.RANGE)
                    .map(p -> ((Parameter) p).getValue())
                    .filter("THISANDFUTURE"::equalsIgnoreCase)
                    .isPresent();
            if (future) {
                Instant at = instant(rid, local).start();
                Instant start = instant(
                                o.getStartDate().orElseThrow(() -> new IllegalArgumentException("no DTSTART")), local)
                        .start();
                Span own = occurrences(o, start, start.plusSeconds(1), local).stream()
                        .filter(x -> x.start().equals(start))
                        .findFirst()
                        .orElse(new Span(start, start.plus(Duration.ofHours(1))));
                fromHereOn.add(
                        new FromHereOn(at, Duration.between(at, start), Duration.between(own.start(), own.end()), o));
            }
        }
        fromHereOn.sort(java.util.Comparator.comparing(FromHereOn::at));
        int before = out.size();
        if (master != null) {
            if (cancelled(master)) {
                skipped.merge("cancelled", 1, Integer::sum);
                return;
            }
            for (Span s : occurrences(master, from, to, local)) {
                if (replaced.contains(s.start())) {
                    continue;
                }
                FromHereOn changed = null;
                for (FromHereOn f : fromHereOn) {
                    if (f.at().isBefore(s.start())) {
                        changed = f;
                    }
                }
                if (changed == null) {
                    add(out, typeOf(master, type), summary(master), s, source, impact, from, to);
                } else if (!cancelled(changed.by())) {
                    Instant start = s.start().plus(changed.shift());
                    add(
                            out,
                            typeOf(changed.by(), type),
                            summary(changed.by()),
                            new Span(start, start.plus(changed.length())),
                            source,
                            impact,
                            from,
                            to);
                }
            }
        }
        for (VEvent o : overrides) {
            if (cancelled(o)) {
                skipped.merge("cancelled", 1, Integer::sum);
                continue;
            }
            for (Span s : occurrences(o, from, to, local)) {
                add(out, typeOf(o, type), summary(o), s, source, impact, from, to);
            }
        }
        if (out.size() == before) {
            skipped.merge("outside-window", 1, Integer::sum);
        }
    }

    private static void add(
            List<KnownEvent> out,
            String type,
            String summary,
            Span s,
            String source,
            double impact,
            Instant from,
            Instant to) {
        if (s.start().isBefore(to) && s.end().isAfter(from)) {
            out.add(new KnownEvent(type, summary, s.start(), s.end(), source, impact));
        }
    }

    private record Span(Instant start, Instant end) {}

    /** A THISANDFUTURE override: occurrences after {@code at} move by {@code shift} and last {@code length}. */
    private record FromHereOn(Instant at, Duration shift, Duration length, VEvent by) {}

    /** The component's occurrences (ical4j expands RRULE, RDATE and EXDATE) near [from, to), as instants. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static List<Span> occurrences(VEvent e, Instant from, Instant to, ZoneId local) {
        DateProperty<?> dtStart = e.getStartDate().orElseThrow(() -> new IllegalArgumentException("no DTSTART"));
        Temporal first = dtStart.getDate();
        // A day either side: a floating or all-day occurrence's instant depends on the zone it is read in.
        Instant a = from.minus(Duration.ofDays(1));
        Instant b = to.plus(Duration.ofDays(1));
        Period window;
        if (first instanceof LocalDate) {
            window = new Period<>(LocalDate.ofInstant(a, ZoneOffset.UTC), LocalDate.ofInstant(b, ZoneOffset.UTC));
        } else if (first instanceof LocalDateTime) {
            window = new Period<>(
                    LocalDateTime.ofInstant(a, ZoneOffset.UTC), LocalDateTime.ofInstant(b, ZoneOffset.UTC));
        } else if (first instanceof OffsetDateTime) {
            window = new Period<>(a.atOffset(ZoneOffset.UTC), b.atOffset(ZoneOffset.UTC));
        } else if (first instanceof Instant) {
            window = new Period<>(a, b);
        } else {
            window = new Period<>(a.atZone(ZoneOffset.UTC), b.atZone(ZoneOffset.UTC));
        }
        Optional<ZoneId> named = dtStart.getParameter(Parameter.TZID)
                .map(p -> ((Parameter) p).getValue())
                .flatMap(TimeZones::resolve);
        // ical4j drops an occurrence only when an EXDATE equals it as the same Java object (a ZonedDateTime in the
        // same zone id): an EXDATE written in UTC, or with another name for the zone ("W. Europe Standard Time"
        // for Europe/Berlin), was kept. RFC 5545 excludes the occurrence at that instant, so instants are compared.
        Set<Instant> excluded = new HashSet<>();
        for (Object x : e.getProperties(Property.EXDATE)) {
            DateListProperty<Temporal> exdate = (DateListProperty<Temporal>) x;
            Optional<ZoneId> exZone = exdate.getParameter(Parameter.TZID)
                    .map(p -> ((Parameter) p).getValue())
                    .flatMap(TimeZones::resolve);
            for (Temporal t : exdate.getDates()) {
                excluded.add(instant(t, exZone, local));
            }
        }
        List<Span> spans = new ArrayList<>();
        for (Object o : e.calculateRecurrenceSet(window)) {
            Period<Temporal> p = (Period<Temporal>) o;
            Instant start = instant(p.getStart(), named, local);
            if (excluded.contains(start)) {
                continue;
            }
            Instant end = instant(p.getEnd(), named, local);
            if (!end.isAfter(start)) {
                end = first instanceof LocalDate
                        ? LocalDate.from(p.getStart())
                                .plusDays(1)
                                .atStartOfDay(local)
                                .toInstant()
                        : start.plus(Duration.ofHours(1));
            }
            spans.add(new Span(start, end));
        }
        return spans;
    }

    private static Span instant(DateProperty<?> property, ZoneId local) {
        Optional<ZoneId> named = property.getParameter(Parameter.TZID)
                .map(p -> ((Parameter) p).getValue())
                .flatMap(TimeZones::resolve);
        Instant at = instant(property.getDate(), named, local);
        return new Span(at, at);
    }

    /**
     * A date-time as an instant: a named zone by java.time's rules, a zone only the calendar defines by its
     * VTIMEZONE (as ical4j read it), floating times and dates in {@code local}.
     */
    static Instant instant(Temporal t, Optional<ZoneId> named, ZoneId local) {
        if (t instanceof Instant i) {
            return i;
        }
        if (t instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (t instanceof ZonedDateTime z) {
            return named.map(zone -> z.toLocalDateTime().atZone(zone).toInstant())
                    .orElse(z.toInstant());
        }
        if (t instanceof LocalDateTime l) {
            return l.atZone(named.orElse(local)).toInstant();
        }
        if (t instanceof LocalDate d) {
            return d.atStartOfDay(local).toInstant();
        }
        throw new IllegalArgumentException("unsupported date " + t);
    }

    private static boolean cancelled(VEvent e) {
        return e.getProperty(Property.STATUS)
                .map(p -> ((Property) p).getValue().toUpperCase(Locale.ROOT))
                .filter("CANCELLED"::equals)
                .isPresent();
    }

    /** The source's type, or when it has none (a calendar file given on the command line) the first CATEGORIES. */
    private static String typeOf(VEvent e, String type) {
        if (type != null) {
            return type;
        }
        return e.getProperty(Property.CATEGORIES)
                .map(p -> ((Property) p).getValue().split(",")[0].trim())
                .filter(c -> !c.isEmpty())
                .orElse("event");
    }

    private static String summary(VEvent e) {
        return e.getProperty(Property.SUMMARY)
                .map(p -> ((Property) p).getValue())
                .orElse("(no title)");
    }
}
