package io.predictivescaling.cli.backtest;

import io.predictivescaling.backtest.BacktestConfig;
import io.predictivescaling.backtest.Trace;
import io.predictivescaling.backtest.TraceReader;
import io.predictivescaling.cli.files.FileOption;
import io.predictivescaling.common.TimeWindow;
import io.predictivescaling.events.KnownEvent;
import io.predictivescaling.metrics.CloudWatchHistory;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The trace and the simulated target every backtest-style command takes. */
final class TraceOptions {
    @Option(
            names = "--trace",
            converter = FileOption.InputFile.class,
            description =
                    "Load history as CSV, as exported by CloudWatch, Grafana, "
                            + "Datadog or a spreadsheet: delimiter, quoting, header and columns are detected; timestamps ISO-8601, "
                            + "yyyy-MM-dd HH:mm[:ss] (UTC unless --timestamp-zone) or epoch s/ms; an empty value is a gap. Or JSON as saved from "
                            + "Prometheus query_range, aws cloudwatch get-metric-data / get-metric-statistics or Datadog's query API")
    Path trace;

    @Mixin
    CloudWatchOptions cloudWatch = new CloudWatchOptions();

    @Option(
            names = "--time-column",
            description = "The time column, by header name or 1-based position (default: found by content)")
    String timeColumn;

    @Option(
            names = "--value-column",
            description = "The load column, by header name or 1-based position (default: the first numeric column)")
    String valueColumn;

    @Option(
            names = "--series",
            description = "Which series of a long export (a column of series names, as Grafana's Series;Time;Value) "
                    + "or of a JSON export's several series to read, by name (default: the first)")
    String series;

    @Mixin
    TimestampZoneOption timestampZone = new TimestampZoneOption();

    @Option(names = "--unit", description = "Load one capacity unit serves (default: " + Trace.DEFAULT_UNIT_HELP + ")")
    Double unit;

    @Option(names = "--target-utilization", defaultValue = "0.7", description = "Target tracking's target")
    double targetUtilization;

    @Option(names = "--warmup", defaultValue = "5m", description = "Capacity warm-up, e.g. 5m, 90s, 1h")
    String warmup;

    @Option(
            names = "--time-zone",
            defaultValue = "UTC",
            description =
                    "The target's timeZone: days are counted on its " + "wall clock, across daylight-saving changes")
    String timeZone;

    @Option(names = "--exclude", description = "The target's excludeFromLearning: start/end in ISO-8601, repeatable")
    List<String> exclude;

    Trace read() throws IOException {
        if (cloudWatch.given() == (trace != null)) {
            throw new IllegalArgumentException("give the history either as a file (--trace FILE) or from CloudWatch "
                    + "(--cloudwatch NAMESPACE:METRIC [--dimension NAME=VALUE]...), not "
                    + (trace == null ? "neither" : "both"));
        }
        if (trace == null && (series != null || timeColumn != null || valueColumn != null)) {
            throw new IllegalArgumentException(
                    "--series, --time-column and --value-column choose within a --trace file; --cloudwatch reads one "
                            + "metric (choose it with --dimension)");
        }
        if (trace == null) {
            CloudWatchHistory.History h = cloudWatch.read();
            return TraceReader.of(cloudWatch.label(), h.points(), h.notes());
        }
        return TraceReader.read(trace, timeColumn, valueColumn, series, timestampZone());
    }

    /** {@code --timestamp-zone}, or {@code null} when not given (UTC). */
    ZoneId timestampZone() {
        return timestampZone.zone();
    }

    /** {@code --time-zone}: the target's zone, where its days and a calendar's all-day and floating times are. */
    ZoneId zone() {
        return zone("--time-zone", timeZone);
    }

    static ZoneId zone(String option, String id) {
        try {
            return ZoneId.of(id.trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    option + " '" + id + "' is not a zone id: give one such as America/New_York, Europe/Berlin or UTC");
        }
    }

    /** The defaults, with this trace's unit, target utilization and warm-up. */
    BacktestConfig config(Trace t, List<KnownEvent> events) {
        double u = unit != null ? unit : t.defaultUnit();
        List<TimeWindow> windows = new java.util.ArrayList<>();
        for (String w : exclude == null ? List.<String>of() : exclude) {
            String[] parts = w.split("/");
            try {
                windows.add(new TimeWindow(Instant.parse(parts[0].trim()), Instant.parse(parts[1].trim())));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("--exclude '" + w + "' is not start/end in ISO-8601, e.g. "
                        + "2014-11-27T00:00:00Z/2014-11-28T00:00:00Z");
            }
        }
        ZoneId zone = zone();
        return BacktestConfig.defaults(u)
                .with(u, targetUtilization, BacktestCommand.duration(warmup), events)
                .local(zone, windows);
    }
}
