package io.predictivescaling.common;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Fetches a feed's text (RSS, Atom, iCalendar) through {@link GuardedHttp}: https only (unless configured),
 * no loopback or link-local hosts (unless configured), checked redirects, a streaming size cap and one
 * deadline for the whole request. Every failure names its kind.
 */
public final class HttpFeeds {
    public static final int MAX_BYTES = 2 * 1024 * 1024;

    private HttpFeeds() {}

    /**
     * @param timeout the whole request's deadline
     * @throws SourceException on any failure, this source's only
     */
    public static String get(String source, URI uri, Duration timeout) {
        GuardedHttp.Response response = new GuardedHttp(GuardedHttp.Policy.fromSettings(), MAX_BYTES)
                .get(source, uri, Map.of("User-Agent", "predictive-scaling/0.1"), Map.of(), timeout);
        int status = response.status();
        if (status >= 500) {
            throw new SourceException(source, "server-error", "HTTP " + status, null);
        }
        if (status == 429) {
            throw new SourceException(source, "rate-limited", "HTTP 429", null);
        }
        if (status >= 400) {
            throw new SourceException(
                    source, status == 401 || status == 403 ? "auth" : "malformed", "HTTP " + status, null);
        }
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}
