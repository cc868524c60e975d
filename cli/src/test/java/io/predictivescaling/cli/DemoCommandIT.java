package io.predictivescaling.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The documented demo: the handlers for real against moto, over three simulated hours (patterns learned, plans
 * applied, feedback run: every step a day would take, without the day's CPU).
 */
@Isolated // swaps System.in, which the demo reads for Enter
class DemoCommandIT {
    @Test
    void theDemoIsQuietLeavesScheduledActionsAndPrintsAwsCommandsThatWorkAsPrinted() throws Exception {
        var out = new StringWriter();
        var err = new StringWriter();
        InputStream stdin = System.in;
        PipedOutputStream enter = new PipedOutputStream();
        int exit;
        String text;
        try {
            System.setIn(new PipedInputStream(enter));
            var demo = CompletableFuture.supplyAsync(() -> Main.run(
                    new PrintWriter(out, true),
                    new PrintWriter(err, true),
                    "demo",
                    "--history-days",
                    "10",
                    "--hours",
                    "3",
                    "--keep-running"));
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (!out.toString().contains("press Enter") && !demo.isDone() && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            text = out.toString();
            // While moto is up: every printed aws command, exactly as printed, in a shell without AWS settings.
            List<String> commands = text.lines()
                    .map(String::strip)
                    .filter(l -> l.startsWith("AWS_ACCESS_KEY_ID="))
                    .toList();
            assertThat(commands).hasSize(4);
            for (String command : commands) {
                ProcessBuilder pb = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true);
                pb.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
                Process p = pb.start();
                String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(p.waitFor()).as(command + "\n" + output).isZero();
                assertThat(output)
                        .as(command)
                        .contains(
                                command.contains("describe-scheduled-actions")
                                        ? "predictive-scaling-2014"
                                        : command.contains("path#") ? "\"horizonHours\"" : "\"Items\"");
            }
            enter.write('\n');
            enter.flush();
            exit = demo.get(1, TimeUnit.MINUTES);
        } finally {
            System.setIn(stdin);
        }

        assertThat(exit).isZero();
        Matcher count = Pattern.compile("scheduled actions on service/demo/web now: (\\d+)")
                .matcher(text);
        assertThat(count.find()).isTrue();
        assertThat(Integer.parseInt(count.group(1))).isPositive();
        assertThat(text).contains("demo-web (ForecastAndScale): ").contains("--verbose shows each run");
        assertThat(text.lines().count()).as("quiet by default:\n" + text).isLessThan(30);
        assertThat(err.toString()).as("no handler logs without --verbose").doesNotContain("INFO");
    }
}
