package io.predictivescaling.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.predictivescaling.testing.LoopbackHttp;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Calendars and feeds as their authors wrote them (the cases of issue 14, served over loopback HTTP): exact
 * instants and counts.
 */
class CalendarFeedsTest {
    static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");
    static final DateTimeFormatter ICS = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");
    final LoopbackHttp server = new LoopbackHttp();

    @AfterEach
    void stop() {
        server.close();
    }

    static String resource(String name) {
        try (InputStream in = CalendarFeedsTest.class.getResourceAsStream("/feeds/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    EventSource.Fetched ics(String file, ZoneId zone, Duration lookAhead) {
        server.serve("/" + file, 200, resource(file));
        return new ICalendarSource(
                        "cal",
                        URI.create(server.base() + "/" + file),
                        "tournament",
                        0.5,
                        Duration.ofSeconds(5),
                        zone,
                        lookAhead)
                .fetch(NOW);
    }

    EventSource.Fetched rss(String file, RssEventSource.Rule... rules) {
        server.serve("/" + file, 200, resource(file));
        return new RssEventSource("news", URI.create(server.base() + "/" + file), List.of(rules), Duration.ofSeconds(5))
                .fetch(NOW);
    }

    @Test
    void aWeeklyRecurrenceGivesEveryOccurrenceInTheLookAheadWindow() {
        EventSource.Fetched got = ics("rrule-weekly.ics", ZoneOffset.UTC, Duration.ofDays(28));

        assertThat(got.events())
                .extracting(KnownEvent::start, KnownEvent::end)
                .containsExactly(
                        tuple(Instant.parse("2026-11-05T19:00:00Z"), Instant.parse("2026-11-05T22:00:00Z")),
                        tuple(Instant.parse("2026-11-12T19:00:00Z"), Instant.parse("2026-11-12T22:00:00Z")),
                        tuple(Instant.parse("2026-11-19T19:00:00Z"), Instant.parse("2026-11-19T22:00:00Z")),
                        tuple(Instant.parse("2026-11-26T19:00:00Z"), Instant.parse("2026-11-26T22:00:00Z")));
        assertThat(got.events()).extracting(KnownEvent::name).containsOnly("Thursday Night Cup");
    }

    @Test
    void aDurationWithoutDtendSetsTheEnd() {
        EventSource.Fetched got = ics("duration.ics", ZoneOffset.UTC, Duration.ofDays(60));

        assertThat(got.events())
                .extracting(KnownEvent::start, KnownEvent::end)
                .containsExactly(tuple(Instant.parse("2026-12-05T18:00:00Z"), Instant.parse("2026-12-05T22:00:00Z")));
    }

    @Test
    void allDayAndFloatingTimesAreInTheCalendarsDeclaredZoneNotUtc() {
        // The source's own zone (Tokyo) is only the fallback: the calendar declares America/New_York.
        EventSource.Fetched got = ics("allday-floating.ics", ZoneId.of("Asia/Tokyo"), Duration.ofDays(60));

        assertThat(got.events())
                .extracting(KnownEvent::name, KnownEvent::start, KnownEvent::end)
                .containsExactly(
                        tuple(
                                "Evening Launch Stream",
                                Instant.parse("2026-12-13T01:00:00Z"),
                                Instant.parse("2026-12-13T04:00:00Z")),
                        tuple(
                                "Shop Holiday Sale Day",
                                Instant.parse("2026-12-26T05:00:00Z"),
                                Instant.parse("2026-12-27T05:00:00Z")));
    }

    @Test
    void aCalendarSavedWithLfLineEndsAndFoldedLinesIsReadWhole() {
        // A Google Calendar export as a script or an editor on Unix saves it: LF, not CRLF, and long lines folded.
        EventSource.Fetched got = ics("google-lf-folded.ics", ZoneOffset.UTC, Duration.ofDays(90));

        assertThat(got.events())
                .extracting(KnownEvent::name, KnownEvent::start, KnownEvent::end)
                .containsExactly(
                        tuple(
                                "Monthly showmatch: a title long enough that the calendar folds it across two lines",
                                Instant.parse("2026-12-04T01:00:00Z"),
                                Instant.parse("2026-12-04T03:00:00Z")),
                        tuple(
                                "Winter break",
                                Instant.parse("2026-12-24T08:00:00Z"),
                                Instant.parse("2026-12-27T08:00:00Z")),
                        tuple(
                                "New Year's Eve",
                                Instant.parse("2026-12-31T08:00:00Z"),
                                Instant.parse("2027-01-01T08:00:00Z")),
                        tuple(
                                "Monthly showmatch: a title long enough that the calendar folds it across two lines",
                                Instant.parse("2027-01-04T01:00:00Z"),
                                Instant.parse("2027-01-04T03:00:00Z")));
        assertThat(got.skipped()).isEmpty();
    }

    @Test
    void anEventWithAnUnreadableDateOrRuleIsCountedAndTheRestOfTheCalendarKept() {
        String text = calendar("""
                BEGIN:VEVENT
                UID:typo@example.test
                DTSTAMP:20261101T000000Z
                DTSTART:2026120
                SUMMARY:Typo in the date
                END:VEVENT
                BEGIN:VEVENT
                UID:rule@example.test
                DTSTAMP:20261101T000000Z
                DTSTART:20261201T100000Z
                RRULE:FREQ=SOMETIMES
                SUMMARY:Unknown frequency
                END:VEVENT
                BEGIN:VEVENT
                UID:link@example.test
                DTSTAMP:20261101T000000Z
                DTSTART:20261203T100000Z
                URL:see the website
                SUMMARY:Bad link only
                END:VEVENT
                BEGIN:VEVENT
                UID:ok@example.test
                DTSTAMP:20261101T000000Z
                DTSTART:20261205T090000Z
                SUMMARY:Fine
                END:VEVENT
                """);

        EventSource.Fetched got =
                ICalendarSource.read(text, "cal", "t", 0, NOW, NOW.plus(Duration.ofDays(60)), ZoneOffset.UTC);

        // A bad URL does not change when the event is; a bad date or rule does, so only those two are dropped.
        assertThat(got.events())
                .extracting(KnownEvent::name, KnownEvent::start)
                .containsExactly(
                        tuple("Bad link only", Instant.parse("2026-12-03T10:00:00Z")),
                        tuple("Fine", Instant.parse("2026-12-05T09:00:00Z")));
        assertThat(got.skipped()).isEqualTo(Map.of("unreadable", 2));
        assertThat(got.notes())
                .containsExactly(
                        "unreadable VEVENT 'Typo in the date': DTSTART: Text '2026120' could not be parsed at index 6",
                        "unreadable VEVENT 'Unknown frequency': RRULE: No enum constant"
                                + " net.fortuna.ical4j.transform.recurrence.Frequency.SOMETIMES");
    }

    @Test
    void withoutADeclaredZoneFloatingTimesAreInTheSourcesZone() {
        String text = resource("allday-floating.ics")
                .replace("X-WR-TIMEZONE:America/New_York\n", "")
                .replace("X-WR-TIMEZONE:America/New_York\r\n", "");

        List<KnownEvent> events = ICalendarSource.read(
                        text, "cal", "launch", 0, NOW, NOW.plus(Duration.ofDays(60)), ZoneId.of("Europe/Berlin"))
                .events();

        assertThat(events)
                .extracting(KnownEvent::start)
                .containsExactly(Instant.parse("2026-12-12T19:00:00Z"), Instant.parse("2026-12-25T23:00:00Z"));
    }

    @Test
    void exdateRdateAndRecurrenceIdOverridesAreHonoured() {
        String text = calendar("""
                BEGIN:VEVENT
                UID:cup@example.test
                DTSTAMP:20261101T000000Z
                DTSTART;TZID=Europe/Berlin:20261105T190000
                DTEND;TZID=Europe/Berlin:20261105T220000
                RRULE:FREQ=WEEKLY;COUNT=6
                EXDATE;TZID=Europe/Berlin:20261112T190000
                RDATE;TZID=Europe/Berlin:20261201T100000
                SUMMARY:Cup
                END:VEVENT
                BEGIN:VEVENT
                UID:cup@example.test
                DTSTAMP:20261101T000000Z
                RECURRENCE-ID;TZID=Europe/Berlin:20261119T190000
                DTSTART;TZID=Europe/Berlin:20261120T200000
                DURATION:PT2H
                SUMMARY:Cup (moved)
                END:VEVENT
                BEGIN:VEVENT
                UID:cup@example.test
                DTSTAMP:20261101T000000Z
                RECURRENCE-ID;TZID=Europe/Berlin:20261126T190000
                DTSTART;TZID=Europe/Berlin:20261126T190000
                STATUS:CANCELLED
                SUMMARY:Cup
                END:VEVENT
                """);

        EventSource.Fetched got =
                ICalendarSource.read(text, "cal", "tournament", 0, NOW, NOW.plus(Duration.ofDays(60)), ZoneOffset.UTC);

        assertThat(got.events())
                .extracting(KnownEvent::name, KnownEvent::start, KnownEvent::end)
                .containsExactly(
                        tuple("Cup", Instant.parse("2026-11-05T18:00:00Z"), Instant.parse("2026-11-05T21:00:00Z")),
                        tuple(
                                "Cup (moved)",
                                Instant.parse("2026-11-20T19:00:00Z"),
                                Instant.parse("2026-11-20T21:00:00Z")),
                        tuple("Cup", Instant.parse("2026-12-01T09:00:00Z"), Instant.parse("2026-12-01T12:00:00Z")),
                        tuple("Cup", Instant.parse("2026-12-03T18:00:00Z"), Instant.parse("2026-12-03T21:00:00Z")),
                        tuple("Cup", Instant.parse("2026-12-10T18:00:00Z"), Instant.parse("2026-12-10T21:00:00Z")));
        assertThat(got.skipped()).containsEntry("cancelled", 1);
    }

    @Test
    void aZoneTheCalendarDoesNotDefineIsKnownBesideOneItDoes() {
        // An Outlook calendar defines its own zone; an invitation pasted in from elsewhere names others.
        String text = calendar("""
                BEGIN:VTIMEZONE
                TZID:W. Europe Standard Time
                BEGIN:STANDARD
                DTSTART:16010101T030000
                TZOFFSETFROM:+0200
                TZOFFSETTO:+0100
                RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10
                END:STANDARD
                BEGIN:DAYLIGHT
                DTSTART:16010101T020000
                TZOFFSETFROM:+0100
                TZOFFSETTO:+0200
                RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3
                END:DAYLIGHT
                END:VTIMEZONE
                BEGIN:VEVENT
                UID:own@example.test
                DTSTAMP:20261101T000000Z
                DTSTART;TZID=W. Europe Standard Time:20261201T190000
                DTEND;TZID=W. Europe Standard Time:20261201T210000
                SUMMARY:Own zone
                END:VEVENT
                BEGIN:VEVENT
                UID:pst@example.test
                DTSTAMP:20261101T000000Z
                DTSTART;TZID="Pacific Standard Time":20261205T090000
                DTEND;TZID="Pacific Standard Time":20261205T100000
                SUMMARY:Pasted from Seattle
                END:VEVENT
                BEGIN:VEVENT
                UID:ny@example.test
                DTSTAMP:20261101T000000Z
                DTSTART;TZID=America/New_York:20261207T090000
                SUMMARY:Pasted from New York
                END:VEVENT
                """);

        EventSource.Fetched got =
                ICalendarSource.read(text, "cal", "t", 0, NOW, NOW.plus(Duration.ofDays(60)), ZoneOffset.UTC);

        assertThat(got.events())
                .extracting(KnownEvent::name, KnownEvent::start)
                .containsExactly(
                        tuple("Own zone", Instant.parse("2026-12-01T18:00:00Z")),
                        tuple("Pasted from Seattle", Instant.parse("2026-12-05T17:00:00Z")),
                        tuple("Pasted from New York", Instant.parse("2026-12-07T14:00:00Z")));
        assertThat(got.skipped()).isEmpty();
    }

    @Test
    void anExdateWrittenInUtcOrUnderTheZonesWindowsNameRemovesItsOccurrence() {
        // Outlook's own export: the zone under its Windows name, with the VTIMEZONE Exchange writes.
        EventSource.Fetched got = ics("outlook-exdate.ics", ZoneOffset.UTC, Duration.ofDays(60));

        // Daily at 19:00 Berlin (18:00 UTC) from 1 to 6 December; the 2nd is excluded in UTC (as many publishers
        // write it), the 4th under the zone's IANA name, the 5th under its Windows name.
        assertThat(got.events())
                .extracting(KnownEvent::start, KnownEvent::end)
                .containsExactly(
                        tuple(Instant.parse("2026-12-01T18:00:00Z"), Instant.parse("2026-12-01T20:00:00Z")),
                        tuple(Instant.parse("2026-12-03T18:00:00Z"), Instant.parse("2026-12-03T20:00:00Z")),
                        tuple(Instant.parse("2026-12-06T18:00:00Z"), Instant.parse("2026-12-06T20:00:00Z")));
    }

    /** A VTIMEZONE that only knows standard time: stale, as calendars often carry. */
    static String staleVtimezone(String tzid, ZoneId zone) {
        int seconds = zone.getRules()
                .getStandardOffset(Instant.parse("2026-01-15T00:00:00Z"))
                .getTotalSeconds();
        String offset = String.format(
                "%s%02d%02d", seconds < 0 ? "-" : "+", Math.abs(seconds) / 3600, Math.abs(seconds) % 3600 / 60);
        return "BEGIN:VTIMEZONE\nTZID:" + tzid + "\nBEGIN:STANDARD\nDTSTART:19700101T000000\nTZOFFSETFROM:" + offset
                + "\nTZOFFSETTO:" + offset + "\nEND:STANDARD\nEND:VTIMEZONE\n";
    }

    @Test
    void namedZonesFollowJavaTimeAcrossEveryDstTransitionFrom2026To2030NorthAndSouth() {
        Map<String, String> zones = Map.of(
                "America/New_York",
                "America/New_York",
                "Europe/Berlin",
                "Europe/Berlin",
                "/mozilla.org/20050126_1/Europe/London",
                "Europe/London",
                "Australia/Sydney",
                "Australia/Sydney",
                "Pacific/Auckland",
                "Pacific/Auckland",
                "America/Santiago",
                "America/Santiago",
                "AUS Eastern Standard Time",
                "Australia/Sydney",
                "Pacific Standard Time",
                "America/Los_Angeles");
        Instant from = Instant.parse("2026-01-01T00:00:00Z");
        Instant to = Instant.parse("2031-01-01T00:00:00Z");
        int transitions = 0;
        for (var z : zones.entrySet()) {
            ZoneId zone = ZoneId.of(z.getValue());
            StringBuilder body = new StringBuilder(staleVtimezone(z.getKey(), zone));
            List<Instant> expected = new ArrayList<>();
            int n = 0;
            for (ZoneOffsetTransition t = zone.getRules().nextTransition(from);
                    t != null && t.getInstant().isBefore(to);
                    t = zone.getRules().nextTransition(t.getInstant())) {
                transitions++;
                // An hour either side of the change, and the same wall time a day later, in local time.
                for (LocalDateTime local : List.of(
                        t.getDateTimeBefore().minusHours(1),
                        t.getDateTimeAfter().plusHours(1),
                        t.getDateTimeAfter().plusDays(1))) {
                    body.append("BEGIN:VEVENT\nUID:e")
                            .append(n++)
                            .append("\nDTSTAMP:20260101T000000Z\nDTSTART;TZID=")
                            .append(z.getKey())
                            .append(':')
                            .append(ICS.format(local))
                            .append("\nSUMMARY:x\nEND:VEVENT\n");
                    expected.add(local.atZone(zone).toInstant());
                }
            }
            List<Instant> got =
                    ICalendarSource.read(calendar(body.toString()), "cal", "t", 0, from, to, ZoneOffset.UTC)
                            .events()
                            .stream()
                            .map(KnownEvent::start)
                            .toList();

            assertThat(got)
                    .as(z.getKey())
                    .containsExactlyElementsOf(expected.stream().sorted().toList());
        }
        assertThat(transitions).as("DST changes 2026-2030 in the zones tested").isGreaterThan(60);
    }

    @Test
    void aWeeklyEventInANamedZoneKeepsItsWallTimeAcrossTheDstChange() {
        String text = calendar("""
                BEGIN:VEVENT
                UID:w@example.test
                DTSTAMP:20260101T000000Z
                DTSTART;TZID=Australia/Sydney:20270328T190000
                DURATION:PT3H
                RRULE:FREQ=WEEKLY;COUNT=3
                SUMMARY:Sunday league
                END:VEVENT
                """);

        List<KnownEvent> events = ICalendarSource.read(
                        text,
                        "cal",
                        "t",
                        0,
                        Instant.parse("2027-03-01T00:00:00Z"),
                        Instant.parse("2027-05-01T00:00:00Z"),
                        ZoneOffset.UTC)
                .events();

        // Sydney leaves daylight time (UTC+11 -> UTC+10) on 4 April 2027 at 03:00.
        assertThat(events)
                .extracting(KnownEvent::start)
                .containsExactly(
                        Instant.parse("2027-03-28T08:00:00Z"),
                        Instant.parse("2027-04-04T09:00:00Z"),
                        Instant.parse("2027-04-11T09:00:00Z"));
    }

    @Test
    void aZoneOnlyTheCalendarDefinesUsesItsVtimezone() {
        String text = calendar("""
                BEGIN:VTIMEZONE
                TZID:Studio Time
                BEGIN:STANDARD
                DTSTART:19700101T000000
                TZOFFSETFROM:+0300
                TZOFFSETTO:+0300
                END:STANDARD
                END:VTIMEZONE
                BEGIN:VEVENT
                UID:s@example.test
                DTSTAMP:20260101T000000Z
                DTSTART;TZID=Studio Time:20261210T120000
                SUMMARY:Studio stream
                END:VEVENT
                """);

        List<KnownEvent> events = ICalendarSource.read(
                        text, "cal", "t", 0, NOW, NOW.plus(Duration.ofDays(60)), ZoneOffset.UTC)
                .events();

        assertThat(events)
                .extracting(KnownEvent::start, KnownEvent::end)
                .containsExactly(tuple(Instant.parse("2026-12-10T09:00:00Z"), Instant.parse("2026-12-10T10:00:00Z")));
    }

    @Test
    void anEventSentAgainUnderItsUidKeepsItsHighestSequenceAndTheOlderCopyIsCounted() {
        // An organiser moved the final from 10:00 to 14:00; the merged export holds both copies, the older first.
        String text = calendar("""
                BEGIN:VEVENT
                UID:final@example.test
                SEQUENCE:0
                DTSTAMP:20261101T000000Z
                DTSTART:20261205T100000Z
                DTEND:20261205T120000Z
                SUMMARY:Final
                END:VEVENT
                BEGIN:VEVENT
                UID:final@example.test
                SEQUENCE:1
                DTSTAMP:20261110T000000Z
                DTSTART:20261205T140000Z
                DTEND:20261205T160000Z
                SUMMARY:Final (moved)
                END:VEVENT
                """);

        EventSource.Fetched got =
                ICalendarSource.read(text, "cal", "t", 0, NOW, NOW.plus(Duration.ofDays(60)), ZoneOffset.UTC);

        assertThat(got.events())
                .extracting(KnownEvent::name, KnownEvent::start)
                .containsExactly(tuple("Final (moved)", Instant.parse("2026-12-05T14:00:00Z")));
        assertThat(got.skipped()).isEqualTo(Map.of("superseded", 1));
    }

    static String calendar(String body) {
        return ("BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//test//EN\n" + body + "END:VCALENDAR\n").replace("\n", "\r\n");
    }

    static final RssEventSource.Rule RELEASE =
            new RssEventSource.Rule("release date", "game_release", 0.8, Duration.ofHours(12));

    @Test
    void anItemWhoseDateHasNoZoneIsReadAsUtcAndSaidSo() {
        EventSource.Fetched got = rss("rss-nozone.xml", RELEASE);

        assertThat(got.events())
                .extracting(KnownEvent::name, KnownEvent::start)
                .containsExactly(tuple("Starfall Arena release date announced", Instant.parse("2026-11-29T18:00:00Z")));
        assertThat(got.notes()).singleElement().asString().contains("without a zone: read as UTC");
    }

    @Test
    void keywordsMatchTheVisibleTextNotMarkupAndSkippedItemsAreCountedByReason() {
        EventSource.Fetched got = rss(
                "rss-html.xml",
                RELEASE,
                new RssEventSource.Rule("starfall", "starfall_news", 0.2, Duration.ofHours(6)));

        // "The <strong>release</strong> date" is the phrase a reader sees; "starfall" appears in the second item
        // only inside a link's address, which a reader does not see.
        assertThat(got.events())
                .extracting(KnownEvent::type, KnownEvent::name)
                .containsExactly(tuple("game_release", "Starfall Arena: big news"));
        assertThat(got.skipped()).isEqualTo(Map.of("no-keyword", 1));
    }

    @Test
    void anItemWithNoReadableDateIsCountedNotLostSilently() {
        server.serve("/nodate.xml", 200, """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0"><channel><title>t</title><link>https://x.test/</link><description>d</description>
                <item><title>Release date soon</title><link>https://x.test/1</link><pubDate>sometime next week</pubDate></item>
                </channel></rss>""");

        EventSource.Fetched got = new RssEventSource(
                        "news", URI.create(server.base() + "/nodate.xml"), List.of(RELEASE), Duration.ofSeconds(5))
                .fetch(NOW);

        assertThat(got.events()).isEmpty();
        assertThat(got.skipped()).isEqualTo(Map.of("no-date", 1));
    }

    @Test
    void keywordsMatchWhatAReaderSeesWhateverApostrophesAccentsAndCaseTheFeedWrites() {
        // WordPress writes every apostrophe as &#8217;; some tools send accents decomposed (e + U+0301).
        server.serve("/typo.xml", 200, """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0"><channel><title>t</title><link>https://x.test/</link><description>d</description>
                <item><title>TOM&#8217;S Arena opens</title><link>https://x.test/1</link>\
                <pubDate>Sun, 01 Nov 2026 09:00:00 GMT</pubDate></item>
                <item><title>Poke\u0301mon Cup \u2013 finals</title><link>https://x.test/2</link>\
                <pubDate>Sun, 01 Nov 2026 10:00:00 GMT</pubDate></item>
                <item><title>Toms arena weather</title><link>https://x.test/3</link>\
                <pubDate>Sun, 01 Nov 2026 11:00:00 GMT</pubDate></item>
                </channel></rss>""");

        EventSource.Fetched got = new RssEventSource(
                        "news",
                        URI.create(server.base() + "/typo.xml"),
                        List.of(
                                new RssEventSource.Rule("tom's arena", "opening", 0.5, Duration.ofHours(6)),
                                new RssEventSource.Rule(
                                        "Pok\u00e9mon cup - finals", "esports", 0.5, Duration.ofHours(6))),
                        Duration.ofSeconds(5))
                .fetch(NOW);

        assertThat(got.events())
                .extracting(KnownEvent::type, KnownEvent::start)
                .containsExactly(
                        tuple("opening", Instant.parse("2026-11-01T09:00:00Z")),
                        tuple("esports", Instant.parse("2026-11-01T10:00:00Z")));
        assertThat(got.skipped()).isEqualTo(Map.of("no-keyword", 1));
    }

    @Test
    void aFeedIsDecodedInTheEncodingItDeclaresAndAByteOrderMarkIsSkipped() {
        String latin1 = """
                <?xml version="1.0" encoding="ISO-8859-1"?>
                <rss version="2.0"><channel><title>t</title><link>https://x.test/</link><description>d</description>
                <item><title>Pok\u00e9mon Cup release date</title><link>https://x.test/1</link>\
                <pubDate>Sun, 01 Nov 2026 09:00:00 GMT</pubDate></item>
                </channel></rss>""";
        server.handle("/latin1.xml", exchange -> {
            byte[] bytes = latin1.getBytes(StandardCharsets.ISO_8859_1);
            exchange.getResponseHeaders().add("Content-Type", "text/xml");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.serve("/bom.xml", 200, "\ufeff" + latin1.replace("ISO-8859-1", "UTF-8"));

        for (String feed : List.of("/latin1.xml", "/bom.xml")) {
            EventSource.Fetched got = new RssEventSource(
                            "news",
                            URI.create(server.base() + feed),
                            List.of(new RssEventSource.Rule("pok\u00e9mon", "esports", 0.5, Duration.ofHours(6))),
                            Duration.ofSeconds(5))
                    .fetch(NOW);

            assertThat(got.events())
                    .as(feed)
                    .extracting(KnownEvent::name, KnownEvent::start)
                    .containsExactly(tuple("Pok\u00e9mon Cup release date", Instant.parse("2026-11-01T09:00:00Z")));
        }
    }

    @Test
    void theCsvCalendarTheBacktestTakesIsAlsoALiveSource() {
        server.serve("/calendar.csv", 200, """
                start,end,type,name
                2026-10-12 00:00:00,2026-10-13 00:00:00,holiday,Columbus Day
                2026-11-26T05:00:00Z,2026-11-27T05:00:00Z,holiday,Thanksgiving Day
                """);

        EventSource.Fetched got = EventSourceRegistry.fromJson(
                        "[{\"type\": \"csv\", \"name\": \"holidays\", \"url\": \"" + server.base()
                                + "/calendar.csv\"}]",
                        Duration.ofSeconds(5))
                .get(0)
                .fetch(NOW);

        assertThat(got.events())
                .extracting(KnownEvent::name, KnownEvent::start, KnownEvent::end)
                .containsExactly(tuple(
                        "Thanksgiving Day",
                        Instant.parse("2026-11-26T05:00:00Z"),
                        Instant.parse("2026-11-27T05:00:00Z")));
        assertThat(got.skipped()).isEqualTo(Map.of("ended", 1));
    }

    @Test
    void theBacktestReadsAnIcsCalendarTheWayFetchEventsDoes(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws IOException {
        java.nio.file.Path file = dir.resolve("holidays.ics");
        java.nio.file.Files.writeString(file, calendar("""
                X-WR-TIMEZONE:America/New_York
                BEGIN:VEVENT
                UID:mlk@example.test
                DTSTAMP:20140101T000000Z
                DTSTART;VALUE=DATE:20150119
                CATEGORIES:holiday
                SUMMARY:Martin Luther King Jr. Day
                END:VEVENT
                BEGIN:VEVENT
                UID:game@example.test
                DTSTAMP:20140101T000000Z
                DTSTART;TZID=America/New_York:20141102T190000
                DURATION:PT3H
                RRULE:FREQ=WEEKLY;COUNT=3
                SUMMARY:Sunday game
                END:VEVENT
                """));

        List<String> notes = new ArrayList<>();
        List<KnownEvent> events = EventCalendars.read(
                file,
                Instant.parse("2014-07-01T00:00:00Z"),
                Instant.parse("2015-02-01T00:00:00Z"),
                ZoneOffset.UTC,
                notes::add);

        assertThat(notes).isEmpty();
        assertThat(events)
                .extracting(KnownEvent::type, KnownEvent::start)
                .containsExactly(
                        tuple("event", Instant.parse("2014-11-03T00:00:00Z")),
                                tuple("event", Instant.parse("2014-11-10T00:00:00Z")),
                        tuple("event", Instant.parse("2014-11-17T00:00:00Z")),
                                tuple("holiday", Instant.parse("2015-01-19T05:00:00Z")));
    }

    @Test
    void blankLinesBetweenEventsCostNothing() {
        // Teamup-, Meetup- and script-made feeds write an empty line after each VEVENT (and after the header).
        server.serve("/blank.ics", 200, calendar("""

                BEGIN:VEVENT
                UID:a@example.test
                DTSTAMP:20261101T000000Z
                DTSTART:20261105T190000Z
                DTEND:20261105T220000Z
                SUMMARY:Cup round 1

                END:VEVENT

                BEGIN:VEVENT
                UID:b@example.test
                DTSTAMP:20261101T000000Z
                DTSTART:20261112T190000Z
                DTEND:20261112T220000Z
                SUMMARY:Cup round 2
                END:VEVENT

                """));

        EventSource.Fetched got = new ICalendarSource(
                        "cal",
                        URI.create(server.base() + "/blank.ics"),
                        "tournament",
                        0.5,
                        Duration.ofSeconds(5),
                        ZoneOffset.UTC,
                        Duration.ofDays(30))
                .fetch(NOW);

        assertThat(got.events())
                .extracting(KnownEvent::name, KnownEvent::start)
                .containsExactly(
                        tuple("Cup round 1", Instant.parse("2026-11-05T19:00:00Z")),
                        tuple("Cup round 2", Instant.parse("2026-11-12T19:00:00Z")));
    }

    /** The same kind as a windows-1252 calendar: Windows tools also save UTF-16 without a byte-order mark. */
    @Test
    void aCalendarSavedAsUtf16WithoutAByteOrderMarkIsReadAsTheTraceReaderReadsSuchFiles(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws IOException {
        String text = calendar("""
                BEGIN:VEVENT
                UID:fete16@example.test
                DTSTAMP:20140101T000000Z
                DTSTART:20141010T180000Z
                DTEND:20141010T200000Z
                SUMMARY:Fête à Montréal
                END:VEVENT
                """);
        java.nio.file.Path file = dir.resolve("fetes16.ics");
        java.nio.file.Files.write(file, text.getBytes(java.nio.charset.StandardCharsets.UTF_16LE));

        List<String> notes = new ArrayList<>();
        List<KnownEvent> events = EventCalendars.read(
                file,
                Instant.parse("2014-07-01T00:00:00Z"),
                Instant.parse("2015-02-01T00:00:00Z"),
                ZoneOffset.UTC,
                notes::add);

        assertThat(events)
                .extracting(KnownEvent::name, KnownEvent::start)
                .containsExactly(tuple("Fête à Montréal", Instant.parse("2014-10-10T18:00:00Z")));
        assertThat(notes).isEmpty();
    }

    @Test
    void aCalendarSavedInWindows1252IsReadWithItsAccentsAndSaidSo(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws IOException {
        // An older Outlook or a Windows script writes the calendar in the ANSI code page, not UTF-8.
        String text = calendar("""
                BEGIN:VEVENT
                UID:fete@example.test
                DTSTAMP:20140101T000000Z
                DTSTART:20141010T180000Z
                DTEND:20141010T200000Z
                SUMMARY:Fête à Montréal – finale
                END:VEVENT
                """);
        byte[] windows1252 = text.getBytes(java.nio.charset.Charset.forName("windows-1252"));
        java.nio.file.Path file = dir.resolve("fetes.ics");
        java.nio.file.Files.write(file, windows1252);

        List<String> notes = new ArrayList<>();
        List<KnownEvent> events = EventCalendars.read(
                file,
                Instant.parse("2014-07-01T00:00:00Z"),
                Instant.parse("2015-02-01T00:00:00Z"),
                ZoneOffset.UTC,
                notes::add);

        assertThat(events)
                .extracting(KnownEvent::name, KnownEvent::start)
                .containsExactly(tuple("Fête à Montréal – finale", Instant.parse("2014-10-10T18:00:00Z")));
        assertThat(notes)
                .containsExactly(file + ": not UTF-8, read as windows-1252 (save the calendar as UTF-8 if its"
                        + " accented letters look wrong)");

        // The same bytes at a URL: fetch-events read them as UTF-8, so each accent became a replacement character.
        server.handle("/fetes.ics", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/calendar");
            exchange.sendResponseHeaders(200, windows1252.length);
            exchange.getResponseBody().write(windows1252);
            exchange.close();
        });
        // A server that names the charset is believed.
        byte[] latin1 = text.replace(" –", "").getBytes(StandardCharsets.ISO_8859_1);
        server.handle("/latin1.ics", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/calendar; charset=ISO-8859-1");
            exchange.sendResponseHeaders(200, latin1.length);
            exchange.getResponseBody().write(latin1);
            exchange.close();
        });
        for (String path : List.of("/fetes.ics", "/latin1.ics")) {
            EventSource.Fetched got = new ICalendarSource(
                            "cal",
                            URI.create(server.base() + path),
                            "tournament",
                            0.5,
                            Duration.ofSeconds(5),
                            ZoneOffset.UTC,
                            Duration.ofDays(30))
                    .fetch(Instant.parse("2014-10-01T00:00:00Z"));
            assertThat(got.events())
                    .as(path)
                    .extracting(KnownEvent::name)
                    .containsExactly(path.equals("/fetes.ics") ? "Fête à Montréal – finale" : "Fête à Montréal finale");
        }
    }

    @Test
    void feedDatesRomeCannotReadAreReadWithTheirOffset() {
        server.serve("/offsets.xml", 200, """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0"><channel><title>Game news</title><link>https://n.test/</link><description>d</description>
                <item><title>Starfall release date (GMT+2)</title><pubDate>Sun, 29 Nov 2026 18:00:00 GMT+2</pubDate></item>
                <item><title>Starfall release date (+02:00)</title><pubDate>Sun, 29 Nov 2026 18:00 +02:00</pubDate></item>
                <item><title>Starfall release date (no weekday, GMT-5)</title><pubDate>29 Nov 2026 18:00:00 GMT-05:00</pubDate></item>
                <item><title>Starfall release date (+0000)</title><pubDate>Sun, 29 Nov 2026 18:00:00 +0000</pubDate></item>
                <item><title>Starfall release date (nonsense)</title><pubDate>Sun, 29 Nov 2026 18:00:00 Mars Time</pubDate></item>
                </channel></rss>""");

        EventSource.Fetched got = new RssEventSource(
                        "news", URI.create(server.base() + "/offsets.xml"), List.of(RELEASE), Duration.ofSeconds(5))
                .fetch(NOW);

        // Dropped as 'no-date' before (all but +0000); 'Mars Time' names no zone anyone knows and is still dropped,
        // never read as UTC.
        assertThat(got.events())
                .extracting(KnownEvent::start)
                .containsExactly(
                        Instant.parse("2026-11-29T16:00:00Z"),
                        Instant.parse("2026-11-29T16:00:00Z"),
                        Instant.parse("2026-11-29T23:00:00Z"),
                        Instant.parse("2026-11-29T18:00:00Z"));
        assertThat(got.skipped()).isEqualTo(Map.of("no-date", 1));
        assertThat(got.notes()).isEmpty();
    }

    @Test
    void whatTheBacktestLeavesOutOfACalendarIsCountedOnItsStandardError(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws IOException {
        // A fixtures feed with a cancelled match, a to-do exported beside it, and a season that is not the trace's.
        java.nio.file.Path file = dir.resolve("fixtures.ics");
        java.nio.file.Files.writeString(file, calendar("""
                BEGIN:VEVENT
                UID:m1@fixtures.test
                DTSTAMP:20140801T000000Z
                DTSTART:20140913T190000Z
                SUMMARY:Home vs Away
                END:VEVENT
                BEGIN:VEVENT
                UID:m2@fixtures.test
                DTSTAMP:20140801T000000Z
                DTSTART:20140927T190000Z
                SUMMARY:Postponed match
                STATUS:CANCELLED
                END:VEVENT
                BEGIN:VEVENT
                UID:m3@fixtures.test
                DTSTAMP:20140801T000000Z
                DTSTART:20260913T190000Z
                SUMMARY:Next season's opener
                END:VEVENT
                BEGIN:VTODO
                UID:t1@fixtures.test
                DTSTAMP:20140801T000000Z
                SUMMARY:Book the stadium
                END:VTODO
                """));

        List<String> notes = new ArrayList<>();
        List<KnownEvent> events = EventCalendars.read(
                file,
                Instant.parse("2014-07-01T00:00:00Z"),
                Instant.parse("2015-02-01T00:00:00Z"),
                ZoneOffset.UTC,
                notes::add);

        assertThat(events)
                .extracting(KnownEvent::name, KnownEvent::start, KnownEvent::end)
                .containsExactly(tuple(
                        "Home vs Away", Instant.parse("2014-09-13T19:00:00Z"), Instant.parse("2014-09-13T20:00:00Z")));
        // Before, nothing was said: the cancelled match and the other season simply were not there.
        assertThat(notes)
                .containsExactly(
                        file + ": 1 VTODO left out: only VEVENTs are events",
                        file
                                + ": 1 event(s) read; left out: cancelled 1, not-an-event 1, outside-window 1 (no occurrence"
                                + " between 2014-07-01T00:00:00Z and 2015-02-01T00:00:00Z)");
    }

    @Test
    void aSeasonOfTenThousandFixturesInANamedZoneIsReadWhole() {
        // A league's whole fixture list as one feed, every time in the league's zone, no VTIMEZONE (as many sports
        // sites publish). ical4j looked the zone up again on every read of every date: 11 s here, now about 3 (a
        // benchmark, so measured by a command, not asserted here: see the session note).
        StringBuilder body = new StringBuilder();
        LocalDateTime first = LocalDateTime.parse("2014-07-01T18:00:00");
        for (int i = 0; i < 10_000; i++) {
            LocalDateTime at = first.plusMinutes(29L * i);
            body.append("BEGIN:VEVENT\nUID:match-")
                    .append(i)
                    .append("@league.test\nDTSTAMP:20140601T000000Z\nDTSTART;TZID=America/New_York:")
                    .append(ICS.format(at))
                    .append("\nDTEND;TZID=America/New_York:")
                    .append(ICS.format(at.plusHours(2)))
                    .append("\nSUMMARY:Match ")
                    .append(i)
                    .append("\nCATEGORIES:tournament\nEND:VEVENT\n");
        }
        String text = calendar(body.toString());
        Instant from = Instant.parse("2014-07-01T00:00:00Z");
        Instant to = Instant.parse("2015-02-01T00:00:00Z");

        EventSource.Fetched got = ICalendarSource.read(text, "league", null, Double.NaN, from, to, ZoneOffset.UTC);

        assertThat(got.events()).hasSize(10_000);
        assertThat(got.events().get(0).start()).isEqualTo(Instant.parse("2014-07-01T22:00:00Z"));
        assertThat(got.events().get(9_999).start())
                .isEqualTo(LocalDateTime.parse("2014-07-01T18:00:00")
                        .plusMinutes(29L * 9_999)
                        .atZone(java.time.ZoneId.of("America/New_York"))
                        .toInstant());
    }

    @Test
    void everyCalendarOfAStreamIsRead() {
        // RFC 5545 lets one stream hold several VCALENDARs (a server's export; feeds joined with cat): each with its
        // own
        // zones. Only the last one was kept.
        String outlookZone = """
                BEGIN:VTIMEZONE
                TZID:Customized Time Zone
                BEGIN:STANDARD
                DTSTART:16011028T030000
                RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10
                TZOFFSETFROM:+0200
                TZOFFSETTO:+0100
                END:STANDARD
                BEGIN:DAYLIGHT
                DTSTART:16010325T020000
                RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3
                TZOFFSETFROM:+0100
                TZOFFSETTO:+0200
                END:DAYLIGHT
                END:VTIMEZONE
                """;
        String stream = calendar(outlookZone + """
                        BEGIN:VEVENT
                        UID:berlin@example.test
                        DTSTAMP:20261101T000000Z
                        DTSTART;TZID="Customized Time Zone":20261105T190000
                        DTEND;TZID="Customized Time Zone":20261105T220000
                        SUMMARY:Berlin qualifier
                        END:VEVENT
                        """) + calendar("X-WR-TIMEZONE:America/New_York\n" + outlookZone + """
                        BEGIN:VEVENT
                        UID:ny@example.test
                        DTSTAMP:20261101T000000Z
                        DTSTART;VALUE=DATE:20261126
                        SUMMARY:Thanksgiving
                        END:VEVENT
                        """);
        server.serve("/stream.ics", 200, stream);

        EventSource.Fetched got = new ICalendarSource(
                        "cal",
                        URI.create(server.base() + "/stream.ics"),
                        "tournament",
                        0.5,
                        Duration.ofSeconds(5),
                        ZoneOffset.UTC,
                        Duration.ofDays(30))
                .fetch(NOW);

        assertThat(got.events())
                .extracting(KnownEvent::name, KnownEvent::start, KnownEvent::end)
                .containsExactly(
                        tuple(
                                "Berlin qualifier",
                                Instant.parse("2026-11-05T18:00:00Z"),
                                Instant.parse("2026-11-05T21:00:00Z")),
                        tuple(
                                "Thanksgiving",
                                Instant.parse("2026-11-26T05:00:00Z"),
                                Instant.parse("2026-11-27T05:00:00Z")));
    }

    @Test
    void aLineFoldedInsideAUtf8CharacterReadsAsTheCharacter(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws IOException {
        // Folded at 75 octets by an exporter that counts bytes, not characters: the é of 'équipe' split in two.
        byte[] summary = "SUMMARY:Finale \u00e0 Montr\u00e9al \u2013 tr\u00e8s attendue par l'\u00e9quipe"
                .getBytes(StandardCharsets.UTF_8);
        int split = summary.length - "quipe".length() - 1; // between the two bytes of the last é
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        bytes.writeBytes(calendar("BEGIN:VEVENT\nUID:final@example.test\nDTSTAMP:20140101T000000Z\n"
                        + "DTSTART:20141010T180000Z\n")
                .replace("END:VCALENDAR\r\n", "")
                .getBytes(StandardCharsets.UTF_8));
        bytes.write(summary, 0, split);
        bytes.writeBytes("\r\n ".getBytes(StandardCharsets.UTF_8));
        bytes.write(summary, split, summary.length - split);
        bytes.writeBytes("\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n".getBytes(StandardCharsets.UTF_8));
        byte[] ics = bytes.toByteArray();
        java.nio.file.Path file = dir.resolve("final.ics");
        java.nio.file.Files.write(file, ics);
        server.handle("/final.ics", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/calendar");
            exchange.sendResponseHeaders(200, ics.length);
            exchange.getResponseBody().write(ics);
            exchange.close();
        });
        String title = "Finale \u00e0 Montr\u00e9al \u2013 tr\u00e8s attendue par l'\u00e9quipe";

        List<String> notes = new ArrayList<>();
        List<KnownEvent> fromFile = EventCalendars.read(
                file,
                Instant.parse("2014-07-01T00:00:00Z"),
                Instant.parse("2015-02-01T00:00:00Z"),
                ZoneOffset.UTC,
                notes::add);
        EventSource.Fetched fromUrl = new ICalendarSource(
                        "cal",
                        URI.create(server.base() + "/final.ics"),
                        "tournament",
                        0.5,
                        Duration.ofSeconds(5),
                        ZoneOffset.UTC,
                        Duration.ofDays(30))
                .fetch(Instant.parse("2014-10-01T00:00:00Z"));

        assertThat(fromFile).extracting(KnownEvent::name).containsExactly(title);
        assertThat(notes).isEmpty();
        assertThat(fromUrl.events()).extracting(KnownEvent::name).containsExactly(title);
        assertThat(fromUrl.notes()).isEmpty();
    }

    @Test
    void anOverrideForThisAndFutureOccurrencesMovesTheLaterOnesToo() {
        // A weekly show moved from 19:00 to 21:00 (and lengthened) from its third week on, as a CalDAV client writes
        // it; a second series cancelled from its second week on. Only the overridden occurrence itself moved.
        server.serve("/future.ics", 200, calendar("""
                BEGIN:VEVENT
                UID:show@example.test
                DTSTAMP:20261101T000000Z
                DTSTART;TZID=Europe/Berlin:20261102T190000
                DTEND;TZID=Europe/Berlin:20261102T200000
                RRULE:FREQ=WEEKLY;COUNT=4
                SUMMARY:Weekly show
                END:VEVENT
                BEGIN:VEVENT
                UID:show@example.test
                DTSTAMP:20261101T000000Z
                RECURRENCE-ID;RANGE=THISANDFUTURE;TZID=Europe/Berlin:20261116T190000
                DTSTART;TZID=Europe/Berlin:20261116T210000
                DTEND;TZID=Europe/Berlin:20261116T223000
                SEQUENCE:1
                SUMMARY:Weekly show (late slot)
                END:VEVENT
                BEGIN:VEVENT
                UID:league@example.test
                DTSTAMP:20261101T000000Z
                DTSTART:20261103T180000Z
                DURATION:PT2H
                RRULE:FREQ=WEEKLY;COUNT=3
                SUMMARY:League night
                END:VEVENT
                BEGIN:VEVENT
                UID:league@example.test
                DTSTAMP:20261101T000000Z
                RECURRENCE-ID;RANGE=THISANDFUTURE:20261110T180000Z
                DTSTART:20261110T180000Z
                DURATION:PT2H
                STATUS:CANCELLED
                SUMMARY:League night
                END:VEVENT
                """));

        EventSource.Fetched got = new ICalendarSource(
                        "cal",
                        URI.create(server.base() + "/future.ics"),
                        "tournament",
                        0.5,
                        Duration.ofSeconds(5),
                        ZoneOffset.UTC,
                        Duration.ofDays(40))
                .fetch(NOW);

        assertThat(got.events())
                .extracting(KnownEvent::name, KnownEvent::start, KnownEvent::end)
                .containsExactly(
                        tuple(
                                "Weekly show",
                                Instant.parse("2026-11-02T18:00:00Z"),
                                Instant.parse("2026-11-02T19:00:00Z")),
                        tuple(
                                "League night",
                                Instant.parse("2026-11-03T18:00:00Z"),
                                Instant.parse("2026-11-03T20:00:00Z")),
                        tuple(
                                "Weekly show",
                                Instant.parse("2026-11-09T18:00:00Z"),
                                Instant.parse("2026-11-09T19:00:00Z")),
                        tuple(
                                "Weekly show (late slot)",
                                Instant.parse("2026-11-16T20:00:00Z"),
                                Instant.parse("2026-11-16T21:30:00Z")),
                        tuple(
                                "Weekly show (late slot)",
                                Instant.parse("2026-11-23T20:00:00Z"),
                                Instant.parse("2026-11-23T21:30:00Z")));
    }
}
