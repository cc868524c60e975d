package io.predictivescaling.cli.backtest;

import io.predictivescaling.backtest.Backtest;
import io.predictivescaling.backtest.BacktestConfig;
import io.predictivescaling.backtest.BacktestResult;
import io.predictivescaling.backtest.FeasibilityBound;
import io.predictivescaling.backtest.Trace;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bound}: is an under-provisioning target reachable on this trace at all? Prints what floors that look
 * ahead (and are tuned in hindsight) would cost, next to what the backtest's forecasts reach: the tuned default, and
 * the cheapest of its sizings that, replayed alone, met the target, with how far that is above floors that know each
 * clock hour's median (hour-level foresight). Its last line says what that gap asks of the forecaster
 * ({@link FeasibilityBound#foresightNeeded}): the share of each hour's level it would have to know in advance.
 */
@Command(
        name = "bound",
        mixinStandardHelpOptions = true,
        description = "Analysis: the cheapest floors that know the future (the interval's demand, or the median "
                + "level around it), margins tuned in hindsight, that keep under-provisioning at most --max-under, "
                + "with the same reactive policy on top. No forecast made a warm-up ahead can beat these.")
public final class BoundCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TraceOptions traceOptions;

    @Option(names = "--max-under", defaultValue = "0.005", description = "Largest under-provisioned fraction allowed")
    double maxUnder;

    @Option(
            names = "--within",
            defaultValue = "0.03",
            description = "Cost above hour-level foresight the last line asks the forecast to reach, a fraction"
                    + " (0.03: +3%%); that line says how much of each hour's level the forecast would have to know")
    double within;

    @Option(
            names = "--tracking-target-under-floors",
            description = "What-if: target tracking's target under every row's floors (default: --target-utilization),"
                    + " one value (backtest takes several);"
                    + " reactive alone and the oracle stay at --target-utilization")
    Double trackingTargetUnderFloors;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        if (!(maxUnder > 0 && maxUnder < 1)) {
            throw new IllegalArgumentException("--max-under must be a fraction in (0, 1), got " + maxUnder);
        }
        if (!(within >= 0 && within < 1)) {
            throw new IllegalArgumentException(
                    "--within must be a fraction in [0, 1), e.g. 0.03 for +3%, got " + within);
        }
        Trace t = traceOptions.read();
        BacktestConfig config = traceOptions.config(t, List.of());
        stdout.printf(
                Locale.ROOT,
                "trace %s, unit %.4g, target utilization %.2f, under-provisioning at most %.2f%%%n",
                t.name(),
                config.unit(),
                config.targetUtilization(),
                100 * maxUnder);
        double underFloors = trackingTargetUnderFloors != null ? trackingTargetUnderFloors : Double.NaN;
        Backtest backtest = new Backtest(config);
        if (trackingTargetUnderFloors != null) {
            // Checked before the what-if line, so a bad value is the one line printed.
            backtest = backtest.withTrackingTargetUnderFloors(trackingTargetUnderFloors);
            stdout.printf(Locale.ROOT, "what-if: target tracking at %.2f under the floors%n", underFloors);
        }
        BacktestResult actual = backtest.run(t, null);
        BacktestResult.PolicyStats reactive = actual.policies().get("reactive");
        BacktestResult.PolicyStats predictive = actual.policies().get("predictive");
        stdout.printf(
                Locale.ROOT,
                "%-58s %23s under %.3f%%  cost %.3f x oracle%n",
                "reactive alone",
                "",
                100 * reactive.underProvisionedFraction(),
                reactive.costVsOracle());
        stdout.printf(
                Locale.ROOT,
                "%-58s %23s under %.3f%%  cost %.3f x oracle%n",
                "predictive (forecasts a warm-up ahead, default settings)",
                "",
                100 * predictive.underProvisionedFraction(),
                predictive.costVsOracle());
        java.util.Optional<BacktestResult.SizingOutcome> cheapest = actual.cheapestSizingWithin(maxUnder);
        stdout.printf(
                Locale.ROOT,
                "%-82s %s%n",
                "cheapest sizing within the target, replayed alone over the whole trace",
                cheapest.map(z -> String.format(
                                Locale.ROOT,
                                "under %.3f%%  cost %.3f x oracle  (%s)",
                                100 * z.stats().underProvisionedFraction(),
                                z.stats().costVsOracle(),
                                z.label()))
                        .orElse("none of the sizings met the target"));
        stdout.println("floors that know the future, margin tuned in hindsight:");
        List<FeasibilityBound.Bound> bounds = FeasibilityBound.of(t, config, maxUnder, underFloors);
        for (FeasibilityBound.Bound b : bounds) {
            stdout.println("  " + b.describe());
        }
        FeasibilityBound.Bound forecast = FeasibilityBound.ofForecast(
                t, config, maxUnder, actual.timeline().predicted(), underFloors);
        stdout.println("the same margins on the forecast's own floors:");
        stdout.println("  " + forecast.describe());
        // The yardstick for "capacity at the limit": how far above hour-level foresight the forecast sizes.
        FeasibilityBound.Bound hour = bounds.stream()
                .filter(b -> b.knows().equals(FeasibilityBound.HOUR_LEVEL))
                .findFirst()
                .orElseThrow();
        if (!Double.isNaN(hour.costVsOracle())) {
            cheapest.ifPresent(
                    z -> stdout.println(above("cheapest sizing", z.stats().costVsOracle(), hour.costVsOracle())));
            if (!Double.isNaN(forecast.costVsOracle())) {
                stdout.println(
                        above("forecast, margin tuned in hindsight", forecast.costVsOracle(), hour.costVsOracle()));
            }
            // What that gap asks of the forecaster: a gap a better forecast could close, or one only foresight could.
            stdout.println(FeasibilityBound.foresightNeeded(
                            t, config, maxUnder, actual.timeline().predicted(), forecast, hour, within, underFloors)
                    .describe());
        }
        return 0;
    }

    private static String above(String what, double cost, double hourLevel) {
        return String.format(
                Locale.ROOT,
                "%s vs hour-level foresight: %+.1f%% (%.3f / %.3f x oracle)",
                what,
                100 * (cost / hourLevel - 1),
                cost,
                hourLevel);
    }
}
