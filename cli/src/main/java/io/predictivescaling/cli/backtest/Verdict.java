package io.predictivescaling.cli.backtest;

import io.predictivescaling.backtest.BacktestResult;
import io.predictivescaling.backtest.BacktestResult.PolicyStats;
import io.predictivescaling.backtest.Trace;
import java.util.Locale;

/**
 * Who won the backtest, in one plain sentence: how much predictive scaling cut under-provisioned intervals and
 * unserved demand against reactive scaling (target tracking alone), and what it cost against it, in percent and,
 * with a unit price, in money per month. The same sentence is printed, written to summary.json and shown at the
 * top of report.html. A trace under two days ({@link Trace#tooShortToJudge()}) is said to be too little to judge, with
 * what to do, before the numbers.
 *
 * @param sentence the verdict
 * @param costVsReactive predictive capacity-unit-hours over reactive's (1.048: 4.8% more)
 * @param extraPerMonth what predictive costs more (negative: less) than reactive per 730-hour month at the unit
 *     price; NaN without a price
 */
record Verdict(String sentence, double costVsReactive, double extraPerMonth) {
    /** AWS prices a month as 730 hours. */
    static final double HOURS_PER_MONTH = 730;

    /**
     * @param unitPrice price of one capacity unit per hour (any currency); 0 or less leaves money out
     */
    static Verdict of(BacktestResult r, double unitPrice) {
        PolicyStats reactive = r.policies().get("reactive");
        PolicyStats predictive = r.policies().get("predictive");
        double costVsReactive = costVsReactive(predictive, reactive);
        double traceHours = r.trace().size() * r.trace().step().getSeconds() / 3600.0;
        double extraPerMonth = unitPrice > 0 && traceHours > 0
                ? (predictive.capacityUnitHours() - reactive.capacityUnitHours())
                        / traceHours
                        * HOURS_PER_MONTH
                        * unitPrice
                : Double.NaN;
        String under = change(
                "under-provisioned intervals",
                reactive.underProvisionedFraction(),
                predictive.underProvisionedFraction());
        String unserved =
                change("unserved demand", reactive.unservedDemandFraction(), predictive.unservedDemandFraction());
        String cost;
        double pct = 100 * (costVsReactive - 1);
        if (Math.abs(pct) < 0.05) {
            cost = "at the same capacity cost";
        } else {
            cost = String.format(Locale.ROOT, "for %.1f%% %s capacity", Math.abs(pct), pct > 0 ? "more" : "less");
        }
        if (!Double.isNaN(extraPerMonth)) {
            cost += String.format(
                    Locale.ROOT,
                    " (%s%,.2f a month at %s per unit-hour)",
                    // What prints as 0.00 has no sign: not "-0.00" for a hair less.
                    Math.abs(extraPerMonth) < 0.005 ? "" : extraPerMonth > 0 ? "+" : "-",
                    Math.abs(extraPerMonth),
                    plain(unitPrice));
        }
        // Under two days the numbers say little, and the sentence says so before them, with what to do.
        String lead = r.trace().tooShortToJudge()
                ? "Too little history to judge (" + r.trace().spanText() + ", under 2 days): " + Trace.SHORT_HISTORY_FIX
                        + ". On these " + r.trace().spanText() + ", against"
                : "Against";
        // Intervals over an hour hide the peaks scaling acts on: said before the numbers, as a short trace is.
        if (r.trace().tooCoarseToJudge()) {
            lead = "On intervals of " + r.trace().stepText() + ", too coarse to judge (each hides the peaks within it "
                    + "that scaling acts on: export the metric at 5m or 1h and run again), "
                    + lead.substring(0, 1).toLowerCase(Locale.ROOT) + lead.substring(1);
        }
        // A unit that serves the whole peak (--unit in the wrong units, e.g. per second for a per-minute trace)
        // leaves nothing to scale: "changed nothing" would read as a verdict on predictive scaling.
        double peak = java.util.Arrays.stream(r.trace().demand())
                .filter(d -> !Double.isNaN(d))
                .max()
                .orElse(0);
        double unit = r.config().unit();
        double target = r.config().targetUtilization();
        if (peak > 0 && Math.ceil(peak / (target * unit) - 1e-9) <= 1) {
            return new Verdict(
                    String.format(
                            Locale.ROOT,
                            "Nothing to scale: one capacity unit of %s serves this load's peak (%s) at %s%% "
                                    + "utilization, so no policy ever needs a second unit and this backtest cannot show "
                                    + "what predictive scaling would do; if one unit does not serve all of this load, "
                                    + "give the load one unit serves (--unit)%s.",
                            plain(unit),
                            new java.math.BigDecimal(peak)
                                    .round(new java.math.MathContext(4))
                                    .stripTrailingZeros()
                                    .toPlainString(),
                            plain(Math.round(1000 * target) / 10.0),
                            r.trace().tooShortToJudge()
                                    ? "; and " + r.trace().spanText() + " is too little history to judge (under 2 "
                                            + "days): " + Trace.SHORT_HISTORY_FIX
                                    : ""),
                    costVsReactive,
                    extraPerMonth);
        }
        if (reactive.underProvisionedFraction() == 0 && predictive.underProvisionedFraction() == 0) {
            return new Verdict(
                    lead + " reactive scaling (target tracking alone), predictive scaling changed nothing "
                            + "here (neither left an interval under-provisioned), " + cost + ".",
                    costVsReactive,
                    extraPerMonth);
        }
        // Fractions of the intervals with data, back to counts: a few intervals apart is chance, not a cut.
        long known = java.util.Arrays.stream(r.trace().demand())
                .filter(d -> !Double.isNaN(d))
                .count();
        long underBefore = Math.round(reactive.underProvisionedFraction() * known);
        long underAfter = Math.round(predictive.underProvisionedFraction() * known);
        if (underBefore != underAfter && tooFewApart(underBefore, underAfter)) {
            return new Verdict(
                    String.format(
                            Locale.ROOT,
                            "%s reactive scaling (target tracking alone), predictive scaling made no clear difference "
                                    + "here: it left %s of %,d intervals under-provisioned (unserved demand %s) against "
                                    + "reactive's %s (%s), too few apart to tell from chance, %s.",
                            lead,
                            underAfter == 0 ? "none" : String.format(Locale.ROOT, "%,d", underAfter),
                            known,
                            percent(predictive.unservedDemandFraction()),
                            underBefore == 0 ? "none" : String.format(Locale.ROOT, "%,d", underBefore),
                            percent(reactive.unservedDemandFraction()),
                            cost),
                    costVsReactive,
                    extraPerMonth);
        }
        String sentence = lead + " reactive scaling (target tracking alone), predictive scaling " + under + " and "
                + (under.startsWith("cut ") && unserved.startsWith("cut ") ? unserved.substring(4) : unserved) + ", "
                + cost + ".";
        return new Verdict(sentence, costVsReactive, extraPerMonth);
    }

