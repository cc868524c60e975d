package io.predictivescaling.common;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * GETs from servers we do not control (feeds, calendars, social APIs) on the JDK's HTTP client, containing
 * what a hostile or broken server can do:
 * <ul>
 *   <li>only {@code https} ({@code http} when {@code FEEDS_ALLOW_HTTP=true}); a {@code file:} or other URL
 *       fails its own source only;</li>
 *   <li>no loopback, link-local (e.g. the instance metadata address 169.254.169.254), any-local or
 *       multicast hosts, unless {@code FEEDS_ALLOW_LOCAL_HOSTS=true} (tests serving fixtures on loopback);</li>
 *   <li>redirects are followed here, at most {@value #MAX_REDIRECTS}, each hop checked as above; credentials
 *       (the {@code credentials} headers, e.g. {@code Authorization}) go only to the scheme, host and port
 *       they were given for and are dropped on a redirect anywhere else;</li>
 *   <li>the body is streamed and abandoned past {@code maxBytes}, never buffered whole;</li>
 *   <li>one deadline covers the whole request: connecting, every redirect, headers and body.</li>
 * </ul>
 * Every failure is a {@link SourceException} naming its kind.
 */
public final class GuardedHttp {
    static final int MAX_REDIRECTS = 5;
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    /**
     * @param allowHttp plain {@code http} URLs are fetched (else only {@code https})
     * @param allowLocalHosts loopback and link-local hosts are fetched
     */
    public record Policy(boolean allowHttp, boolean allowLocalHosts) {
        /** From {@code FEEDS_ALLOW_HTTP} and {@code FEEDS_ALLOW_LOCAL_HOSTS} (both default false). */
        public static Policy fromSettings() {
            return new Policy(Env.FEEDS_ALLOW_HTTP.flag(), Env.FEEDS_ALLOW_LOCAL_HOSTS.flag());
        }
    }

    /** An answer: its status, headers and (capped) body, and the URL that gave it after redirects. */
    public record Response(int status, HttpHeaders headers, byte[] body, URI uri) {}

    private final Policy policy;
    private final int maxBytes;

    public GuardedHttp(Policy policy, int maxBytes) {
        this.policy = policy;
        this.maxBytes = maxBytes;
    }

    /**
     * @param headers sent to every hop
     * @param credentials sent only to {@code uri}'s own scheme, host and port
     * @param timeout the whole request's deadline, redirects and body included
     */
    public Response get(
            String source, URI uri, Map<String, String> headers, Map<String, String> credentials, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        URI current = uri;
        for (int hop = 0; ; hop++) {
            check(source, current);
            HttpRequest.Builder request =
                    HttpRequest.newBuilder(current).GET().timeout(remaining(source, deadline, timeout));
            headers.forEach(request::header);
            if (sameOrigin(uri, current)) {
                credentials.forEach(request::header);
            }
            Response response = send(source, request.build(), deadline, timeout);
            int status = response.status();
            if (status >= 300 && status < 400 && status != 304) {
                String location = response.headers()
                        .firstValue("Location")
                        .orElseThrow(() -> new SourceException(
                                source, "malformed", "HTTP " + status + " without a Location", null));
                if (hop >= MAX_REDIRECTS) {
                    throw new SourceException(source, "malformed", "more than " + MAX_REDIRECTS + " redirects", null);
                }
                try {
                    current = current.resolve(location.trim());
                } catch (IllegalArgumentException e) {
                    throw new SourceException(source, "malformed", "bad redirect '" + location + "'", e);
                }
                continue;
            }
            return response;
        }
    }

    /** Refuses a URL whose scheme or host the policy does not allow. */
    void check(String source, URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && policy.allowHttp())) {
            throw new SourceException(
                    source,
                    "refused",
                    "URL scheme '" + scheme + "' in " + uri + " is not allowed: use https"
                            + (scheme.equals("http") ? " (or set FEEDS_ALLOW_HTTP=true)" : ""),
                    null);
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new SourceException(source, "refused", "no host in " + uri, null);
        }
        if (policy.allowLocalHosts()) {
            return;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            throw new SourceException(source, "unreachable", "unknown host " + uri.getHost(), e);
        }
        for (InetAddress a : addresses) {
            if (a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress() || a.isMulticastAddress()) {
                throw new SourceException(
                        source,
                        "refused",
                        "host " + uri.getHost() + " is " + a.getHostAddress()
                                + " (loopback or link-local): not fetched (set FEEDS_ALLOW_LOCAL_HOSTS=true to allow)",
                        null);
            }
        }
    }

    static boolean sameOrigin(URI a, URI b) {
        return Objects.equals(lower(a.getScheme()), lower(b.getScheme()))
                && Objects.equals(lower(a.getHost()), lower(b.getHost()))
                && port(a) == port(b);
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    private static int port(URI u) {
        return u.getPort() != -1 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    private static Duration remaining(String source, Instant deadline, Duration timeout) {
        Duration left = Duration.between(Instant.now(), deadline);
        if (left.isNegative() || left.isZero()) {
            throw new SourceException(source, "timeout", "no complete answer within " + timeout, null);
        }
        return left;
    }

    private Response send(String source, HttpRequest request, Instant deadline, Duration timeout) {
        CompletableFuture<HttpResponse<byte[]>> future = HTTP.sendAsync(request, info -> {
            long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
            return declared > maxBytes ? new Capped(maxBytes, true) : new Capped(maxBytes, false);
        });
        try {
            HttpResponse<byte[]> r =
                    future.get(remaining(source, deadline, timeout).toMillis(), TimeUnit.MILLISECONDS);
            return new Response(r.statusCode(), r.headers(), r.body(), r.uri());
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new SourceException(source, "timeout", "no complete answer within " + timeout, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            for (Throwable c = cause; c != null; c = c.getCause()) {
                if (c instanceof TooLarge) {
                    cause = c;
                }
            }
            if (cause instanceof TooLarge) {
                throw new SourceException(source, "oversized", "answer larger than " + maxBytes + " bytes", cause);
            }
            if (cause instanceof HttpTimeoutException) {
                throw new SourceException(source, "timeout", "no answer within " + timeout, cause);
            }
            if (cause instanceof IllegalArgumentException) {
                throw new SourceException(source, "refused", String.valueOf(cause.getMessage()), cause);
            }
            throw new SourceException(
                    source, "unreachable", String.valueOf(cause == null ? e : cause.getMessage()), cause);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new SourceException(source, "unreachable", "interrupted", e);
        }
    }

    /** The body past the cap: the exchange is abandoned. */
    private static final class TooLarge extends IOException {
        TooLarge() {
            super("body over the size cap");
        }
    }

    /** Collects the body chunk by chunk and cancels the exchange once it passes the cap. */
    private static final class Capped implements HttpResponse.BodySubscriber<byte[]> {
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final int maxBytes;
        private final boolean declaredTooLarge;
        private Flow.Subscription subscription;

        Capped(int maxBytes, boolean declaredTooLarge) {
            this.maxBytes = maxBytes;
            this.declaredTooLarge = declaredTooLarge;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (declaredTooLarge) {
                s.cancel();
                result.completeExceptionally(new TooLarge());
            } else {
                s.request(1);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer b : items) {
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }
            if (bytes.size() > maxBytes) {
                subscription.cancel();
                result.completeExceptionally(new TooLarge());
            } else {
                subscription.request(1);
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toByteArray());
        }
    }
}
