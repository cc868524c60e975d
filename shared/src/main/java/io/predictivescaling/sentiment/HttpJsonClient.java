package io.predictivescaling.sentiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;

/**
 * GETs JSON from a public API politely: a timeout, a size cap, and on 429 one wait for {@code Retry-After}
 * (capped) before a second try. Every failure becomes a {@link SentimentSource.SourceException} naming its kind.
 */
public final class HttpJsonClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int MAX_BYTES = 5 * 1024 * 1024;

    private final HttpClient http;
    private final Duration timeout;
    private final Duration maxRetryAfter;

    public HttpJsonClient(Duration timeout, Duration maxRetryAfter) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
        this.timeout = timeout;
        this.maxRetryAfter = maxRetryAfter;
    }

    public JsonNode get(String source, URI uri, Optional<String> bearerToken) {
        for (int attempt = 1; ; attempt++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                    .header("Accept", "application/json")
                    .header("User-Agent", "predictive-scaling/0.1 (+https://github.com/)");
            bearerToken.ifPresent(t -> request.header("Authorization", "Bearer " + t));
            HttpResponse<byte[]> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (HttpTimeoutException e) {
                throw new SentimentSource.SourceException(source, "timeout", "no answer within " + timeout, e);
            } catch (IOException e) {
                throw new SentimentSource.SourceException(source, "unreachable", String.valueOf(e.getMessage()), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SentimentSource.SourceException(source, "unreachable", "interrupted", e);
            }
            int status = response.statusCode();
            if (status == 429 && attempt == 1) {
                sleep(retryAfter(response));
                continue;
            }
            if (status == 429) {
                throw new SentimentSource.SourceException(source, "rate-limited", "HTTP 429 after waiting", null);
            }
            if (status == 401 || status == 403) {
                throw new SentimentSource.SourceException(source, "auth", "HTTP " + status
                        + ": check the source's credentials parameter", null);
            }
            if (status >= 500) {
                throw new SentimentSource.SourceException(source, "server-error", "HTTP " + status, null);
            }
            if (status >= 400) {
                throw new SentimentSource.SourceException(source, "malformed", "HTTP " + status + " for " + uri, null);
            }
            if (response.body().length > MAX_BYTES) {
                throw new SentimentSource.SourceException(source, "malformed", "answer larger than " + MAX_BYTES
                        + " bytes", null);
            }
            try {
                return JSON.readTree(response.body());
            } catch (IOException e) {
                throw new SentimentSource.SourceException(source, "malformed", "not JSON: " + e.getMessage(), e);
            }
        }
    }

    private Duration retryAfter(HttpResponse<?> response) {
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
