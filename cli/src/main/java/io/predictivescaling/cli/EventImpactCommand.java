package io.predictivescaling.cli;

import io.predictivescaling.backtest.Trace;
import io.predictivescaling.backtest.TraceReader;
import io.predictivescaling.cli.backtest.TimestampZoneOption;
import io.predictivescaling.cli.files.FileOption;
import io.predictivescaling.events.EventCalendars;
import io.predictivescaling.events.EventEffects;
import io.predictivescaling.events.KnownEvent;
import io.predictivescaling.forecast.LoadPrediction;
import io.predictivescaling.forecast.LoadPredictor;
import io.predictivescaling.metrics.RegularSeries;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code event-impact}: how much a calendar of known events improves the forecast on the days they happen.
 * Walk-forward, once a day, the next 24 hours are forecast from the 28 days before, once as is and once with the
 * calendar (past event windows left out of learning, upcoming ones applied as predict-and-scale applies them:
 * impact learned over the events before that day, only for types that helped on them). Errors are compared on
 * the hours of the days (in {@code --zone}) an event touches, and on all hours.
 */
@Command(
        name = "event-impact",
        mixinStandardHelpOptions = true,
        description = "Forecast error on event days, without and with the calendar (walk-forward).")
final class EventImpactCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--trace",
            converter = FileOption.InputFile.class,
            required = true,
            description = "Load CSV timestamp,value, e.g. cli/traces/nyc_taxi.csv")
    Path trace;

    @Mixin
    TimestampZoneOption timestampZone = new TimestampZoneOption();

    @Option(
            names = "--events",
            converter = FileOption.InputFile.class,
            required = true,
            description = "CSV start,end,type,name[,expectedImpact] or an .ics calendar")
    Path events;

    @Option(
            names = "--zone",
            defaultValue = "UTC",
            description = "The target's zone: weeks repeat and event days are counted in it (default UTC)")
    ZoneId zone;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        Trace t = TraceReader.read(trace, null, null, null, timestampZone.zone());
        RegularSeries hourly = hourly(t);
        List<KnownEvent> calendar = EventCalendars.read(
                events, hourly.start(), hourly.end(), zone, spec.commandLine().getErr()::println);
        double[] without = new double[hourly.size()];
        double[] with = new double[hourly.size()];
        Arrays.fill(without, Double.NaN);
        Arrays.fill(with, Double.NaN);
        LoadPredictor plain = new LoadPredictor();
        LoadPredictor informed = new LoadPredictor();
        for (int d = 28 * 24; d + 24 <= hourly.size(); d += 24) {
            int day = d;
            Instant now = hourly.time(day);
            RegularSeries past = new RegularSeries(
                    hourly.time(day - 28 * 24), hourly.step(), Arrays.copyOfRange(hourly.values(), day - 28 * 24, day));
            List<LoadPrediction> base = plain.path(past, Duration.ofHours(24), null);
            List<KnownEvent> before =
                    calendar.stream().filter(e -> !e.end().isAfter(now)).toList();
            List<LoadPrediction> adjusted = EventEffects.apply(
                    informed.path(withoutEvents(past, before), Duration.ofHours(24), null),
                    calendar,
                    hourlyUpTo(hourly, day),
                    zone,
                    now,
                    Map.of());
            for (int k = 0; k < 24; k++) {
                without[day + k] = base.get(k).predictedLoad();
                with[day + k] = adjusted.get(k).predictedLoad();
            }
        }
        Set<LocalDate> days = new HashSet<>();
        for (KnownEvent e : calendar) {
            for (LocalDate day = e.start().atZone(zone).toLocalDate();
                    !day.isAfter(e.end().minusNanos(1).atZone(zone).toLocalDate());
                    day = day.plusDays(1)) {
                days.add(day);
            }
        }
        double[] onDays = new double[4];
        double[] all = new double[2];
        int hours = 0;
        int allHours = 0;
        for (int i = 0; i < hourly.size(); i++) {
            double actual = hourly.values()[i];
            if (Double.isNaN(with[i]) || Double.isNaN(actual)) {
                continue;
            }
            allHours++;
            all[0] += Math.abs(without[i] - actual);
            all[1] += Math.abs(with[i] - actual);
            if (!days.contains(hourly.time(i).atZone(zone).toLocalDate())) {
                continue;
            }
            hours++;
            onDays[0] += Math.abs(without[i] - actual);
            onDays[1] += Math.abs(with[i] - actual);
            onDays[2] += 200 * Math.abs(without[i] - actual) / (Math.abs(without[i]) + Math.abs(actual));
            onDays[3] += 200 * Math.abs(with[i] - actual) / (Math.abs(with[i]) + Math.abs(actual));
        }
        stdout.printf(
                Locale.ROOT,
                "%d events on %d days; %d forecast hours on those days (24 h ahead, once a day)%n",
                calendar.size(),
                days.size(),
                hours);
        stdout.printf(Locale.ROOT, "%-18s %14s %14s %12s%n", "", "MAE event days", "sMAPE% ev.days", "MAE all hours");
        stdout.printf(
                Locale.ROOT,
                "%-18s %14.1f %14.2f %12.1f%n",
                "without calendar",
                onDays[0] / hours,
                onDays[2] / hours,
                all[0] / allHours);
        stdout.printf(
                Locale.ROOT,
                "%-18s %14.1f %14.2f %12.1f%n",
                "with calendar",
                onDays[1] / hours,
                onDays[3] / hours,
                all[1] / allHours);
        return 0;
    }

    static RegularSeries hourly(Trace t) {
        RegularSeries raw = new RegularSeries(t.start(), t.step(), t.demand());
        long step = t.step().getSeconds();
        return step >= 3600 ? raw : raw.coarsen((int) (3600 / step));
    }

    static RegularSeries hourlyUpTo(RegularSeries hourly, int end) {
        return new RegularSeries(hourly.start(), hourly.step(), Arrays.copyOf(hourly.values(), end));
    }

    /** Past event windows become gaps, so that a holiday does not teach next week's forecast. */
    static RegularSeries withoutEvents(RegularSeries s, List<KnownEvent> past) {
        double[] v = s.values().clone();
        for (int i = 0; i < v.length; i++) {
            Instant at = s.time(i);
            if (past.stream().anyMatch(e -> e.touches(at, at.plusSeconds(3600)))) {
                v[i] = Double.NaN;
            }
        }
        return new RegularSeries(s.start(), s.step(), v);
    }
}
