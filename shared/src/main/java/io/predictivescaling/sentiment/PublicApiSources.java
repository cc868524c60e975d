package io.predictivescaling.sentiment;

import com.fasterxml.jackson.databind.JsonNode;
import io.predictivescaling.common.HttpJsonClient;
import io.predictivescaling.common.SourceException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The public social APIs, each a few lines: where to ask, and how to read a post out of the answer. The
 * base URL is configurable, so tests (and self-hosted instances such as a Mastodon server) point elsewhere.
 */
public final class PublicApiSources {
    private PublicApiSources() {}

    /** Reddit search, newest first ({@code /search.json?q=...&sort=new}). */
    public static SentimentSource reddit(String baseUrl, HttpJsonClient http, Optional<String> token) {
        return reddit(baseUrl, http, () -> token);
    }

    /** @param token read when first needed (not at start-up, so no secret lands in a SnapStart snapshot) */
    public static SentimentSource reddit(String baseUrl, HttpJsonClient http, Supplier<Optional<String>> token) {
        return new JsonSource(
                "reddit",
                http,
                token,
                k -> URI.create(baseUrl + "/search.json?sort=new&limit=100&q=" + encode(k)),
                root -> root.path("data").path("children"),
                post -> new Post(
                        "reddit",
                        post.path("data").path("id").asText(),
                        post.path("data").path("title").asText() + " "
                                + post.path("data").path("selftext").asText(),
                        Instant.ofEpochSecond(
                                post.path("data").path("created_utc").asLong())));
    }

    /** A Mastodon server's public hashtag timeline ({@code /api/v1/timelines/tag/TAG}). */
    public static SentimentSource mastodon(String baseUrl, HttpJsonClient http, Optional<String> token) {
        return mastodon(baseUrl, http, () -> token);
    }

    /** @param token read when first needed (not at start-up, so no secret lands in a SnapStart snapshot) */
    public static SentimentSource mastodon(String baseUrl, HttpJsonClient http, Supplier<Optional<String>> token) {
        return new JsonSource(
                "mastodon",
                http,
                token,
                k -> URI.create(baseUrl + "/api/v1/timelines/tag/" + encode(k.replace("#", "")) + "?limit=40"),
                root -> root,
                post -> new Post(
                        "mastodon",
                        post.path("id").asText(),
                        post.path("content").asText().replaceAll("<[^>]+>", " "),
                        Instant.parse(post.path("created_at").asText())));
    }

    /** Bluesky post search ({@code /xrpc/app.bsky.feed.searchPosts?q=...}). */
    public static SentimentSource bluesky(String baseUrl, HttpJsonClient http, Optional<String> token) {
        return bluesky(baseUrl, http, () -> token);
    }

    /** @param token read when first needed (not at start-up, so no secret lands in a SnapStart snapshot) */
    public static SentimentSource bluesky(String baseUrl, HttpJsonClient http, Supplier<Optional<String>> token) {
        return new JsonSource(
                "bluesky",
                http,
                token,
                k -> URI.create(baseUrl + "/xrpc/app.bsky.feed.searchPosts?sort=latest&limit=100&q=" + encode(k)),
                root -> root.path("posts"),
                post -> new Post(
                        "bluesky",
                        post.path("uri").asText(),
                        post.path("record").path("text").asText(),
                        Instant.parse(post.path("record").path("createdAt").asText())));
    }

    /** Hacker News search by date (Algolia, {@code /api/v1/search_by_date?query=...}). */
    public static SentimentSource hackerNews(String baseUrl, HttpJsonClient http) {
        return new JsonSource(
                "hackernews",
                http,
                Optional::empty,
                k -> URI.create(baseUrl + "/api/v1/search_by_date?hitsPerPage=100&query=" + encode(k)),
                root -> root.path("hits"),
                post -> new Post(
                        "hackernews",
                        post.path("objectID").asText(),
                        post.path("title").asText("") + " "
                                + post.path("comment_text").asText(""),
                        Instant.ofEpochSecond(post.path("created_at_i").asLong())));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** A source answering JSON: where to ask, where the posts are, how to read one. */
    static final class JsonSource implements SentimentSource {
        private final String name;
        private final HttpJsonClient http;
        private final Supplier<Optional<String>> token;
        private final Function<String, URI> url;
        private final Function<JsonNode, JsonNode> posts;
        private final Function<JsonNode, Post> read;

        JsonSource(
                String name,
                HttpJsonClient http,
                Supplier<Optional<String>> token,
                Function<String, URI> url,
                Function<JsonNode, JsonNode> posts,
                Function<JsonNode, Post> read) {
            this.name = name;
            this.http = http;
            this.token = token;
            this.url = url;
            this.posts = posts;
            this.read = read;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public List<Post> fetch(String keyword, Instant since) {
            JsonNode list = posts.apply(http.get(name, url.apply(keyword), token.get()));
            if (!list.isArray()) {
                throw new SourceException(name, "malformed", "expected a list of posts", null);
            }
            List<Post> out = new ArrayList<>();
            for (JsonNode node : list) {
                try {
                    Post p = read.apply(node);
                    if (p.createdAt().isAfter(since)) {
                        out.add(p);
                    }
                } catch (RuntimeException e) {
                    // One unreadable post does not cost the others; the source stays usable.
                }
            }
            return out;
        }
    }
}
