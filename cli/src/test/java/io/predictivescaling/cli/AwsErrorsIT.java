package io.predictivescaling.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.predictivescaling.aws.local.ProjectRoot;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every command that talks to AWS (report, add-event, invoke without --local) answers a missing region or an
 * unreachable endpoint with one line that says the fix, within seconds, never a stack trace.
 */
@Isolated // times fresh JVMs against a closed port: alone, so the bounds measure the command, not its neighbours
class AwsErrorsIT {
    @TempDir
    Path home;

    static List<String> command(String name) {
        return switch (name) {
            case "report" -> List.of("report");
            case "add-event" ->
                List.of(
                        "add-event",
                        "--type",
                        "game_release",
                        "--name",
                        "Season 5",
                        "--start",
                        "2026-12-01T18:00:00Z",
                        "--end",
                        "2026-12-02T00:00:00Z");
            case "invoke" ->
                List.of(
                        "invoke",
                        "record-metrics",
                        ProjectRoot.resolve("events/record-metrics/scheduled.json")
                                .toString());
            default -> throw new IllegalArgumentException(name);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"report", "add-event", "invoke"})
    void anUnreachableEndpointIsOneLineWithTheFixWithinSeconds(String name) throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        List<String> args = new ArrayList<>(command(name));
        args.addAll(List.of("--endpoint", "http://127.0.0.1:" + port));

        CliRun run = CliRun.of(args.toArray(String[]::new));

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().strip())
                .isEqualTo("error: cannot reach http://127.0.0.1:" + port
                        + ": is LocalStack running? (or moto_server; without --endpoint and AWS_ENDPOINT_URL the command "
                        + "uses AWS)");
        assertThat(run.millis()).as("fails fast, no SDK retries").isLessThan(5_000);
    }

    /** A fresh JVM with no region anywhere (environment, profile), as on a new machine. */
    @ParameterizedTest
    @ValueSource(strings = {"report", "add-event", "invoke"})
    void noRegionIsOneLineWithTheFixWithinSeconds(String name) throws Exception {
        Fresh run = fresh(command(name), java.util.Map.of());

        assertThat(run.output().strip()).isEqualTo("error: no AWS region: set AWS_REGION or pass --endpoint");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.millis()).as("JVM start included").isLessThan(15_000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"report", "add-event"})
    void aRegionWithoutCredentialsIsOneLineWithTheFixWithinSeconds(String name) throws Exception {
        Fresh run = fresh(command(name), java.util.Map.of("AWS_REGION", "eu-west-1"));

        assertThat(run.output().strip())
                .isEqualTo("error: no AWS credentials: set AWS_ACCESS_KEY_ID and "
                        + "AWS_SECRET_ACCESS_KEY (or AWS_PROFILE), or pass --endpoint for an emulator");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.millis()).as("JVM start included").isLessThan(15_000);
    }

    /** A function whose setting is not set (invoke without --local on a fresh machine): its name and the fix. */
    @Test
    void aFunctionsMissingSettingIsOneLineNamingItNotAStackTrace() throws Exception {
        Fresh run = fresh(
                List.of(
                        "invoke",
                        "dispatch-targets",
                        ProjectRoot.resolve("events/dispatch-targets/scheduled.json")
                                .toString(),
                        "--endpoint",
                        io.predictivescaling.aws.local.Moto.endpoint().toString()),
                java.util.Map.of("AWS_REGION", "us-east-1"));

        assertThat(run.output().lines().filter(l -> !l.startsWith("AWS endpoint: ")))
                .containsExactly(
                        "error: setting TARGETS_TABLE is not set: template.yaml sets it for the Lambda; set the"
                                + " environment variable (or -DTARGETS_TABLE=...) when running locally (or run with --local)");
        assertThat(run.exit()).isEqualTo(2);
    }

    record Fresh(int exit, String output, long millis) {}

    /** The command line in a new JVM whose environment has no AWS settings but {@code env}, and no profile. */
    private Fresh fresh(List<String> args, java.util.Map<String, String> env) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
        pb.environment().put("HOME", home.toString());
        pb.environment().put("AWS_CONFIG_FILE", home.resolve("none").toString());
        pb.environment().put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("none").toString());
        pb.environment().put("AWS_EC2_METADATA_DISABLED", "true");
        pb.environment().putAll(env);
        long start = System.nanoTime();
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Fresh(p.exitValue(), output, (System.nanoTime() - start) / 1_000_000);
    }
}
