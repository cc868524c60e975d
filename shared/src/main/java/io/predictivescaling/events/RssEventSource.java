package io.predictivescaling.events;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import io.predictivescaling.common.FeedItems;
import io.predictivescaling.common.HttpFeeds;
import io.predictivescaling.common.Keywords;
import io.predictivescaling.common.SourceException;
import java.io.StringReader;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An RSS or Atom feed (read with ROME) whose items become events by keyword rules, e.g. an item mentioning
 * "release date" in a game-news feed becomes a {@code game_release} at the item's date.
 *
 * <p>Rules match the text a reader sees: the title and summary with their HTML removed (jsoup), whitespace
 * collapsed and case ignored, so a phrase split by markup ({@code The <strong>release</strong> date}) matches
 * and a word only inside a link's address does not. An item whose date has no zone is read as UTC and a note
 * says so; every item not turned into an event is counted by reason ({@code no-keyword}, {@code no-date}).
 */
public final class RssEventSource implements EventSource {
    /** An item whose visible title or summary contains {@code keyword} becomes an event of {@code type}. */
    public record Rule(String keyword, String type, double impact, Duration duration) {}

    private final String name;
    private final URI url;
    private final List<Rule> rules;
    private final Duration timeout;

    public RssEventSource(String name, URI url, List<Rule> rules, Duration timeout) {
        this.name = name;
        this.url = url;
        this.rules = List.copyOf(rules);
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Fetched fetch(Instant now) {
        String text = HttpFeeds.getXml(name, url, timeout);
        List<SyndEntry> entries;
        try {
            entries = new SyndFeedInput().build(new StringReader(text)).getEntries();
        } catch (FeedException | RuntimeException e) {
            throw new SourceException(name, "malformed", "not RSS or Atom: " + e.getMessage(), e);
        }
        List<Optional<FeedItems.Dated>> dates = FeedItems.dates(text, entries);
        List<KnownEvent> events = new ArrayList<>();
        Map<String, Integer> skipped = new TreeMap<>();
        List<String> notes = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            SyndEntry entry = entries.get(i);
            String title = visible(entry.getTitle());
            Optional<Rule> rule = match(title + " " + visible(description(entry)));
            if (rule.isEmpty()) {
                skipped.merge("no-keyword", 1, Integer::sum);
                continue;
            }
            if (dates.get(i).isEmpty()) {
                skipped.merge("no-date", 1, Integer::sum);
                continue;
            }
            Instant start = dates.get(i).get().at();
            if (dates.get(i).get().zoneless()) {
                notes.add("item '" + title + "' has a date without a zone: read as UTC (" + start + ")");
            }
            events.add(new KnownEvent(
                    rule.get().type(),
                    title.isBlank() ? "(no title)" : title,
                    start,
                    start.plus(rule.get().duration()),
                    name,
                    rule.get().impact()));
        }
        return new Fetched(events, skipped, notes);
    }

    private Optional<Rule> match(String visibleText) {
        // Folded alike (accents, typographic apostrophes, case): "tom's" matches the "Tom&#8217;s" a feed writes.
        String text = Keywords.fold(visibleText);
        return rules.stream()
                .filter(r -> text.contains(Keywords.fold(r.keyword())))
                .findFirst();
    }

    private static String description(SyndEntry entry) {
        if (entry.getDescription() != null && entry.getDescription().getValue() != null) {
            return entry.getDescription().getValue();
        }
        return entry.getContents().stream()
                .map(SyndContent::getValue)
                .filter(v -> v != null)
                .reduce("", (a, b) -> a + " " + b);
    }

    /** What a reader sees of an HTML fragment: its text, entities decoded, whitespace collapsed. */
    static String visible(String html) {
        return FeedItems.visible(html);
    }
}
