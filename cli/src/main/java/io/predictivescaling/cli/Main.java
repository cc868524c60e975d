package io.predictivescaling.cli;

import io.predictivescaling.cli.backtest.BacktestCommand;
import io.predictivescaling.cli.backtest.BenchBacktestCommand;
import io.predictivescaling.cli.backtest.BacktestManyCommand;
import io.predictivescaling.cli.backtest.BoundCommand;
import io.predictivescaling.cli.m4.M4Commands;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code predictive-scaling}: the local runner, backtest and benchmarks. */
@Command(name = "predictive-scaling", mixinStandardHelpOptions = true, version = "predictive-scaling 0.1.0",
        description = "Scales AWS capacity before load arrives. Local runner and benchmarks.",
        subcommands = {BacktestCommand.class, BoundCommand.class, BacktestManyCommand.class, BenchBacktestCommand.class, DemoCommand.class, ReportCommand.class, TrendsCommand.class,
                EventImpactCommand.class, AddEventCommand.class, InvokeCommand.class, BenchPatternsCommand.class, BenchScaleCommand.class, M4Commands.Forecast.class, M4Commands.Score.class,
                M4Commands.Split.class, io.predictivescaling.cli.scenario.ScenarioCommand.class,
                io.predictivescaling.cli.scenario.BenchSocialCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return new CommandLine(new Main())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    // Bad input (a missing file, a malformed trace): say what is wrong, no stack trace.
                    if (e instanceof IllegalArgumentException || e instanceof java.io.UncheckedIOException
                            || e instanceof java.io.IOException) {
                        cmd.getErr().println("error: " + e.getMessage());
                        return 2;
                    }
                    throw e;
                })
                .execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
