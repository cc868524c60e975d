package io.predictivescaling.cli.backtest;

import io.predictivescaling.backtest.Backtest;
import io.predictivescaling.backtest.BacktestConfig;
import io.predictivescaling.backtest.BacktestResult;
import io.predictivescaling.backtest.Trace;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** How long the backtest takes on a year of 5-minute data (the bound: under 60 s). */
@Command(
        name = "bench-backtest",
        mixinStandardHelpOptions = true,
        description = "Backtests a seeded synthetic year of 5-minute load (105,120 intervals: daily and weekly "
                + "cycles, noise) with the defaults and prints the time.")
public final class BenchBacktestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--intervals", defaultValue = "105120", description = "5-minute intervals (default: a year)")
    int intervals;

    @Override
    public Integer call() {
        Random random = new Random(1);
        double[] values = new double[intervals];
        for (int i = 0; i < intervals; i++) {
            values[i] = Math.max(
                    1,
                    200
                            + 120 * Math.sin(2 * Math.PI * i / 288)
                            + 40 * Math.sin(2 * Math.PI * i / 2016)
                            + 15 * random.nextGaussian());
        }
        Trace year = new Trace(
                "synthetic-year", Instant.parse("2025-01-01T00:00:00Z"), Duration.ofMinutes(5), values, List.of());
        long start = System.nanoTime();
        BacktestResult result = new Backtest(BacktestConfig.defaults(year.defaultUnit())).run(year, null);
        double seconds = (System.nanoTime() - start) / 1e9;
        BacktestResult.PolicyStats p = result.policies().get("predictive");
        spec.commandLine()
                .getOut()
                .printf(
                        Locale.ROOT,
                        "backtest of %d 5-minute intervals in %.1f s (predictive: %.3f%% "
                                + "under-provisioned at %.3fx the oracle)%n",
                        intervals,
                        seconds,
                        100 * p.underProvisionedFraction(),
                        p.costVsOracle());
        return 0;
    }
}
