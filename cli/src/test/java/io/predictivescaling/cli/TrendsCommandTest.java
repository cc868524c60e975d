package io.predictivescaling.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code trends --evaluate} as a person reads its score. */
class TrendsCommandTest {

    @TempDir
    Path dir;

    @Test
    void aDayOfSmallMentionCountsWithNothingDetectedReadsPlainlyWithoutNaNOrZeroPeaks() throws Exception {
        // One day of 5-minute mention rates between 0.01 and 0.02 an interval: two bursts 12 h apart, none detected.
        List<String> lines = new ArrayList<>(List.of("timestamp,value"));
        Instant start = Instant.parse("2026-03-02T00:00:00Z");
        for (int i = 0; i < 288; i++) {
            lines.add(start.plus(Duration.ofMinutes(5L * i)) + "," + ((i / 12) % 2 == 0 ? "0.01" : "0.02"));
        }
        Path trace = dir.resolve("mentions.csv");
        Files.write(trace, lines);

        CliRun run = CliRun.of(
                "trends",
                "--trace",
                trace.toString(),
                "--out",
                dir.resolve("f.csv").toString(),
                "--evaluate");

        assertThat(run.exit()).isZero();
        assertThat(run.out())
                .contains("  burst  1 at 2026-03-02T01:00:00Z (0.02): missed")
                .contains("detected 0 of the 2 largest bursts no later than their peak")
                .contains("; no lead (none detected)")
                .doesNotContain("NaN")
                .doesNotContain("(0)")
                .doesNotContain("of the 10 largest");
    }
}
