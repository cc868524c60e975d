package io.predictivescaling.cli.backtest;

import io.predictivescaling.backtest.BacktestConfig;
import io.predictivescaling.backtest.Trace;
import io.predictivescaling.backtest.TraceReader;
import io.predictivescaling.events.KnownEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** The trace and the simulated target every backtest-style command takes. */
final class TraceOptions {
    @Option(names = "--trace", required = true, description = "CSV timestamp,value (ISO-8601 or yyyy-MM-dd HH:mm:ss; empty value = gap)")
    Path trace;

    @Option(names = "--unit", description = "Load one capacity unit serves (default: the trace's 99th percentile / 20)")
    Double unit;

    @Option(names = "--target-utilization", defaultValue = "0.7", description = "Target tracking's target")
    double targetUtilization;

    @Option(names = "--warmup", defaultValue = "5m", description = "Capacity warm-up, e.g. 5m, 90s, 1h")
    String warmup;

    Trace read() throws IOException {
        return TraceReader.read(trace);
    }

    /** The defaults, with this trace's unit, target utilization and warm-up. */
    BacktestConfig config(Trace t, List<KnownEvent> events) {
        double u = unit != null ? unit : Math.max(1e-9, t.percentile(0.99) / 20);
        return BacktestConfig.defaults(u).with(u, targetUtilization, BacktestCommand.duration(warmup), events);
    }
}
