package io.predictivescaling.cli.backtest;

import picocli.CommandLine.Option;

/** How the backtest's report speaks of load and money. */
public final class ReportOptions {
    @Option(
            names = "--unit-price",
            description =
                    "Price of one capacity unit per hour, in "
                            + "any currency: the verdict and the summary then say what each policy costs per month (default: none)")
    Double unitPrice;

    @Option(
            names = "--load-unit",
            description = "What the trace's values count, for the chart's "
                    + "axis, e.g. 'requests/min' or '%% CPU' (default: none)")
    String loadUnit;

    /** The unit price, 0 without one. */
    double price() {
        return unitPrice == null ? 0 : unitPrice;
    }

    /** The y axis title: "load (requests/min)", or "load". */
    String axisTitle() {
        return loadUnit == null || loadUnit.isBlank() ? "load" : "load (" + loadUnit.trim() + ")";
    }
}
