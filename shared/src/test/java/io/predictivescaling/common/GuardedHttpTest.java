package io.predictivescaling.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.predictivescaling.testing.LoopbackHttp;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Hostile and broken feed servers, served on loopback, against the fetch path every source uses. */
class GuardedHttpTest {
    static final GuardedHttp.Policy LOOPBACK_ALLOWED = new GuardedHttp.Policy(true, true);

    final LoopbackHttp server = new LoopbackHttp();
    final LoopbackHttp other = new LoopbackHttp();

    @AfterEach
    void stop() {
        server.close();
        other.close();
    }

    @Test
    void theBearerTokenNeverFollowsARedirectToAnotherHost() {
        List<String> seenByOther = new CopyOnWriteArrayList<>();
        List<String> seenBySame = new CopyOnWriteArrayList<>();
        // "localhost" is another host than "127.0.0.1", though the same machine: the token is for the latter.
        String otherBase = other.base().replace("127.0.0.1", "localhost");
        server.handle("/search", redirect(otherBase + "/collect"));
        server.handle("/moved", redirect("/here"));
        server.handle("/here", exchange -> {
            seenBySame.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            answer(exchange, "{}");
        });
        other.handle("/collect", exchange -> {
            seenByOther.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            answer(exchange, "{}");
        });
        HttpJsonClient client = new HttpJsonClient(LOOPBACK_ALLOWED, Duration.ofSeconds(5), Duration.ofSeconds(1));

        client.get("social", URI.create(server.base() + "/search"), Optional.of("secret-token"));
        client.get("social", URI.create(server.base() + "/moved"), Optional.of("secret-token"));

        assertThat(seenByOther).containsExactly("null");
        assertThat(seenBySame).containsExactly("Bearer secret-token");
    }

    @Test
    void anEndlessBodyIsAbandonedPastTheCapWithoutBufferingIt() {
        AtomicLong written = new AtomicLong();
        server.handle("/huge", exchange -> {
            exchange.sendResponseHeaders(200, 0); // chunked, no length declared
            byte[] chunk = new byte[64 * 1024];
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 100_000; i++) { // 6.5 GB if nobody stops it
                    out.write(chunk);
                    written.addAndGet(chunk.length);
                }
            } catch (IOException clientGone) {
                // expected: the client abandoned the exchange
            }
        });
        GuardedHttp http = new GuardedHttp(LOOPBACK_ALLOWED, 5 * 1024 * 1024);

        assertTimeoutPreemptively(
                Duration.ofSeconds(20),
                () -> assertThatThrownBy(() -> http.get(
                                "feed",
                                URI.create(server.base() + "/huge"),
                                Map.of(),
                                Map.of(),
                                Duration.ofSeconds(15)))
                        .isInstanceOf(SourceException.class)
                        .hasMessage("feed: oversized: answer larger than 5242880 bytes"));
        assertThat(written.get()).isLessThan(100L * 1024 * 1024);
    }

    @Test
    void aServerTricklingItsBodyHitsTheWholeRequestDeadline() {
        server.handle("/slow", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 600; i++) { // one byte every 100 ms: headers at once, the body never ends
                    out.write('x');
                    out.flush();
                    Thread.sleep(100);
                }
            } catch (IOException | InterruptedException clientGone) {
                // expected
            }
        });
        GuardedHttp http = new GuardedHttp(LOOPBACK_ALLOWED, 5 * 1024 * 1024);
        long start = System.nanoTime();

        assertTimeoutPreemptively(
                Duration.ofSeconds(10),
                () -> assertThatThrownBy(() -> http.get(
                                "feed", URI.create(server.base() + "/slow"), Map.of(), Map.of(), Duration.ofSeconds(1)))
                        .isInstanceOf(SourceException.class)
                        .hasMessageStartingWith("feed: timeout: "));
        // The 1 s deadline, not the server's minutes of trickle; room left for a loaded machine.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void otherSchemesAndLoopbackOrLinkLocalHostsAreRefusedUnlessConfigured() {
        GuardedHttp strict = new GuardedHttp(new GuardedHttp.Policy(false, false), 1024);
        GuardedHttp httpAllowed = new GuardedHttp(new GuardedHttp.Policy(true, false), 1024);
        server.serve("/ok", 200, "fine");

        assertThatThrownBy(() ->
                        strict.get("cal", URI.create("file:///etc/passwd"), Map.of(), Map.of(), Duration.ofSeconds(1)))
                .hasMessageStartingWith("cal: refused: URL scheme 'file' in file:///etc/passwd is not allowed");
        assertThatThrownBy(() ->
                        strict.get("cal", URI.create(server.base() + "/ok"), Map.of(), Map.of(), Duration.ofSeconds(1)))
                .hasMessageContaining("refused: URL scheme 'http'")
                .hasMessageContaining("FEEDS_ALLOW_HTTP=true");
        assertThatThrownBy(() -> httpAllowed.get(
                        "cal", URI.create(server.base() + "/ok"), Map.of(), Map.of(), Duration.ofSeconds(1)))
                .hasMessageContaining("refused: host 127.0.0.1 is 127.0.0.1 (loopback or link-local)");
        assertThatThrownBy(() -> httpAllowed.get(
                        "cal",
                        URI.create("http://169.254.169.254/latest/meta-data/"),
                        Map.of(),
                        Map.of(),
                        Duration.ofSeconds(1)))
                .hasMessageContaining("refused: host 169.254.169.254");
        // The one call that must succeed gets a timeout no loaded machine reaches; the refusals need none.
        assertThat(new String(new GuardedHttp(LOOPBACK_ALLOWED, 1024)
                        .get("cal", URI.create(server.base() + "/ok"), Map.of(), Map.of(), Duration.ofSeconds(10))
                        .body()))
                .isEqualTo("fine");
    }

    @Test
    void everyRedirectHopIsCheckedAsTheFirstWas() {
        server.handle("/to-file", redirect("file:///etc/passwd"));

        assertThatThrownBy(() -> new GuardedHttp(LOOPBACK_ALLOWED, 1024)
                        .get("cal", URI.create(server.base() + "/to-file"), Map.of(), Map.of(), Duration.ofSeconds(10)))
                .hasMessageStartingWith("cal: refused: URL scheme 'file'");
    }

    static com.sun.net.httpserver.HttpHandler redirect(String location) {
        return exchange -> {
            exchange.getResponseHeaders().add("Location", location);
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        };
    }

    static void answer(com.sun.net.httpserver.HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
