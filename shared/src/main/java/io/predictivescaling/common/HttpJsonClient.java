package io.predictivescaling.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * GETs JSON from a public API politely through {@link GuardedHttp} (scheme and host checks, credentials kept
 * to their host, a streaming size cap, one deadline), and on 429 one wait for {@code Retry-After}
 * (capped) before a second try. Every failure becomes a {@link SourceException} naming its kind.
 */
public final class HttpJsonClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int MAX_BYTES = 5 * 1024 * 1024;

    private final GuardedHttp.Policy policy;
    private final Duration timeout;
    private final Duration maxRetryAfter;

    /** With the fetch policy from the environment ({@link GuardedHttp.Policy#fromSettings()}). */
    public HttpJsonClient(Duration timeout, Duration maxRetryAfter) {
        this(null, timeout, maxRetryAfter);
    }

    /**
     * @param policy which schemes and hosts may be fetched; null reads it from the environment at each call
     * @param timeout the deadline of one whole request (redirects and body included)
     */
    public HttpJsonClient(GuardedHttp.Policy policy, Duration timeout, Duration maxRetryAfter) {
        this.policy = policy;
        this.timeout = timeout;
        this.maxRetryAfter = maxRetryAfter;
    }

    /** @param bearerToken sent as {@code Authorization} to {@code uri}'s host only, never after a redirect elsewhere */
    public JsonNode get(String source, URI uri, Optional<String> bearerToken) {
        GuardedHttp http = new GuardedHttp(policy == null ? GuardedHttp.Policy.fromSettings() : policy, MAX_BYTES);
        for (int attempt = 1; ; attempt++) {
            GuardedHttp.Response response = http.get(
                    source,
                    uri,
                    Map.of("Accept", "application/json", "User-Agent", "predictive-scaling/0.1 (+https://github.com/)"),
                    bearerToken.map(t -> Map.of("Authorization", "Bearer " + t)).orElse(Map.of()),
                    timeout);
            int status = response.status();
            if (status == 429 && attempt == 1) {
                sleep(retryAfter(response));
                continue;
            }
            if (status == 429) {
                throw new SourceException(source, "rate-limited", "HTTP 429 after waiting", null);
            }
            if (status == 401 || status == 403) {
                throw new SourceException(
                        source, "auth", "HTTP " + status + ": check the source's credentials parameter", null);
            }
            if (status >= 500) {
                throw new SourceException(source, "server-error", "HTTP " + status, null);
            }
            if (status >= 400) {
                throw new SourceException(source, "malformed", "HTTP " + status + " for " + uri, null);
            }
            try {
                return JSON.readTree(response.body());
            } catch (IOException e) {
                throw new SourceException(source, "malformed", "not JSON: " + e.getMessage(), e);
            }
        }
    }

    private Duration retryAfter(GuardedHttp.Response response) {
        Optional<String> header = response.headers().firstValue("Retry-After");
        long seconds = 1;
        if (header.isPresent()) {
            try {
                seconds = Long.parseLong(header.get().trim());
            } catch (NumberFormatException e) {
                seconds = maxRetryAfter.getSeconds();
            }
        }
        Duration wait = Duration.ofSeconds(Math.max(0, seconds));
        return wait.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : wait;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
