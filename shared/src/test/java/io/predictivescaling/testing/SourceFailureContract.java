package io.predictivescaling.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.net.httpserver.HttpExchange;
import io.predictivescaling.common.SourceException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The failure contract of every source port (event sources, social sources): a source that cannot answer
 * throws {@link SourceException} naming itself and one of the documented kinds, never a raw exception, so
 * fetch-events and fetch-sentiment can skip it, count it by kind and run the others. Each failure is served
 * for real on loopback HTTP (or is a refused URL or a closed port). A subclass lists every implementation of
 * its port, each as a {@link Fetcher}; a new implementation is one more line there.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SourceFailureContract {
    /** The kinds {@link SourceException#kind()} documents, and {@code refused}/{@code oversized} from GuardedHttp. */
    static final Set<String> KINDS = Set.of(
            "timeout", "server-error", "auth", "rate-limited", "malformed", "unreachable", "refused", "oversized");
    /** Generous, so a busy machine never turns another failure into a timeout. */
    static final Duration PATIENT = Duration.ofSeconds(10);

    private final LoopbackHttp server = new LoopbackHttp();
    private volatile Answer answer = exchange -> reply(exchange, 200, "");

    /** One implementation, pointed at {@code base} (e.g. {@code http://127.0.0.1:43127}; it adds its own path). */
    @FunctionalInterface
    protected interface Fetcher {
        void fetch(String base, Duration timeout);
    }

    @FunctionalInterface
    private interface Answer {
        void answer(HttpExchange exchange) throws IOException;
    }

    /** Every implementation of the port, named for the report. */
    protected abstract Stream<Named<Fetcher>> sources();

    protected SourceFailureContract() {
        server.handle("/", exchange -> answer.answer(exchange));
    }

    @BeforeEach
    void answerNothingYet() {
        answer = exchange -> reply(exchange, 200, "");
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Retry-After", "0");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    private SourceException failure(Fetcher source, String base, Duration timeout) {
        Throwable thrown = catchThrowable(() -> source.fetch(base, timeout));
        assertThat(thrown)
                .as("a failing source throws SourceException, never a raw exception")
                .isInstanceOf(SourceException.class);
        SourceException e = (SourceException) thrown;
        assertThat(e.kind()).isIn(KINDS);
        return e;
    }

    private SourceException failsWithStatus(Fetcher source, int status) {
        answer = exchange -> reply(exchange, status, "{\"error\": \"no\"}");
        return failure(source, server.base(), PATIENT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sources")
    void aServerErrorIsReportedAsServerError(Fetcher source) {
        assertThat(failsWithStatus(source, 500).kind()).isEqualTo("server-error");
        assertThat(failsWithStatus(source, 503).kind()).isEqualTo("server-error");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sources")
    void aRefusedCredentialIsReportedAsAuth(Fetcher source) {
        assertThat(failsWithStatus(source, 401).kind()).isEqualTo("auth");
        assertThat(failsWithStatus(source, 403).kind()).isEqualTo("auth");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sources")
    void tooManyRequestsIsReportedAsRateLimited(Fetcher source) {
        assertThat(failsWithStatus(source, 429).kind()).isEqualTo("rate-limited");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sources")
    void aMissingPageIsReportedAsMalformed(Fetcher source) {
        assertThat(failsWithStatus(source, 404).kind()).isEqualTo("malformed");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sources")
    void aGarbageBodyIsReportedAsMalformed(Fetcher source) {
        for (String garbage : new String[] {
            "<<<\u0000 not a feed, not JSON \uFFFD>>>",
            "<html><body>Bad gateway</body>",
            "{\"posts\": 42, \"data\": \"x\", \"hits\": null}"
        }) {
            answer = exchange -> reply(exchange, 200, garbage);

            SourceException e = failure(source, server.base(), PATIENT);

            assertThat(e.kind()).as(garbage).isEqualTo("malformed");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sources")
    void aSlowServerIsReportedAsTimeout(Fetcher source) {
        answer = exchange -> {
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            reply(exchange, 200, "");
        };

        assertThat(failure(source, server.base(), Duration.ofMillis(150)).kind())
                .isEqualTo("timeout");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sources")
    void anAnswerPastTheCapIsReportedAsOversized(Fetcher source) {
        String huge = "x".repeat(6 * 1024 * 1024);
        answer = exchange -> reply(exchange, 200, huge);

        assertThat(failure(source, server.base(), PATIENT).kind()).isEqualTo("oversized");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sources")
    void aClosedPortIsReportedAsUnreachable(Fetcher source) {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }

        assertThat(failure(source, "http://127.0.0.1:" + port, PATIENT).kind()).isEqualTo("unreachable");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sources")
    void aForbiddenSchemeIsRefusedBeforeAnythingIsFetched(Fetcher source) {
        for (String base : new String[] {"file:///etc", "ftp://127.0.0.1", "jar:file:/x.jar!"}) {
            SourceException e = failure(source, base, PATIENT);

            assertThat(e.kind()).as(base).isEqualTo("refused");
        }
    }
}
