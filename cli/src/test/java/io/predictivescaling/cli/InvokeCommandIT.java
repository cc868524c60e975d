package io.predictivescaling.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.predictivescaling.aws.local.ProjectRoot;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/** The README's first command: invoke record-metrics in-process against an auto-started moto. */
@Isolated // swaps System.out and System.err to read what was printed
class InvokeCommandIT {

    @Test
    void invokeLocalStoresTheBatchAndShowsWhatWasStored() {
        String event = ProjectRoot.resolve("events/record-metrics/load-sample-batch.json")
                .toString();
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        int exit;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            exit = Main.run("invoke", "record-metrics", event, "--local");
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }

        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"samplesStored\" : 3");
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("Stored samples of checkout-rps in table predictive-scaling-metrics: 3")
                .contains("2026-11-27T19:59:00Z  182.5 Count/Second");
    }

    @Test
    void anUnknownFunctionIsAClearErrorNotAStackTrace() {
        var err = new ByteArrayOutputStream();
        PrintStream stderr = System.err;
        int exit;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            exit = Main.run(
                    "invoke",
                    "no-such-function",
                    ProjectRoot.resolve("events/record-metrics/scheduled.json").toString());
        } finally {
            System.setErr(stderr);
        }

        assertThat(exit).isNotZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown function 'no-such-function'");
    }
}
