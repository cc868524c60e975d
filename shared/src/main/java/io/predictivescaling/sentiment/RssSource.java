package io.predictivescaling.sentiment;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;

/** Any RSS or Atom feed (read with ROME): entries whose title or summary mention the keyword. */
public final class RssSource implements SentimentSource {
    private final String name;
    private final URI feed;
    private final HttpClient http;
    private final Duration timeout;

    public RssSource(String name, URI feed, Duration timeout) {
        this.name = name;
        this.feed = feed;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<Post> fetch(String keyword, Instant since) {
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(feed).timeout(timeout).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new SourceException(name, "timeout", "no answer within " + timeout, e);
        } catch (IOException e) {
            throw new SourceException(name, "unreachable", String.valueOf(e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceException(name, "unreachable", "interrupted", e);
        }
        if (response.statusCode() >= 500) {
            throw new SourceException(name, "server-error", "HTTP " + response.statusCode(), null);
        }
        if (response.statusCode() >= 400) {
            throw new SourceException(name, response.statusCode() == 401 || response.statusCode() == 403 ? "auth"
                    : "malformed", "HTTP " + response.statusCode(), null);
        }
        if (response.body().length() > HttpJsonClient.MAX_BYTES) {
            throw new SourceException(name, "malformed", "feed larger than " + HttpJsonClient.MAX_BYTES + " bytes", null);
        }
        SyndFeed parsed;
        try {
            parsed = new SyndFeedInput().build(new StringReader(response.body()));
        } catch (FeedException | IllegalArgumentException e) {
            throw new SourceException(name, "malformed", "not RSS or Atom: " + e.getMessage(), e);
        }
        String needle = keyword.toLowerCase(Locale.ROOT);
        List<Post> posts = new ArrayList<>();
        for (SyndEntry entry : parsed.getEntries()) {
            String text = (entry.getTitle() == null ? "" : entry.getTitle()) + " "
                    + (entry.getDescription() == null ? "" : entry.getDescription().getValue());
            Date date = entry.getPublishedDate() != null ? entry.getPublishedDate() : entry.getUpdatedDate();
            if (date == null || !text.toLowerCase(Locale.ROOT).contains(needle)) {
                continue;
            }
            if (date.toInstant().isAfter(since)) {
                posts.add(new Post(name, entry.getUri() != null ? entry.getUri() : entry.getLink(),
                        text.replaceAll("<[^>]+>", " ").trim(), date.toInstant()));
            }
        }
        return posts;
    }
}
