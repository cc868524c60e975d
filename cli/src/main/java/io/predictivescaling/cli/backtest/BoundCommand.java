package io.predictivescaling.cli.backtest;

import io.predictivescaling.backtest.Backtest;
import io.predictivescaling.backtest.BacktestConfig;
import io.predictivescaling.backtest.BacktestResult;
import io.predictivescaling.backtest.FeasibilityBound;
import io.predictivescaling.backtest.Trace;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bound}: is an under-provisioning target reachable on this trace at all? Prints what floors that look
 * ahead (and are tuned in hindsight) would cost, next to what the backtest's forecasts reach.
 */
@Command(
        name = "bound",
        mixinStandardHelpOptions = true,
        description = "Analysis: the cheapest floors that know the future (the interval's demand, or the median "
                + "level around it), margins tuned in hindsight, that keep under-provisioning at most --max-under, "
                + "with the same reactive policy on top. No forecast made a warm-up ahead can beat these.")
public final class BoundCommand implements Callable<Integer> {
    @Mixin
    TraceOptions traceOptions;

    @Option(names = "--max-under", defaultValue = "0.005", description = "Largest under-provisioned fraction allowed")
    double maxUnder;

    @Override
    public Integer call() throws Exception {
        if (!(maxUnder > 0 && maxUnder < 1)) {
            throw new IllegalArgumentException("--max-under must be a fraction in (0, 1), got " + maxUnder);
        }
        Trace t = traceOptions.read();
        BacktestConfig config = traceOptions.config(t, List.of());
        System.out.printf(
                Locale.ROOT,
                "trace %s, unit %.4g, target utilization %.2f, under-provisioning at most %.2f%%%n",
                t.name(),
                config.unit(),
                config.targetUtilization(),
                100 * maxUnder);
        BacktestResult actual = new Backtest(config).run(t, null);
        BacktestResult.PolicyStats reactive = actual.policies().get("reactive");
        BacktestResult.PolicyStats predictive = actual.policies().get("predictive");
        System.out.printf(
                Locale.ROOT,
                "%-58s %23s under %.3f%%  cost %.3f x oracle%n",
                "reactive alone",
                "",
                100 * reactive.underProvisionedFraction(),
                reactive.costVsOracle());
        System.out.printf(
                Locale.ROOT,
                "%-58s %23s under %.3f%%  cost %.3f x oracle%n",
                "predictive (forecasts a warm-up ahead, default settings)",
                "",
                100 * predictive.underProvisionedFraction(),
                predictive.costVsOracle());
        System.out.println("floors that know the future, margin tuned in hindsight:");
        for (FeasibilityBound.Bound b : FeasibilityBound.of(t, config, maxUnder)) {
            System.out.println("  " + b.describe());
        }
        return 0;
    }
}
