package io.predictivescaling.cli.backtest;

import io.predictivescaling.backtest.BacktestResult;
import io.predictivescaling.backtest.Trace;
import io.predictivescaling.events.KnownEvent;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The backtest forecast's error on the days known events touch (days of the target's {@code --time-zone}), next to
 * its error on every interval.
 */
final class EventDayError {
    private EventDayError() {}

    static String of(BacktestResult result, Trace t, List<KnownEvent> calendar, ZoneId zone) {
        Set<LocalDate> days = new HashSet<>();
        for (KnownEvent e : calendar) {
            for (LocalDate d = e.start().atZone(zone).toLocalDate();
                    !d.isAfter(e.end().minusNanos(1).atZone(zone).toLocalDate());
                    d = d.plusDays(1)) {
                days.add(d);
            }
        }
        double[] demand = result.timeline().demand();
        double[] predicted = result.timeline().predicted();
        double onDays = 0;
        double all = 0;
        int n = 0;
        int m = 0;
        for (int s = 0; s < demand.length; s++) {
            if (Double.isNaN(demand[s]) || Double.isNaN(predicted[s])) {
                continue;
            }
            double err = Math.abs(predicted[s] - demand[s]);
            all += err;
            m++;
            if (days.contains(t.time(s).atZone(zone).toLocalDate())) {
                onDays += err;
                n++;
            }
        }
        return String.format(
                Locale.ROOT,
                "forecast MAE on the %d event days: %.1f (%d intervals); on all intervals: %.1f",
                days.size(),
                n == 0 ? Double.NaN : onDays / n,
                n,
                m == 0 ? Double.NaN : all / m);
    }
}
