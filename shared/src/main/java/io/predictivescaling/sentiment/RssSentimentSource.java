package io.predictivescaling.sentiment;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import io.predictivescaling.common.HttpFeeds;
import io.predictivescaling.common.Keywords;
import io.predictivescaling.common.SourceException;
import java.io.StringReader;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

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
        for (SyndEntry entry : parsed.getEntries()) {
            String text = (entry.getTitle() == null ? "" : entry.getTitle()) + " "
                    + (entry.getDescription() == null
                            ? ""
                            : entry.getDescription().getValue());
            Date date = entry.getPublishedDate() != null ? entry.getPublishedDate() : entry.getUpdatedDate();
            if (date == null || !Keywords.contains(text, keyword)) {
                continue;
            }
            if (date.toInstant().isAfter(since)) {
                posts.add(new Post(
                        name,
                        entry.getUri() != null ? entry.getUri() : entry.getLink(),
                        text.replaceAll("<[^>]+>", " ").trim(),
                        date.toInstant()));
            }
        }
        return posts;
    }
}
