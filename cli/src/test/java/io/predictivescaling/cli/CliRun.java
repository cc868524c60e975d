package io.predictivescaling.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Runs the command line in-process and keeps what it printed: the command's own standard output and error, so runs in
 * parallel test classes never read each other's lines.
 */
public record CliRun(int exit, String out, String err, long millis) {
    /** Runs {@code args} as {@code bin/predictive-scaling} would, in this JVM. */
    public static CliRun of(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        long start = System.nanoTime();
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CliRun(exit, out.toString(), err.toString(), (System.nanoTime() - start) / 1_000_000);
    }
}
