package io.predictivescaling.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.predictivescaling.aws.local.ProjectRoot;
import org.junit.jupiter.api.Test;

/** The README's first command: invoke record-metrics in-process against an auto-started moto. */
class InvokeCommandIT {

    @Test
    void invokeLocalStoresTheBatchAndShowsWhatWasStored() {
        String event = ProjectRoot.resolve("events/record-metrics/load-sample-batch.json")
                .toString();
        CliRun run = CliRun.of("invoke", "record-metrics", event, "--local");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("\"samplesStored\" : 3");
        assertThat(run.err())
                .contains("Stored samples of checkout-rps in table predictive-scaling-metrics: 3")
                .contains("2026-11-27T19:59:00Z  182.5 Count/Second");
    }

    @Test
    void anUnknownFunctionIsAClearErrorNotAStackTrace() {
        CliRun run = CliRun.of(
                "invoke",
                "no-such-function",
                ProjectRoot.resolve("events/record-metrics/scheduled.json").toString());

        assertThat(run.exit()).isNotZero();
        assertThat(run.err()).contains("unknown function 'no-such-function'");
    }
}
