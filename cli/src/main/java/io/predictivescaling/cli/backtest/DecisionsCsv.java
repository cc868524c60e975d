package io.predictivescaling.cli.backtest;

import io.predictivescaling.backtest.DecisionLog;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** decisions.csv: {@code time,kind,seen,planned,why}, one row per decision of the replay (UTC, oldest first). */
final class DecisionsCsv {
    private DecisionsCsv() {}

    static void write(Path file, DecisionLog log) throws IOException {
        try (Writer w = Files.newBufferedWriter(file);
                CSVPrinter out = new CSVPrinter(
                        w,
                        CSVFormat.DEFAULT
                                .builder()
                                .setHeader("time", "kind", "seen", "planned", "why")
                                .get())) {
            for (DecisionLog.Row r : log.rows()) {
                out.printRecord(r.time(), r.kind(), r.seen(), r.planned(), r.why());
            }
        }
    }
}
