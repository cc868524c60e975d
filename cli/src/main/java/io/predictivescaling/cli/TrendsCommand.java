package io.predictivescaling.cli;

import io.predictivescaling.backtest.Trace;
import io.predictivescaling.backtest.TraceReader;
import io.predictivescaling.cli.backtest.TimestampZoneOption;
import io.predictivescaling.cli.files.FileOption;
import io.predictivescaling.common.Stats;
import io.predictivescaling.sentiment.TrendDetector;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code trends}: runs the trend detector walk-forward over a mention-volume trace and writes every firing
 * (the onset of a trend) as {@code timestamp,hype}; with {@code --evaluate}, scores it against the trace's
 * largest bursts.
 */
@Command(
        name = "trends",
        mixinStandardHelpOptions = true,
        description = "Runs the trend detector walk-forward over a mention-volume CSV (timestamp,value) and writes "
                + "timestamp,hype for every interval at which it fires (a trend's onset).")
final class TrendsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--trace",
            converter = FileOption.InputFile.class,
            required = true,
            description = "Mention-volume CSV timestamp,value, e.g. ../shared/data/traces/Twitter_volume_AMZN.csv")
    Path trace;

    @Option(
            names = "--out",
            converter = FileOption.OutputFile.class,
            required = true,
            description = "CSV written with timestamp,hype for every firing")
    Path out;

    @Option(
            names = "--evaluate",
            description =
                    "Also score against the largest bursts: detected within the 3 h "
                            + "before each of the 10 largest peaks (12 h apart), false alarms per week (not within 3 h before one of the 30 largest)")
    boolean evaluate;

    @Mixin
    TimestampZoneOption timestampZone = new TimestampZoneOption();

    record Firing(Instant at, double hype) {}

    @Override
    public Integer call() throws Exception {
        Trace t = TraceReader.read(trace, null, null, null, timestampZone.zone());
        TrendDetector detector = TrendDetector.forFiveMinutes();
        List<Firing> firings = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            TrendDetector.Reading r = detector.next(t.demand()[i]);
            if (r.fires()) {
                firings.add(new Firing(t.time(i), r.hype()));
            }
        }
        try (BufferedWriter w = Files.newBufferedWriter(out)) {
            w.write("timestamp,hype");
            w.newLine();
            for (Firing f : firings) {
                w.write(f.at() + "," + String.format(Locale.ROOT, "%.3f", f.hype()));
                w.newLine();
            }
        }
        spec.commandLine()
                .getOut()
                .printf(
                        Locale.ROOT,
                        "%d firings over %.1f days -> %s%n",
                        firings.size(),
                        Duration.between(t.start(), t.time(t.size())).toHours() / 24.0,
                        out);
        if (evaluate) {
            evaluate(t, firings);
        }
        return 0;
    }

    private void evaluate(Trace t, List<Firing> firings) {
        List<Integer> peaks = peaks(t, 30, Duration.ofHours(12));
        Duration window = Duration.ofHours(3);
        int detected = 0;
        List<Long> leads = new ArrayList<>();
        int scored = Math.min(10, peaks.size());
        for (int k = 0; k < scored; k++) {
            Instant peak = t.time(peaks.get(k));
            Firing first = firings.stream()
                    .filter(f -> !f.at().isAfter(peak) && !f.at().isBefore(peak.minus(window)))
                    .min(Comparator.comparing(Firing::at))
                    .orElse(null);
            if (first != null) {
                detected++;
                leads.add(Duration.between(first.at(), peak).toMinutes());
            }
            spec.commandLine()
                    .getOut()
                    .printf(
                            Locale.ROOT,
                            "  burst %2d at %s (%s): %s%n",
                            k + 1,
                            peak,
                            // Four significant digits: a trace of 0.01-0.02 mentions shows its bursts, not "(0)".
                            new java.math.BigDecimal(t.demand()[peaks.get(k)])
                                    .round(new java.math.MathContext(4))
                                    .stripTrailingZeros()
                                    .toPlainString(),
                            first == null
                                    ? "missed"
                                    : "detected "
                                            + Duration.between(first.at(), peak).toMinutes() + " min before");
        }
        long falseAlarms = firings.stream()
                .filter(f -> peaks.stream()
                        .map(t::time)
                        .noneMatch(p -> !f.at().isAfter(p) && !f.at().isBefore(p.minus(window))))
                .count();
        double weeks = Duration.between(t.start(), t.time(t.size())).toHours() / (24.0 * 7);
        // None detected has no lead to take a median of: it says so, not "NaN min".
        String lead = leads.isEmpty()
                ? "no lead (none detected)"
                : String.format(
                        Locale.ROOT,
                        "median lead %.0f min",
                        Stats.median(leads.stream().map(Long::doubleValue).toList()));
        spec.commandLine()
                .getOut()
                .printf(
                        Locale.ROOT,
                        "detected %d of the %d largest bursts no later than their peak; "
                                + "false alarms %.2f per week (%d in %.1f weeks); %s%n",
                        detected,
                        scored,
                        falseAlarms / weeks,
                        falseAlarms,
                        weeks,
                        lead);
    }

    /** The largest peaks, at least {@code apart} from each other, largest first. */
    static List<Integer> peaks(Trace t, int count, Duration apart) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            if (!Double.isNaN(t.demand()[i])) {
                order.add(i);
            }
        }
        order.sort(Comparator.comparingDouble(i -> -t.demand()[i]));
        List<Integer> peaks = new ArrayList<>();
        for (int i : order) {
            if (peaks.stream()
                    .allMatch(p -> Duration.between(t.time(Math.min(p, i)), t.time(Math.max(p, i)))
                                    .compareTo(apart)
                            >= 0)) {
                peaks.add(i);
                if (peaks.size() == count) {
                    break;
                }
            }
        }
        return peaks;
    }
}