    /**
     * Whether two counts of under-provisioned intervals are within chance of each other: the difference is under
     * twice its standard deviation were each interval as likely to fall to either policy ({@code |a - b| < 2
     * sqrt(a + b)}): 14 against 10, or 1 against none, is no cut; 62 against 8 is.
     */
    static boolean tooFewApart(long a, long b) {
        return Math.abs(a - b) < 2 * Math.sqrt(a + b);
    }

    static double costVsReactive(PolicyStats policy, PolicyStats reactive) {
        return reactive.capacityUnitHours() == 0 ? 1 : policy.capacityUnitHours() / reactive.capacityUnitHours();
    }

    /** "cut under-provisioned intervals by 97% (from 3.43% to 0.11%)", or what happened instead. */
    private static String change(String what, double before, double after) {
        String fromTo = String.format(Locale.ROOT, "(from %s to %s)", percent(before), percent(after));
        if (before == 0 && after == 0) {
            return "left no " + what.replace("intervals", "interval") + " (neither did reactive)";
        }
        if (after == 0) {
            return String.format(Locale.ROOT, "cut %s from %s to none", what, percent(before));
        }
        if (after == before) {
            return "left " + what + " unchanged at " + percent(after);
        }
        if (percent(after).equals(percent(before))) {
            // Shares that print alike (2.7708% and 2.7639% on 14,400 intervals) read as such, not "cut by 0%".
            return "left " + what + " about unchanged at " + percent(after);
        }
        if (after < before) {
            return String.format(Locale.ROOT, "cut %s by %s %s", what, share(1 - after / before), fromTo);
        }
        return "raised " + what + " " + fromTo;
    }

    /**
     * A cut as a whole percent, except where that would misstate it: a cut that leaves something is never "100%"
     * (99.85% reads as "99.8%", over 99.95% as "over 99.9%") and a cut is never "0%" (0.3% reads as "0.3%").
     */
    private static String share(double fraction) {
        double pct = 100 * fraction;
        if (pct >= 99.95) {
            return "over 99.9%";
        }
        if (pct >= 99.5 || pct < 0.5) {
            return String.format(Locale.ROOT, "%.1f%%", Math.max(pct, 0.1));
        }
        return String.format(Locale.ROOT, "%.0f%%", pct);
    }

    private static String percent(double fraction) {
        double pct = 100 * fraction;
        if (pct == 0 || pct >= 0.1) {
            return String.format(Locale.ROOT, "%.2f%%", pct);
        }
        // Small shares keep two significant digits: 0.0090% reads as 0.009%, not 0.01% or 0.00%.
        return new java.math.BigDecimal(pct)
                        .round(new java.math.MathContext(2))
                        .stripTrailingZeros()
                        .toPlainString() + "%";
    }

    private static String plain(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
