package io.predictivescaling.testing;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * A web server on a free loopback port that serves recorded answers to feeds and social APIs, so tests go
 * through the real HTTP client path. Requests are handled in parallel: a slow path never blocks another.
 * Creating one allows http and loopback feed URLs ({@code FEEDS_ALLOW_HTTP}, {@code FEEDS_ALLOW_LOCAL_HOSTS})
 * for the rest of the test JVM.
 */
public final class LoopbackHttp implements AutoCloseable {
    private final HttpServer server;

    public LoopbackHttp() {
        // Feeds are https-only and never fetched from loopback unless configured: fixtures here need both.
        System.setProperty("FEEDS_ALLOW_HTTP", "true");
        System.setProperty("FEEDS_ALLOW_LOCAL_HOSTS", "true");
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    /** e.g. {@code http://127.0.0.1:43127} */
    public String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers {@code path} with {@code status} and {@code body}. */
    public void serve(String path, int status, String body) {
        handle(path, exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
    }

    public void handle(String path, HttpHandler handler) {
        server.createContext(path, handler);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
