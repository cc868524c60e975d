package io.predictivescaling.cli.backtest;

import io.predictivescaling.cli.files.FileOption;
import io.predictivescaling.metrics.CloudWatchHistory;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code export-history}: a CloudWatch metric's history as a {@code timestamp,value} CSV the backtest reads. */
@Command(
        name = "export-history",
        mixinStandardHelpOptions = true,
        description = "Writes a CloudWatch metric's history (GetMetricData, paginated) as timestamp,value CSV "
                + "(ISO-8601 UTC, period start), for backtest --trace or your own analysis.")
public final class ExportHistoryCommand implements Callable<Integer> {
    @Mixin
    CloudWatchOptions cloudWatch;

    @Option(
            names = "--out",
            converter = FileOption.OutputFile.class,
            description = "CSV file to write (default: standard output)")
    Path out;

    @Override
    public Integer call() throws IOException {
        if (!cloudWatch.given()) {
            throw new IllegalArgumentException("export-history needs --cloudwatch NAMESPACE:METRIC, e.g. "
                    + "--cloudwatch AWS/ApplicationELB:RequestCount --dimension LoadBalancer=app/web/123");
        }
        CloudWatchHistory.History h = cloudWatch.read();
        try (Writer w = out == null
                        ? new java.io.OutputStreamWriter(
                                new PrintStream(System.out, true, StandardCharsets.UTF_8), StandardCharsets.UTF_8)
                        : Files.newBufferedWriter(out);
                CSVPrinter csv = new CSVPrinter(
                        w,
                        CSVFormat.DEFAULT
                                .builder()
                                .setRecordSeparator('\n')
                                .setHeader("timestamp", "value")
                                .get())) {
            for (var p : h.points().entrySet()) {
                csv.printRecord(p.getKey(), p.getValue());
            }
        }
        h.notes().forEach(n -> System.err.println("note: " + n));
        if (out != null) {
            System.err.println(h.points().size() + " rows of " + h.period() + " written to " + out.toAbsolutePath());
        }
        return 0;
    }
}
