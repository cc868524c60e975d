package io.predictivescaling.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.predictivescaling.aws.local.ProjectRoot;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

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

    /** Every sample event in events/ runs against the local stack: each function finds what it needs there. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("sampleEvents")
    void everySampleEventRunsLocally(Path event) throws Exception {
        String function = event.getParent().getFileName().toString();

        CliRun run = CliRun.of("invoke", function, event.toString(), "--local");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).doesNotContain("\tat ");
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(run.out())
                        .isObject())
                .as(run.out())
                .isTrue();
    }

    static java.util.stream.Stream<Path> sampleEvents() throws java.io.IOException {
        try (var files = java.nio.file.Files.walk(ProjectRoot.resolve("events"))) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList().stream();
        }
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
