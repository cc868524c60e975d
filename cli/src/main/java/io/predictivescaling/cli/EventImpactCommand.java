package io.predictivescaling.cli;

import io.predictivescaling.backtest.Trace;
import io.predictivescaling.backtest.TraceReader;
import io.predictivescaling.events.EventAdjuster;
import io.predictivescaling.events.EventImpact;
import io.predictivescaling.events.EventsCsv;
import io.predictivescaling.events.KnownEvent;
import io.predictivescaling.forecast.LoadPrediction;
import io.predictivescaling.forecast.LoadPredictor;
import io.predictivescaling.metrics.RegularSeries;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code event-impact}: how much a calendar of known events improves the forecast around them. Walk-forward,
 * once a day, the next 24 hours are forecast from the 28 days before, once as is and once with the calendar
 * (past event windows left out of learning, upcoming ones applied with each type's impact learned from the
 * events before that day). Errors are compared on the hours from 12 h before each event to 12 h after it.
 */
@Command(name = "event-impact", mixinStandardHelpOptions = true,
        description = "Forecast error around known events, without and with the calendar (walk-forward).")
final class EventImpactCommand implements Callable<Integer> {
    @Option(names = "--trace", required = true, description = "Load CSV timestamp,value, e.g. cli/traces/nyc_taxi.csv")
    Path trace;

    @Option(names = "--events", required = true, description = "CSV start,end,type,name[,expectedImpact]")
    Path events;

    @Override
    public Integer call() throws Exception {
        Trace t = TraceReader.read(trace);
        RegularSeries hourly = hourly(t);
        List<KnownEvent> calendar = EventsCsv.read(events);
        double[] without = new double[hourly.size()];
        double[] with = new double[hourly.size()];
        Arrays.fill(without, Double.NaN);
        Arrays.fill(with, Double.NaN);
        LoadPredictor plain = new LoadPredictor();
        LoadPredictor informed = new LoadPredictor();
        for (int d = 28 * 24; d + 24 <= hourly.size(); d += 24) {
            int day = d;
            Instant now = hourly.time(day);
            RegularSeries past = new RegularSeries(hourly.time(day - 28 * 24), hourly.step(),
                    Arrays.copyOfRange(hourly.values(), day - 28 * 24, day));
            List<LoadPrediction> base = plain.path(past, Duration.ofHours(24), null);
            List<KnownEvent> before = calendar.stream().filter(e -> e.end().isBefore(now)).toList();
            RegularSeries cleaned = withoutEvents(past, before);
            List<KnownEvent> upcoming = calendar.stream().filter(e -> e.touches(now.minus(Duration.ofHours(
                    EventImpact.LEAD_HOURS)), now.plus(Duration.ofHours(24 + EventImpact.TAIL_HOURS)))).toList();
            List<LoadPrediction> adjusted = EventAdjuster.apply(informed.path(cleaned, Duration.ofHours(24), null),
                    upcoming, e -> EventImpact.learn(e.type(), before.stream().filter(p -> p.type().equals(e.type()))
                            .toList(), hourlyUpTo(hourly, day), Double.isNaN(e.expectedImpact()) ? 0 : e.expectedImpact()),
                    now);
            for (int k = 0; k < 24; k++) {
                without[day + k] = base.get(k).predictedLoad();
                with[day + k] = adjusted.get(k).predictedLoad();
            }
        }
        double[] errors = new double[4];
        int hours = 0;
        for (int i = 0; i < hourly.size(); i++) {
            Instant at = hourly.time(i);
            boolean near = calendar.stream().anyMatch(e -> e.touches(at.minus(Duration.ofHours(12)),
                    at.plus(Duration.ofHours(13))));
            double actual = hourly.values()[i];
            if (!near || Double.isNaN(with[i]) || Double.isNaN(actual)) {
                continue;
            }
            hours++;
            errors[0] += Math.abs(without[i] - actual);
            errors[1] += Math.abs(with[i] - actual);
            errors[2] += 200 * Math.abs(without[i] - actual) / (Math.abs(without[i]) + Math.abs(actual));
            errors[3] += 200 * Math.abs(with[i] - actual) / (Math.abs(with[i]) + Math.abs(actual));
        }
        System.out.printf(Locale.ROOT, "%d events, %d hours within 12 h of one, forecast 24 h ahead once a day%n",
                calendar.size(), hours);
        System.out.printf(Locale.ROOT, "%-18s %10s %8s%n", "", "MAE", "sMAPE%");
        System.out.printf(Locale.ROOT, "%-18s %10.1f %8.2f%n", "without calendar", errors[0] / hours, errors[2] / hours);
        System.out.printf(Locale.ROOT, "%-18s %10.1f %8.2f%n", "with calendar", errors[1] / hours, errors[3] / hours);
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
