package io.predictivescaling.events;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import io.predictivescaling.sentiment.HttpFeeds;
import io.predictivescaling.sentiment.SentimentSource.SourceException;
import java.io.StringReader;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;

/**
 * An RSS or Atom feed (read with ROME) whose items become events by keyword rules, e.g. an item mentioning
 * "release date" in a game-news feed becomes a {@code game_release} at the item's date.
 */
public final class RssEventSource implements EventSource {
    /** An item whose title or summary contains {@code keyword} becomes an event of {@code type}. */
    public record Rule(String keyword, String type, double impact, Duration duration) {
    }

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
    public List<KnownEvent> fetch() {
        String text = HttpFeeds.get(name, url, timeout);
        List<SyndEntry> entries;
        try {
            entries = new SyndFeedInput().build(new StringReader(text)).getEntries();
        } catch (FeedException | RuntimeException e) {
            throw new SourceException(name, "malformed", "not RSS or Atom: " + e.getMessage(), e);
        }
        List<KnownEvent> events = new ArrayList<>();
        for (SyndEntry entry : entries) {
            String title = entry.getTitle() == null ? "" : entry.getTitle();
            String body = (title + " " + (entry.getDescription() == null ? "" : entry.getDescription().getValue()))
                    .toLowerCase(Locale.ROOT);
            Date date = entry.getPublishedDate() != null ? entry.getPublishedDate() : entry.getUpdatedDate();
            if (date == null) {
                continue;
            }
            for (Rule rule : rules) {
                if (body.contains(rule.keyword().toLowerCase(Locale.ROOT))) {
                    Instant start = date.toInstant();
                    events.add(new KnownEvent(rule.type(), title, start, start.plus(rule.duration()), name, rule.impact()));
                    break;
                }
            }
        }
        return events;
    }
}
