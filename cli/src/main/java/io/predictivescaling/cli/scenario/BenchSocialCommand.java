package io.predictivescaling.cli.scenario;

import io.predictivescaling.backtest.Backtest;
import io.predictivescaling.backtest.BacktestConfig;
import io.predictivescaling.backtest.BacktestResult;
import io.predictivescaling.backtest.DecisionLog;
import io.predictivescaling.backtest.SocialReplay;
import io.predictivescaling.backtest.Trace;
import io.predictivescaling.backtest.TraceReader;
import io.predictivescaling.cli.files.FileOption;
import io.predictivescaling.common.Stats;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench-social}: does the social path help rather than cost, on real mention volume? Real mention traces
 * (NAB's Twitter volumes) come without the load they caused, so the load is built from them with a known lag: a
 * seeded daily load whose excess follows the mentions' excess over their median {@code --lag} later. The same
 * load is then replayed three ways: without mentions, with them, and with them shuffled (leading nothing).
 */
@Command(
        name = "bench-social",
        mixinStandardHelpOptions = true,
        description = "Replays a load that follows a real mention trace with a known lag: without --social, with the "
                + "mentions, and with the mentions shuffled. Prints under-provisioning and cost for each.")
public final class BenchSocialCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--mentions",
            converter = FileOption.InputFile.class,
            required = true,
            description = "Mention volume CSV timestamp,value (e.g. NAB Twitter_volume_AMZN.csv)")
    Path mentions;

    @Option(names = "--lag", defaultValue = "30", description = "Minutes from mentions to the load they cause")
    int lagMinutes;

    @Option(
            names = "--gain",
            defaultValue = "0.5",
            description = "Extra load per unit of mention excess over the median")
    double gain;

    @Option(
            names = "--seed",
            defaultValue = "1",
            description = "Seed of the generated load's noise and of the shuffled mentions")
    long seed;

    @Override
    public Integer call() {
        Trace m = TraceReader.read(mentions);
        Trace load = follow(m, Duration.ofMinutes(lagMinutes), gain, seed);
        double unit = load.defaultUnit();
        BacktestConfig config = BacktestConfig.defaults(unit).with(unit, 0.7, Duration.ofMinutes(5), List.of());
        spec.commandLine()
                .getOut()
                .printf(
                        Locale.ROOT,
                        "load follows %s %d min later (gain %.2f); %d intervals of %s%n",
                        m.name(),
                        lagMinutes,
                        gain,
                        load.size(),
                        load.step());
        spec.commandLine()
                .getOut()
                .printf(
                        Locale.ROOT,
                        "%-18s %12s %10s %14s %8s %8s%n",
                        "replay",
                        "underProv%",
                        "unserved%",
                        "unit-hours",
                        "cost/or",
                        "trends");
        row("no mentions", config, load, null);
        row("mentions", config, load, m);
        row("shuffled mentions", config, load, Scenario.shuffled(m, seed));
        return 0;
    }

    private void row(String name, BacktestConfig config, Trace load, Trace m) {
        DecisionLog log =
                new DecisionLog(load, m == null ? null : new SocialReplay("mentions", m, null), config.unit());
        BacktestResult r = new Backtest(config).with(log).run(load, null);
        BacktestResult.PolicyStats p = r.policies().get("predictive");
        long trends = log.rows().stream().filter(x -> x.kind().equals("trend")).count();
        spec.commandLine()
                .getOut()
                .printf(
                        Locale.ROOT,
                        "%-18s %12.3f %10.3f %14.1f %8.3f %8d%n",
                        name,
                        100 * p.underProvisionedFraction(),
                        100 * p.unservedDemandFraction(),
                        p.capacityUnitHours(),
                        p.costVsOracle(),
                        trends);
    }

    /** A seeded daily load (busiest at 15:00 UTC, 4% noise) whose excess follows the mentions' {@code lag} later. */
    static Trace follow(Trace m, Duration lag, double gain, long seed) {
        double median = Stats.median(m.demand());
        int shift = (int) (lag.getSeconds() / m.step().getSeconds());
        Random random = new Random(seed);
        double[] load = new double[m.size()];
        for (int i = 0; i < load.length; i++) {
            var utc = m.time(i).atZone(ZoneOffset.UTC);
            double hour = utc.getHour() + utc.getMinute() / 60.0;
            double daily = 1 + 0.4 * Math.cos(2 * Math.PI * (hour - 15) / 24);
            double cause = i - shift >= 0 ? m.demand()[i - shift] : Double.NaN;
            double excess = Double.isNaN(cause) || median <= 0 ? 0 : Math.min(4, Math.max(0, cause / median - 1));
            load[i] = 1000 * daily * (1 + gain * excess) * Math.max(0.5, 1 + 0.04 * random.nextGaussian());
        }
        return new Trace("load following " + m.name(), m.start(), m.step(), load, List.of());
    }
}
