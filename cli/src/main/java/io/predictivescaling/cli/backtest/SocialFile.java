package io.predictivescaling.cli.backtest;

import io.predictivescaling.backtest.SocialReplay;
import io.predictivescaling.backtest.Trace;
import io.predictivescaling.backtest.TraceReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * {@code --social FILE}: mention volume per interval, {@code timestamp,value[,sentiment]}, read onto its grid by the
 * same trace reader as the load (so gaps, bad rows and duplicates are handled and reported alike); the optional
 * sentiment column (mean compound sentiment in [-1, 1]) is read onto the same grid.
 */
final class SocialFile {
    private SocialFile() {}

    /**
     * @param keyword the name the reasons use for the keyword (default: the file's name without extension)
     * @param zone where its timestamps without an offset are, as for the load ({@code null}: UTC)
     * @param notes where a note on values read as unknown goes (the command's standard error)
     */
    static SocialReplay read(Path file, String keyword, ZoneId zone, PrintWriter notes) throws IOException {
        Trace mentions = TraceReader.read(file, null, null, null, zone);
        String name = keyword != null ? keyword : file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        return new SocialReplay(name, mentions, sentiment(file, mentions, zone, notes));
    }

    /** The third column on the mentions' grid, or null when the file has none. */
    private static double[] sentiment(Path file, Trace mentions, ZoneId zone, PrintWriter notes) throws IOException {
        List<String> rows = new ArrayList<>();
        int badValues = 0;
        try (Reader in = Files.newBufferedReader(file)) {
            for (CSVRecord r : CSVFormat.DEFAULT.builder().setTrim(true).get().parse(in)) {
                if (r.size() < 3 || r.get(0).toLowerCase(Locale.ROOT).startsWith("timestamp")) {
                    continue;
                }
                String text = r.get(2);
                double v;
                try {
                    v = text.isEmpty() ? Double.NaN : Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    v = Double.NaN;
                }
                if (!text.isEmpty() && !(v >= -1 && v <= 1)) {
                    badValues++;
                    v = Double.NaN;
                }
                // The trace reader takes loads (>= 0): sentiment is shifted into [0, 2] and back.
                rows.add(r.get(0) + "," + (Double.isNaN(v) ? "" : Double.toString(v + 1)));
            }
        }
        if (badValues > 0) {
            notes.printf(
                    Locale.ROOT,
                    "  note: %d sentiment values outside [-1, 1] in %s: read as unknown%n",
                    badValues,
                    file);
        }
        if (rows.stream().filter(r -> !r.endsWith(",")).count() < 2) {
            return null; // no sentiment to speak of: the mentions alone
        }
        // A constant column (every post neutral) is a reading like any other, not the wrong column it is in a load.
        Trace shifted = TraceReader.parseSignal(file.getFileName().toString(), rows, zone);
        double[] out = new double[mentions.size()];
        long step = mentions.step().getSeconds();
        for (int i = 0; i < out.length; i++) {
            long offset = mentions.time(i).getEpochSecond() - shifted.start().getEpochSecond();
            int j = offset % step == 0 ? (int) (offset / step) : -1;
            out[i] = j >= 0 && j < shifted.size() ? shifted.demand()[j] - 1 : Double.NaN;
        }
        return out;
    }
}
