package io.predictivescaling.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.predictivescaling.aws.local.ProjectRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two command lines run at once in one JVM (parallel test classes, a tool embedding the runner) each print only to
 * their own invocation's streams. Commands wrote to System.out, so a test reading one run's verdict read the first
 * line of another's (CI failed on "seeded scenario ..." ahead of a backtest's verdict).
 */
class ConcurrentRunsTest {
    @TempDir
    Path dir;

    @Test
    void twoRunsAtTheSameTimeEachPrintOnlyTheirOwnLines() throws Exception {
        List<String> lines = Files.readAllLines(ProjectRoot.resolve("shared/src/test/resources/traces/clean.csv"));
        Path oneDay = dir.resolve("one-day.csv");
        Files.write(oneDay, lines.subList(0, 289));
        Path twoDays = dir.resolve("two-days.csv");
        Files.write(twoDays, lines.subList(0, 577));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                Path out = Files.createDirectory(dir.resolve("run" + round));
                Future<CliRun> first = pool.submit(() -> CliRun.of(
                        "backtest",
                        "--trace",
                        oneDay.toString(),
                        "--out",
                        out.resolve("a").toString(),
                        "--quiet"));
                Future<CliRun> second = pool.submit(() -> CliRun.of(
                        "backtest",
                        "--trace",
                        twoDays.toString(),
                        "--out",
                        out.resolve("b").toString(),
                        "--quiet"));
                CliRun a = first.get();
                CliRun b = second.get();

                assertThat(a.exit()).as(a.err()).isZero();
                assertThat(b.exit()).as(b.err()).isZero();
                assertThat(a.out())
                        .startsWith("Too little history to judge (24h")
                        .contains("backtest of 288 intervals");
                assertThat(a.out()).doesNotContain("576 intervals");
                assertThat(a.err())
                        .startsWith("trace one-day.csv: 288 intervals")
                        .doesNotContain("two-days");
                assertThat(b.out()).contains("backtest of 576 intervals").doesNotContain("288 intervals");
                assertThat(b.err())
                        .startsWith("trace two-days.csv: 576 intervals")
                        .doesNotContain("one-day");
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
