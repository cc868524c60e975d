package io.predictivescaling.cli.backtest;

import io.predictivescaling.backtest.Backtest;
import io.predictivescaling.backtest.BacktestConfig;
import io.predictivescaling.backtest.BacktestResult;
import io.predictivescaling.backtest.Trace;
import io.predictivescaling.cli.files.FileOption;
import io.predictivescaling.cli.m4.M4Csv;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code backtest-m4}: the backtest on many series no one tuned it on. M4 Hourly series have daily and weekly
 * cycles but no dates, so each becomes an hourly trace from a Monday; every n-th series is taken.
 */
@Command(
        name = "backtest-m4",
        mixinStandardHelpOptions = true,
        description = "Backtests every n-th M4 Hourly series as an hourly load trace (defaults) and counts how many "
                + "meet: predictive under-provisioned at most half of reactive's (or 0.5%%) at most 1.2x its cost.")
public final class BacktestManyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    static final Instant MONDAY = Instant.parse("2017-01-02T00:00:00Z");

    @Option(
            names = "--train",
            converter = FileOption.InputFile.class,
            required = true,
            description = "M4 CSV, e.g. ../shared/data/m4-hourly/Hourly-train.csv")
    Path train;

    @Option(names = "--every", defaultValue = "10", description = "Take every n-th series")
    int every;

    record Row(String id, BacktestResult.PolicyStats reactive, BacktestResult.PolicyStats predictive) {
        boolean meets() {
            double allowed = Math.max(0.005, reactive.underProvisionedFraction() / 2);
            return predictive.underProvisionedFraction() <= allowed + 1e-12
                    && predictive.capacityUnitHours() <= 1.2 * reactive.capacityUnitHours() + 1e-9;
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        if (every < 1) {
            throw new IllegalArgumentException("--every must be at least 1, got " + every);
        }
        long start = System.nanoTime();
        List<Map.Entry<String, double[]>> picked = new ArrayList<>();
        int i = 0;
        for (var e : M4Csv.read(train).entrySet()) {
            if (i++ % every == 0) {
                picked.add(e);
            }
        }
        List<Row> rows =
                picked.parallelStream().map(e -> run(e.getKey(), e.getValue())).toList();
        int met = 0;
        stdout.printf(
                Locale.ROOT,
                "%-8s %10s %9s %10s %9s %9s  %s%n",
                "series",
                "react.und%",
                "react.cost",
                "pred.und%",
                "pred.cost",
                "vs react",
                "target");
        for (Row r : rows) {
            met += r.meets() ? 1 : 0;
            stdout.printf(
                    Locale.ROOT,
                    "%-8s %10.3f %9.3f %10.3f %9.3f %9.3f  %s%n",
                    r.id(),
                    100 * r.reactive().underProvisionedFraction(),
                    r.reactive().costVsOracle(),
                    100 * r.predictive().underProvisionedFraction(),
                    r.predictive().costVsOracle(),
                    r.predictive().capacityUnitHours() / r.reactive().capacityUnitHours(),
                    r.meets() ? "met" : "MISSED");
        }
        stdout.printf(
                Locale.ROOT,
                "%d of %d series meet the target; %.1f s%n",
                met,
                rows.size(),
                (System.nanoTime() - start) / 1e9);
        return 0;
    }

    static Row run(String id, double[] values) {
        Trace trace = new Trace(id, MONDAY, Duration.ofHours(1), values, List.of());
        double unit = trace.defaultUnit();
        BacktestResult result = new Backtest(BacktestConfig.defaults(unit)).run(trace, null);
        return new Row(id, result.policies().get("reactive"), result.policies().get("predictive"));
    }
}
