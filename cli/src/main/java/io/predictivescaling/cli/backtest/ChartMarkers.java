package io.predictivescaling.cli.backtest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.predictivescaling.backtest.BacktestResult;
import io.predictivescaling.backtest.DecisionLog;
import io.predictivescaling.events.KnownEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * What the chart marks with a vertical line: each event's start (from the calendar replayed) and each trend the
 * detector started (from the decision log), so a raise can be read against the signal that caused it.
 *
 * @param t epoch milliseconds
 * @param kind {@code event} or {@code trend}
 * @param label the event's type and name, or the trend's mentions
 */
record ChartMarkers(long t, String kind, String label) {

    static List<ChartMarkers> of(BacktestResult r, DecisionLog log) {
        List<ChartMarkers> marks = new ArrayList<>();
        for (KnownEvent e : r.config().events()) {
            if (!e.end().isBefore(r.trace().start()) && e.start().isBefore(r.trace().time(r.trace().size()))) {
                marks.add(new ChartMarkers(e.start().toEpochMilli(), "event", e.type() + " '" + e.name() + "'"));
            }
        }
        if (log != null) {
            log.rows().stream().filter(x -> x.kind().equals("trend"))
                    .forEach(x -> marks.add(new ChartMarkers(x.time().toEpochMilli(), "trend", x.seen())));
        }
        return marks;
    }

    static String json(List<ChartMarkers> marks) {
        try {
            // Escaped for a <script> block: no "</script>" can close it early.
            return new ObjectMapper().writeValueAsString(marks).replace("<", "\\u003c");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
