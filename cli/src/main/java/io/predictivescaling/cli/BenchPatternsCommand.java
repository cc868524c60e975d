package io.predictivescaling.cli;

import io.predictivescaling.metrics.RegularSeries;
import io.predictivescaling.patterns.LoadPatterns;
import io.predictivescaling.patterns.PatternAnalyzer;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** How long learning patterns from a year of per-minute data takes, and how much heap it needs. */
@Command(
        name = "bench-patterns",
        mixinStandardHelpOptions = true,
        description = {
            "Learns patterns from a seeded synthetic year of per-minute load (525,600 points) and "
                    + "prints the time and the heap used.",
            "Run with -Xmx256m (JAVA_OPTS) to prove the memory bound."
        })
final class BenchPatternsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--points", defaultValue = "525600", description = "Per-minute points (default: a year)")
    int points;

    @Option(names = "--repeat", defaultValue = "5", description = "Timed runs after one warm-up")
    int repeat;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        Instant start = Instant.parse("2025-01-01T00:00:00Z");
        Random random = new Random(1);
        double[] values = new double[points];
        for (int i = 0; i < points; i++) {
            double hour = (i / 60) % 24;
            values[i] = (100 + 80 * Math.sin(Math.PI * hour / 24)) * (1 + 0.05 * random.nextGaussian());
        }
        RegularSeries year = new RegularSeries(start, Duration.ofMinutes(1), values);
        PatternAnalyzer analyzer = new PatternAnalyzer();
        LoadPatterns patterns = analyzer.learn(year, ZoneOffset.UTC, List.of());
        long best = Long.MAX_VALUE;
        for (int r = 0; r < repeat; r++) {
            long t0 = System.nanoTime();
            patterns = analyzer.learn(year, ZoneOffset.UTC, List.of());
            best = Math.min(best, System.nanoTime() - t0);
        }
        Runtime rt = Runtime.getRuntime();
        System.gc();
        stdout.printf(
                Locale.ROOT,
                "points %d, learned from %d hours, peak %s, months %d%n",
                points,
                patterns.hoursLearned(),
                patterns.peakDescription(),
                patterns.monthOfYear().size());
        stdout.printf(Locale.ROOT, "learn time: best of %d runs %.1f ms%n", repeat, best / 1e6);
        stdout.printf(
                Locale.ROOT,
                "max heap %d MB, used after run %d MB%n",
                rt.maxMemory() >> 20,
                (rt.totalMemory() - rt.freeMemory()) >> 20);
        return 0;
    }
}
