package io.predictivescaling.common;

import com.rometools.rome.io.XmlReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
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
        Raw raw = getRaw(source, uri, timeout);
        return TextBytes.decode(raw.body(), raw.charset()).text();
    }

    /** An answer's bytes, and the charset its {@code Content-Type} names (null when it names none). */
    public record Raw(byte[] body, String charset) {}

    /**
     * The answer's bytes undecoded, for a format that must be prepared before decoding (an iCalendar text's lines
     * are unfolded as octets first); see {@link TextBytes#decode}.
     *
     * @param timeout the whole request's deadline
     * @throws SourceException on any failure, this source's only
     */
    public static Raw getRaw(String source, URI uri, Duration timeout) {
        GuardedHttp.Response response = fetch(source, uri, timeout);
        String named = response.headers()
                .firstValue("Content-Type")
                .map(HttpFeeds::charsetOf)
                .orElse(null);
        return new Raw(response.body(), named);
    }

    private static String charsetOf(String contentType) {
        for (String part : contentType.split(";")) {
            String p = part.trim();
            if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                return p.substring("charset=".length());
            }
        }
        return null;
    }

    /**
     * An XML feed (RSS, Atom) decoded as XML: a byte-order mark skipped, the encoding its declaration or the
     * answer's {@code Content-Type} charset names ({@code ISO-8859-1}, {@code windows-1252}), else UTF-8; read with ROME's
     * {@link XmlReader}. {@link #get} read every feed as UTF-8, so a Latin-1 feed's accented letters were lost and a
     * UTF-8 feed with a byte-order mark was refused as "Content is not allowed in prolog".
     *
     * @param timeout the whole request's deadline
     * @throws SourceException on any failure, this source's only ({@code malformed} for an encoding it cannot read)
     */
    public static String getXml(String source, URI uri, Duration timeout) {
        GuardedHttp.Response response = fetch(source, uri, timeout);
        // Only a charset the server names counts: RFC 3023 reads a bare text/xml as US-ASCII, which feeds are not.
        String contentType = response.headers()
                .firstValue("Content-Type")
                .filter(t -> t.toLowerCase(Locale.ROOT).contains("charset="))
                .orElse(null);
        try (XmlReader reader = new XmlReader(new ByteArrayInputStream(response.body()), contentType, true)) {
            StringWriter text = new StringWriter();
            reader.transferTo(text);
            return text.toString();
        } catch (IOException e) {
            throw new SourceException(source, "malformed", "unreadable encoding: " + e.getMessage(), e);
        }
    }

    private static GuardedHttp.Response fetch(String source, URI uri, Duration timeout) {
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
        return response;
    }
}
