package io.predictivescaling.sentiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.predictivescaling.common.HttpJsonClient;
import io.predictivescaling.common.SourceException;
import io.predictivescaling.testing.LoopbackHttp;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each source's real HTTP client path against recorded-style answers served on loopback. */
class PublicApiSourcesTest {
    static final Instant SINCE = Instant.parse("2026-11-27T00:00:00Z");
    LoopbackHttp server;
    String base;
    // Calls that must answer get timeouts no loaded machine reaches; the timeout case has its own short client.
    final HttpJsonClient http = new HttpJsonClient(Duration.ofSeconds(10), Duration.ofSeconds(2));
    final HttpJsonClient impatient = new HttpJsonClient(Duration.ofMillis(1500), Duration.ofSeconds(2));

    @BeforeEach
    void start() {
        server = new LoopbackHttp();
        base = server.base();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    void serve(String path, int status, String body) {
        server.serve(path, status, body);
    }

    @Test
    void redditMastodonBlueskyAndHackerNewsPostsAreRead() {
        serve("/search.json", 200, """
                {"data": {"children": [
                  {"data": {"id": "a1", "title": "Season 5 launch is AWESOME", "selftext": "", "created_utc": 1795820000}},
                  {"data": {"id": "a0", "title": "old", "selftext": "", "created_utc": 1700000000}}]}}""");
        serve("/api/v1/timelines/tag/yourgame", 200, """
                [{"id": "m1", "content": "<p>servers down again</p>", "created_at": "2026-11-27T19:00:00Z"}]""");
        serve("/xrpc/app.bsky.feed.searchPosts", 200, """
                {"posts": [{"uri": "at://x/1", "record": {"text": "so hyped \uD83D\uDD25", "createdAt": "2026-11-27T19:30:00Z"}}]}""");
        serve("/api/v1/search_by_date", 200, """
                {"hits": [{"objectID": "h1", "title": "YourGame 2 released", "created_at_i": 1795820000},
                          {"objectID": "broken", "created_at_i": "not a time"}]}""");

        assertThat(PublicApiSources.reddit(base, http, Optional.empty()).fetch("yourgame", SINCE))
                .extracting(Post::id)
                .containsExactly("a1");
        assertThat(PublicApiSources.mastodon(base, http, Optional.empty()).fetch("#yourgame", SINCE))
                .singleElement()
                .satisfies(
                        p -> assertThat(p.text()).contains("servers down again").doesNotContain("<p>"));
        assertThat(PublicApiSources.bluesky(base, http, Optional.of("token")).fetch("yourgame", SINCE))
                .singleElement()
                .satisfies(p -> assertThat(LexiconScorer.score(p.text())).isPositive());
        assertThat(PublicApiSources.hackerNews(base, http).fetch("yourgame", SINCE))
                .extracting(Post::id)
                .contains("h1");
    }

    @Test
    void eachFailureKindIsAClearErrorNamingTheSource() {
        serve("/search.json", 500, "oops");
        serve("/api/v1/timelines/tag/yourgame", 200, "{not json");
        serve("/xrpc/app.bsky.feed.searchPosts", 401, "{\"error\": \"AuthMissing\"}");
        server.handle("/api/v1/search_by_date", exchange -> {
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });

        assertThatThrownBy(() ->
                        PublicApiSources.reddit(base, http, Optional.empty()).fetch("yourgame", SINCE))
                .isInstanceOf(SourceException.class)
                .hasMessage("reddit: server-error: HTTP 500");
        assertThatThrownBy(() ->
                        PublicApiSources.mastodon(base, http, Optional.empty()).fetch("yourgame", SINCE))
                .hasMessageStartingWith("mastodon: malformed: not JSON");
        assertThatThrownBy(() ->
                        PublicApiSources.bluesky(base, http, Optional.empty()).fetch("yourgame", SINCE))
                .hasMessageStartingWith("bluesky: auth: HTTP 401");
        assertThatThrownBy(() -> PublicApiSources.hackerNews(base, impatient).fetch("yourgame", SINCE))
                .satisfies(e -> assertThat(((SourceException) e).kind()).isEqualTo("timeout"));
    }

    @Test
    void anRssFeedGivesTheEntriesThatMentionTheKeyword() {
        serve("/feed.xml", 200, """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0"><channel><title>Patch notes</title>
                <item><title>YourGame season 5 is live</title><link>https://example.com/1</link>
                  <description>Great new maps</description><pubDate>Fri, 27 Nov 2026 19:00:00 GMT</pubDate></item>
                <item><title>Other game patch</title><link>https://example.com/2</link>
                  <pubDate>Fri, 27 Nov 2026 19:10:00 GMT</pubDate></item>
                </channel></rss>""");
        serve("/broken.xml", 200, "<rss><channel><item>");

        List<Post> posts = new RssSentimentSource(
                        "patch-notes", java.net.URI.create(base + "/feed.xml"), Duration.ofSeconds(10))
                .fetch("yourgame", SINCE);

        assertThat(posts).singleElement().satisfies(p -> {
            assertThat(p.source()).isEqualTo("patch-notes");
            assertThat(p.text()).contains("season 5").contains("Great new maps");
            assertThat(p.createdAt()).isEqualTo(Instant.parse("2026-11-27T19:00:00Z"));
        });
        assertThatThrownBy(() -> new RssSentimentSource(
                                "broken", java.net.URI.create(base + "/broken.xml"), Duration.ofSeconds(10))
                        .fetch("yourgame", SINCE))
                .hasMessageStartingWith("broken: malformed: not RSS or Atom");
    }

    @Test
    void anRssFeedIsReadAsTheKnownEventsFeedIsItsDatesAndTheTextAReaderSees() {
        serve("/news.xml", 200, """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0"><channel><title>Studio news</title>
                <item><title>YourGame: big news</title><link>https://example.com/1</link>
                  <description>&lt;p&gt;The &lt;strong&gt;release&lt;/strong&gt; date is set.&lt;/p&gt;</description>
                  <pubDate>Fri, 27 Nov 2026 19:00:00 GMT+2</pubDate></item>
                <item><title>Hardware roundup</title><link>https://example.com/2</link>
                  <description>&lt;a href="https://example.com/tags/yourgame"&gt;more&lt;/a&gt;</description>
                  <pubDate>Fri, 27 Nov 2026 19:10:00 +0000</pubDate></item>
                <item><title>YourGame patch 1.1 &amp;amp; hotfix</title><link>https://example.com/3</link>
                  <pubDate>Fri, 27 Nov 2026 20:00:00 +01:00</pubDate></item>
                <item><title>YourGame server status</title><link>https://example.com/4</link>
                  <pubDate>Fri, 27 Nov 2026 21:00:00</pubDate></item>
                </channel></rss>""");
        RssSentimentSource news =
                new RssSentimentSource("news", java.net.URI.create(base + "/news.xml"), Duration.ofSeconds(10));

        // A date ROME cannot read (GMT+2, +01:00, no zone) cost its post; the link's address matched 'yourgame'.
        assertThat(news.fetch("yourgame", SINCE))
                .extracting(Post::createdAt, Post::text)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                Instant.parse("2026-11-27T17:00:00Z"), "YourGame: big news The release date is set."),
                        org.assertj.core.groups.Tuple.tuple(
                                Instant.parse("2026-11-27T19:00:00Z"), "YourGame patch 1.1 & hotfix"),
                        org.assertj.core.groups.Tuple.tuple(
                                Instant.parse("2026-11-27T21:00:00Z"), "YourGame server status"));
        // A phrase split by markup is the phrase a reader sees.
        assertThat(news.fetch("release date", SINCE)).extracting(Post::id).containsExactly("https://example.com/1");
    }

    @Test
    void anUnknownSourceTypeInTheConfigurationIsAClearError() {
        assertThatThrownBy(() -> SentimentSourceRegistry.fromJson(
                        "[{\"type\": \"myspace\"}]", http, null, Duration.ofSeconds(1)))
                .hasMessageStartingWith("unknown sentiment source type 'myspace'");
        assertThatThrownBy(() -> SentimentSourceRegistry.fromJson("{oops", http, null, Duration.ofSeconds(1)))
                .hasMessageStartingWith("SENTIMENT_SOURCES is not JSON");
        assertThat(SentimentSourceRegistry.fromJson(
                        "[{\"type\": \"hackernews\"}, {\"type\": \"rss\", \"name\": \"n\", "
                                + "\"url\": \"https://example.com/f.xml\"}]",
                        http,
                        null,
                        Duration.ofSeconds(1)))
                .extracting(SentimentSource::name)
                .containsExactly("hackernews", "n");
        var subreddit = SentimentSourceRegistry.fromJson(
                        "[{\"type\": \"reddit\", \"keywords\": [\"yourgame\"]}]", http, null, Duration.ofSeconds(1))
                .get(0);
        assertThat(subreddit.covers("yourgame")).isTrue();
        assertThat(subreddit.covers("othergame")).isFalse();
    }

    /**
     * fetch-sentiment's role may read only SSM parameters under /predictive-scaling/: a token stored anywhere else
     * would be denied at every poll once deployed, so the configuration naming it is refused, saying where it goes.
     */
    @Test
    void aCredentialsParameterOutsideTheOnesTheFunctionMayReadIsAClearError() {
        for (String outside : List.of("bluesky-token", "/other-app/bluesky-token", "/predictive-scaling/")) {
            assertThatThrownBy(() -> SentimentSourceRegistry.fromJson(
                            "[{\"type\": \"bluesky\", \"credentialsParameter\": \"" + outside + "\"}]",
                            http,
                            null,
                            Duration.ofSeconds(1)))
                    .as(outside)
                    .hasMessage("credentialsParameter '" + outside + "' of the bluesky source is outside "
                            + "/predictive-scaling/, the only SSM parameters fetch-sentiment may read: store the token"
                            + " as /predictive-scaling/<name> and name that");
        }
        assertThat(SentimentSourceRegistry.fromJson(
                        "[{\"type\": \"bluesky\", \"credentialsParameter\": \"/predictive-scaling/bluesky-token\"}]",
                        http,
                        null,
                        Duration.ofSeconds(1)))
                .extracting(SentimentSource::name)
                .containsExactly("bluesky");
    }

    @Test
    void aRateLimitIsWaitedOutOnceWithRetryAfter() {
        AtomicInteger calls = new AtomicInteger();
        server.handle("/search.json", exchange -> {
            boolean first = calls.getAndIncrement() == 0;
            byte[] body = (first ? "{}" : "{\"data\": {\"children\": []}}").getBytes(StandardCharsets.UTF_8);
            if (first) {
                exchange.getResponseHeaders().add("Retry-After", "1");
            }
            exchange.sendResponseHeaders(first ? 429 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        long start = System.nanoTime();

        List<Post> posts = PublicApiSources.reddit(base, http, Optional.empty()).fetch("yourgame", SINCE);

        assertThat(posts).isEmpty();
        assertThat(calls.get()).isEqualTo(2);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }
}
