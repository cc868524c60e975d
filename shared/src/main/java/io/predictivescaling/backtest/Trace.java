package io.predictivescaling.backtest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A load trace on a regular grid: demand of interval i covers {@code [start + i*step, start + (i+1)*step)}.
 * NaN is a gap (no data), never zero.
 *
 * @param problems what the reader found and how it handled it (bad rows, duplicates, gaps), for the report
 */
public record Trace(String name, Instant start, Duration step, double[] demand, List<String> problems) {

    /** Under this much history the forecast has too little to learn from (two daily cycles). */
    public static final Duration SHORT_HISTORY = Duration.ofDays(2);
    /** Above this share of empty intervals the result says little about the policies. */
    public static final double MANY_GAPS = 0.2;

    /**
     * What makes a backtest on this trace weak evidence (under two days of data, over 20% gaps): it still
     * runs, and these go to the console, {@code summary.json} ({@code warnings}) and the report.
     */
    public List<String> warnings() {
        List<String> warnings = new java.util.ArrayList<>();
        if (tooShortToJudge()) {
            warnings.add("only " + spanText()
                    + " of data (under 2 days): the forecast has too little history to learn daily patterns from, "
                    + "so the predictive result says little; " + SHORT_HISTORY_FIX);
        }
        if (tooCoarseToJudge()) {
            warnings.add("intervals of " + stepText() + " (over 1h): " + COARSE_STEP_FIX);
        }
        long gaps = java.util.Arrays.stream(demand).filter(Double::isNaN).count();
        if (demand.length > 0 && gaps > MANY_GAPS * demand.length) {
            warnings.add(String.format(
                    java.util.Locale.ROOT,
                    "%.0f%% of the %d intervals are gaps (over 20%%): the "
                            + "result rests on the intervals that have data",
                    100.0 * gaps / demand.length,
                    demand.length));
        }
        return warnings;
    }

    /** What to do about a trace under {@link #SHORT_HISTORY}, as the warning and the verdict say it. */
    public static final String SHORT_HISTORY_FIX =
            "export at least 2 weeks of the metric (backtest --cloudwatch ... --days 14) and run again";

    /** What is wrong with, and what to do about, intervals over an hour, as the warning and the verdict say it. */
    public static final String COARSE_STEP_FIX = "each interval's load is one number, so the peaks within it that "
            + "scaling acts on are not seen and the result says little; export the metric at 5m or 1h "
            + "(backtest --cloudwatch ... --period 5m) and run again";

    /**
     * Whether the step is over an hour (daily totals, say): scaling acts within the hour, so a backtest on such
     * intervals cannot see the peaks it is about, which the warnings and the backtest's verdict say.
     */
    public boolean tooCoarseToJudge() {
        return step.compareTo(Duration.ofHours(1)) > 0;
    }

    /** The step as a person reads it: "24h", "2h30m". */
    public String stepText() {
        return step.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
    }

    /** The time the trace covers: its intervals times its step, gaps included. */
    public Duration span() {
        return step.multipliedBy(demand.length);
    }

    /** The span as a person reads it: "24h", "1h30m". */
    public String spanText() {
        return span().toString().substring(2).toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Whether the trace covers under {@link #SHORT_HISTORY} (two daily cycles): too little to judge predictive
     * scaling on, which the warnings and the backtest's verdict say first.
     */
    public boolean tooShortToJudge() {
        return span().compareTo(SHORT_HISTORY) < 0;
    }

    public int size() {
        return demand.length;
    }

    public Instant time(int i) {
        // Whole-second steps (every real one) skip Duration.multipliedBy, which multiplies through BigDecimal: the
        // same instant, without what was a fifth of a scenario replay's CPU.
        return step.getNano() == 0
                ? start.plusSeconds(Math.multiplyExact(step.getSeconds(), (long) i))
                : start.plus(step.multipliedBy(i));
    }

    /** How many capacity units the trace's 99th percentile needs at the default unit. */
    public static final int DEFAULT_UNITS_AT_P99 = 20;
    /** What the CLI's help says the default unit is. */
    public static final String DEFAULT_UNIT_HELP = "the trace's 99th percentile / " + DEFAULT_UNITS_AT_P99;

    /**
     * The load one capacity unit serves when none is given ({@code --unit}): the 99th percentile over
     * {@link #DEFAULT_UNITS_AT_P99}, so the busy intervals need about 20 units and rounding stays small; a tiny
     * positive number for a trace without load.
     */
    public double defaultUnit() {
        return Math.max(1e-9, percentile(0.99) / DEFAULT_UNITS_AT_P99);
    }

    public double percentile(double q) {
        double[] known = java.util.Arrays.stream(demand)
                .filter(v -> !Double.isNaN(v))
                .sorted()
                .toArray();
        if (known.length == 0) {
            return 0;
        }
        return known[(int) Math.min(known.length - 1, Math.floor(q * (known.length - 1)))];
    }

    /** The first {@code n} intervals: what the backtest would have seen had the trace ended there. */
    public Trace cut(int n) {
        return new Trace(name, start, step, java.util.Arrays.copyOf(demand, n), problems);
    }
}
