package io.predictivescaling.sentiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.predictivescaling.common.HttpJsonClient;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the configured sources from JSON (the SENTIMENT_SOURCES setting), e.g.
 * {@code [{"type": "reddit", "baseUrl": "https://www.reddit.com"}, {"type": "rss", "name": "patch-notes",
 * "url": "https://example.com/feed.xml"}, {"type": "bluesky", "baseUrl": "https://public.api.bsky.app",
 * "credentialsParameter": "/predictive-scaling/bluesky-token"}]}. A new source type is one class and one case
 * here.
 */
public final class SentimentSourceRegistry {
    /**
     * Where a source's {@code credentialsParameter} must live in SSM Parameter Store: fetch-sentiment's role may read
     * only parameters under it (template.yaml; TemplateSafetyTest keeps the two equal). Anything else would be denied
     * at every poll once deployed, so it is refused when the configuration is read.
     */
    public static final String CREDENTIALS_PREFIX = "/predictive-scaling/";

    private static final ObjectMapper JSON = new ObjectMapper();

    private SentimentSourceRegistry() {}

    /** A source configured with its own {@code keywords}: asked about those only (e.g. a game's subreddit). */
    private record OnlyKeywords(SentimentSource source, java.util.Set<String> keywords) implements SentimentSource {
        @Override
        public String name() {
            return source.name();
        }

        @Override
        public boolean covers(String keyword) {
            return keywords.contains(keyword);
        }

        @Override
        public List<Post> fetch(String keyword, java.time.Instant since) {
            return source.fetch(keyword, since);
        }
    }

    public static List<SentimentSource> fromJson(
            String json, HttpJsonClient http, SsmCredentials credentials, Duration timeout) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("SENTIMENT_SOURCES is not JSON: " + e.getMessage(), e);
        }
        if (!root.isArray()) {
            throw new IllegalArgumentException("SENTIMENT_SOURCES must be a JSON list of sources");
        }
        List<SentimentSource> sources = new ArrayList<>();
        for (JsonNode s : root) {
            String type = s.path("type").asText("");
            String base = s.path("baseUrl").asText("");
            String parameter = s.path("credentialsParameter").asText("");
            if (!parameter.isEmpty()
                    && (!parameter.startsWith(CREDENTIALS_PREFIX)
                            || parameter.length() == CREDENTIALS_PREFIX.length())) {
                throw new IllegalArgumentException("credentialsParameter '" + parameter + "' of the " + type
                        + " source is outside " + CREDENTIALS_PREFIX + ", the only SSM parameters fetch-sentiment may"
                        + " read: store the token as " + CREDENTIALS_PREFIX + "<name> and name that");
            }
            java.util.function.Supplier<java.util.Optional<String>> token =
                    () -> credentials == null ? java.util.Optional.empty() : credentials.token(parameter);
            SentimentSource source = switch (type) {
                case "reddit" -> PublicApiSources.reddit(base.isEmpty() ? "https://www.reddit.com" : base, http, token);
                case "mastodon" ->
                    PublicApiSources.mastodon(base.isEmpty() ? "https://mastodon.social" : base, http, token);
                case "bluesky" ->
                    PublicApiSources.bluesky(base.isEmpty() ? "https://public.api.bsky.app" : base, http, token);
                case "hackernews" ->
                    PublicApiSources.hackerNews(base.isEmpty() ? "https://hn.algolia.com" : base, http);
                case "rss" ->
                    new RssSentimentSource(
                            s.path("name").asText("rss"),
                            URI.create(s.path("url").asText()),
                            timeout);
                default ->
                    throw new IllegalArgumentException("unknown sentiment source type '" + type
                            + "': reddit, mastodon, bluesky, hackernews or rss");
            };
            java.util.Set<String> keywords = new java.util.HashSet<>();
            s.path("keywords").forEach(k -> keywords.add(k.asText()));
            sources.add(keywords.isEmpty() ? source : new OnlyKeywords(source, keywords));
        }
        return sources;
    }
}
