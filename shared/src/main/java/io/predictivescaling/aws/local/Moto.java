package io.predictivescaling.aws.local;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * The AWS the tests talk to: {@code AWS_ENDPOINT_URL} when set (e.g. a user's LocalStack), otherwise a
 * {@code moto_server} this JVM starts once on a free loopback port and stops on exit.
 */
public final class Moto {
    public static final String INSTALL_HINT = "moto_server is not on PATH. Install it with: "
            + "python3 -m pip install 'moto[server]'  (or set AWS_ENDPOINT_URL to a running LocalStack)";

    private static URI endpoint;

    private Moto() {}

    public static synchronized URI endpoint() {
        if (endpoint == null) {
            String configured = System.getenv("AWS_ENDPOINT_URL");
            endpoint = configured != null && !configured.isBlank() ? URI.create(configured) : start();
        }
        return endpoint;
    }

    private static URI start() {
        int port = freePort();
        Path log;
        Process process;
        try {
            log = Files.createTempFile("moto-server", ".log");
            process = new ProcessBuilder("moto_server", "-H", "127.0.0.1", "-p", Integer.toString(port))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException(INSTALL_HINT, e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
        URI uri = URI.create("http://127.0.0.1:" + port);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto_server exited at start: " + read(log) + "\n" + INSTALL_HINT);
            }
            if (answers(uri)) {
                return uri;
            }
            sleep(100);
        }
        process.destroy();
        throw new IllegalStateException("moto_server did not answer on " + uri + " within 60 s: " + read(log));
    }

    private static boolean answers(URI uri) {
        try {
            HttpURLConnection connection =
                    (HttpURLConnection) uri.resolve("/moto-api/").toURL().openConnection();
            connection.setConnectTimeout(500);
            connection.setReadTimeout(2000);
            return connection.getResponseCode() > 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free loopback port", e);
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
