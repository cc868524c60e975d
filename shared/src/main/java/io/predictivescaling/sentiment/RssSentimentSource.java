package io.predictivescaling.sentiment;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
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
import java.util.Optional;

/** Any RSS or Atom feed (read with ROME): entries whose title or summary mention the keyword. */
public final class RssSentimentSource implements SentimentSource {
    private final String name;
    private final URI feed;
    private final Duration timeout;

    public RssSentimentSource(String name, URI feed, Duration timeout) {
        this.name = name;
        this.feed = feed;
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<Post> fetch(String keyword, Instant since) {
        String body = HttpFeeds.getXml(name, feed, timeout);
        SyndFeed parsed;
        try {
            parsed = new SyndFeedInput().build(new StringReader(body));
        } catch (FeedException | IllegalArgumentException e) {
            throw new SourceException(name, "malformed", "not RSS or Atom: " + e.getMessage(), e);
        }
        List<Post> posts = new ArrayList<>();
        List<SyndEntry> entries = parsed.getEntries();
        // The dates and visible text the known-events feed reads: a date ROME cannot read (GMT+2, +02:00, no zone)
        // was dropped with its post, and a keyword only in a link's address or split by tags matched or was missed.
        List<Optional<FeedItems.Dated>> dates = FeedItems.dates(body, entries);
        for (int i = 0; i < entries.size(); i++) {
            SyndEntry entry = entries.get(i);
            String text = (FeedItems.visible(entry.getTitle()) + " "
                            + FeedItems.visible(
                                    entry.getDescription() == null
                                            ? null
                                            : entry.getDescription().getValue()))
                    .trim();
            if (dates.get(i).isEmpty() || !Keywords.contains(text, keyword)) {
                continue;
            }
            Instant at = dates.get(i).get().at();
            if (at.isAfter(since)) {
                posts.add(new Post(name, entry.getUri() != null ? entry.getUri() : entry.getLink(), text, at));
            }
        }
        return posts;
    }
}
