package io.predictivescaling.cli.backtest;

import io.predictivescaling.cli.files.FileOption;
import io.predictivescaling.metrics.CloudWatchHistory;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code export-history}: a CloudWatch metric's history as a {@code timestamp,value} CSV the backtest reads. */
@Command(
        name = "export-history",
        mixinStandardHelpOptions = true,
        description = "Writes a CloudWatch metric's history (GetMetricData, paginated) as timestamp,value CSV "
                + "(ISO-8601 UTC, period start), for backtest --trace or your own analysis.")
public final class ExportHistoryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

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
        PrintWriter stderr = spec.commandLine().getErr();
        CSVFormat format = CSVFormat.DEFAULT
                .builder()
                .setRecordSeparator('\n')
                .setHeader("timestamp", "value")
                .get();
        if (out == null) {
            // Standard output is the command's, not this CSV's: flushed, never closed.
            CSVPrinter csv = new CSVPrinter(spec.commandLine().getOut(), format);
            print(h, csv);
            csv.flush();
        } else {
            try (CSVPrinter csv = new CSVPrinter(Files.newBufferedWriter(out), format)) {
                print(h, csv);
            }
        }
        h.notes().forEach(n -> stderr.println("note: " + n));
        if (out != null) {
            stderr.println(h.points().size() + " rows of " + h.period() + " written to " + out.toAbsolutePath());
        }
        return 0;
    }

    private static void print(CloudWatchHistory.History h, CSVPrinter csv) throws IOException {
        for (var p : h.points().entrySet()) {
            csv.printRecord(p.getKey(), p.getValue());
        }
    }
}
