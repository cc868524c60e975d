package io.predictivescaling.cli.backtest;

import java.io.PrintWriter;

/** A progress bar on standard error for long traces; silent when asked or when there is no terminal. */
final class Progress implements AutoCloseable {
    private final int total;
    private final boolean show;
    private int shownPercent = -1;
    private final long start = System.nanoTime();
    private final PrintWriter err;

    /** @param err the command's standard error */
    Progress(int total, boolean quiet, PrintWriter err) {
        this.total = total;
        this.err = err;
        // No terminal (CI logs, a pipe to tee): a hundred carriage-return updates would only be noise there.
        this.show = !quiet && total > 2000 && System.console() != null;
    }

    void step(int i) {
        if (!show) {
            return;
        }
        int percent = (int) (100L * (i + 1) / total);
        if (percent != shownPercent) {
            shownPercent = percent;
            int filled = percent / 4;
            double elapsed = (System.nanoTime() - start) / 1e9;
            err.printf(
                    "\r[%s%s] %3d%%  %d/%d intervals  %.0fs",
                    "#".repeat(filled), " ".repeat(25 - filled), percent, i + 1, total, elapsed);
            err.flush();
        }
    }

    @Override
    public void close() {
        if (show) {
            err.println();
        }
    }
}
