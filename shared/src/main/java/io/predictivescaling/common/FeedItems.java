package io.predictivescaling.common;

import com.rometools.rome.feed.synd.SyndEntry;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/**
 * What RSS and Atom items say, as a reader sees it, for every source that reads feeds (known events, sentiment):
 * the visible text of an HTML title or summary, and each item's date, ROME's reading first.
 */
public final class FeedItems {
    private FeedItems() {}

    /** An item's date: the instant, and whether the feed named no zone (then the instant is read as UTC). */
    public record Dated(Instant at, boolean zoneless) {}

    /**
     * Layouts ROME's RFC 822 and W3C masks do not read, tried on the item's raw date text: an offset written
     * {@code GMT+2}, {@code GMT+02:00} or {@code +02:00} after an RFC 822 date, and the same dates with no zone.
     */
    private static final DateTimeFormatter RFC822_LOOSE = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .appendPattern("d MMM yyyy HH:mm[:ss]")
            .optionalStart()
            .appendLiteral(' ')
            .optionalEnd()
            .optionalStart()
            .appendOffset("+HH:MM", "Z")
            .optionalEnd()
            .optionalStart()
            .appendLocalizedOffset(java.time.format.TextStyle.SHORT)
            .optionalEnd()
            .toFormatter(Locale.ENGLISH);

    /**
     * What a reader sees of an HTML fragment (a title or summary): its text, entities decoded, whitespace collapsed.
     * A word only inside markup (a link's address) is not there; a phrase split by tags is.
     *
     * @param html a fragment; null or blank reads as empty
     */
    public static String visible(String html) {
        if (html == null || html.isBlank()) {
            return "";
        }
        return Jsoup.parseBodyFragment(html)
                .body()
                .text()
                .replace('\u00a0', ' ')
                .replaceAll("\\s+", " ")
                .trim();
    }

    /**
     * Each entry's date, in the entries' order: ROME's published, else updated date; where ROME read none, the
     * item's raw {@code pubDate}, {@code published}, {@code updated} or {@code dc:date} in a layout ROME does not
     * know ({@code Sun, 29 Nov 2026 18:00:00 GMT+2}, {@code ... +02:00}), and a date without a zone read as UTC
     * ({@link Dated#zoneless}). Empty where the item has no date anyone can read.
     *
     * @param xml the feed's text, as given to ROME
     * @param entries ROME's entries of that text
     */
    public static List<Optional<Dated>> dates(String xml, List<SyndEntry> entries) {
        // ROME drops a date it cannot read: the raw text of each item's date, in feed order, is read here.
        List<Element> items = null;
        List<Optional<Dated>> dates = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            SyndEntry entry = entries.get(i);
            java.util.Date date = entry.getPublishedDate() != null ? entry.getPublishedDate() : entry.getUpdatedDate();
            if (date != null) {
                dates.add(Optional.of(new Dated(date.toInstant(), false)));
                continue;
            }
            if (items == null) {
                items = Jsoup.parse(xml, "", Parser.xmlParser()).select("item, entry");
            }
            dates.add(i < items.size() ? raw(items.get(i)) : Optional.empty());
        }
        return dates;
    }

    private static Optional<Dated> raw(Element item) {
        for (String tag : List.of("pubDate", "published", "updated", "dc|date")) {
            Element date = item.selectFirst(tag);
            if (date == null) {
                continue;
            }
            Optional<Dated> read = read(date.text().trim());
            if (read.isPresent()) {
                return read;
            }
        }
        return Optional.empty();
    }

    /** A raw date text in a layout ROME does not read; package-visible for tests. */
    static Optional<Dated> read(String raw) {
        // The weekday is left out: a feed's wrong weekday does not cost its date (ROME ignores it too).
        String text = raw.replaceFirst("^[A-Za-z]+,\\s*", "");
        try {
            TemporalAccessor t = RFC822_LOOSE.parse(text);
            LocalDateTime local = LocalDateTime.from(t);
            if (t.isSupported(ChronoField.OFFSET_SECONDS)) {
                return Optional.of(new Dated(
                        OffsetDateTime.of(local, ZoneOffset.ofTotalSeconds(t.get(ChronoField.OFFSET_SECONDS)))
                                .toInstant(),
                        false));
            }
            return Optional.of(new Dated(local.toInstant(ZoneOffset.UTC), true));
        } catch (java.time.DateTimeException notThisLayout) {
            // try ISO
        }
        try {
            return Optional.of(new Dated(
                    LocalDateTime.parse(text, DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                            .toInstant(ZoneOffset.UTC),
                    true));
        } catch (DateTimeParseException unreadable) {
            return Optional.empty();
        }
    }
}
