package io.predictivescaling.sentiment;

import io.predictivescaling.sentiment.SentimentSource.SourceException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Fetches a feed's text (RSS, Atom, iCalendar) with a timeout and a size cap; every failure names its kind. */
public final class HttpFeeds {
    public static final int MAX_BYTES = 2 * 1024 * 1024;
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private HttpFeeds() {
    }

    public static String get(String source, URI uri, Duration timeout) {
        HttpResponse<InputStream> response;
        try {
            response = HTTP.send(HttpRequest.newBuilder(uri).timeout(timeout).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw new SourceException(source, "timeout", "no answer within " + timeout, e);
        } catch (IOException e) {
            throw new SourceException(source, "unreachable", String.valueOf(e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceException(source, "unreachable", "interrupted", e);
        }
        int status = response.statusCode();
        try (InputStream body = response.body()) {
            if (status >= 500) {
                throw new SourceException(source, "server-error", "HTTP " + status, null);
            }
            if (status >= 400) {
                throw new SourceException(source, status == 401 || status == 403 ? "auth" : "malformed",
                        "HTTP " + status, null);
            }
            byte[] bytes = body.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new SourceException(source, "oversized", "more than " + MAX_BYTES + " bytes", null);
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (HttpTimeoutException e) {
            throw new SourceException(source, "timeout", "no answer within " + timeout, e);
        } catch (IOException e) {
            throw new SourceException(source, "unreachable", String.valueOf(e.getMessage()), e);
        }
    }
}
