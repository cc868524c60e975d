package io.predictivescaling.cli.backtest;

import io.predictivescaling.backtest.BacktestConfig;
import io.predictivescaling.backtest.BacktestResult;
import io.predictivescaling.backtest.BacktestResult.PolicyStats;
import io.predictivescaling.backtest.DecisionLog;
import io.predictivescaling.events.KnownEvent;
import io.predictivescaling.peers.Peers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * report.html: one self-contained page that opens offline. The verdict first, then the summary table, then the
 * charts drawn with uPlot (its script and stylesheet from the webjar, inlined): load and capacities over time with
 * an overview range selector, a detail view (drag, wheel or pinch to zoom; hover for values) and each policy's
 * under-provisioned intervals marked; and cost against under-provisioning for every sizing the backtest tried.
 * The template is {@code report.html} beside this class; the data is embedded as JSON at full resolution (uPlot
 * itself draws only the min and max of each pixel column).
 */
final class HtmlReport {
    private static final String UPLOT = "META-INF/resources/webjars/uplot/1.6.30/dist/";
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

    private HtmlReport() {}

    /**
     * What the chart marks besides load and capacity, and what the verdict area attributes.
     *
     * @param events the calendar's events (drawn as bands over their window, start to end, UTC)
     * @param decisions the replay's decision log: its {@code trend} rows (the detector fired) and
     *     {@code prepare-for-spike} rows are drawn as lines at their time
     * @param added per signal, the capacity it added ({@link Attribution}); empty: no attribution line
     */
    record Marks(List<KnownEvent> events, List<DecisionLog.Row> decisions, Map<String, Map<String, Object>> added) {
        static final Marks NONE = new Marks(List.of(), List.of(), Map.of());
    }

    static String render(BacktestResult r, Verdict verdict, ReportOptions options) {
        return render(r, verdict, options, Marks.NONE);
    }

    static String render(BacktestResult r, Verdict verdict, ReportOptions options, Marks marks) {
        PolicyStats reactive = r.policies().get("reactive");
        double traceHours = r.trace().size() * r.trace().step().getSeconds() / 3600.0;
        boolean money = options.price() > 0 && traceHours > 0;
        StringBuilder rows = new StringBuilder();
        r.policies().forEach((name, s) -> {
            rows.append(String.format(
                    Locale.ROOT,
                    "<tr><th scope=\"row\">%s<small>%s</small></th><td data-label=\"under-provisioned intervals\">%.3f%%</td>"
                            + "<td data-label=\"unserved demand\">%.3f%%</td><td data-label=\"capacity-unit-hours\">%,.0f</td>"
                            + "<td data-label=\"cost vs reactive\">%s</td><td data-label=\"cost vs oracle\">%.3f&times;</td>",
                    name,
                    POLICY_NOTES.getOrDefault(name, Peers.summary(name)),
                    100 * s.underProvisionedFraction(),
                    100 * s.unservedDemandFraction(),
                    s.capacityUnitHours(),
                    relative(Verdict.costVsReactive(s, reactive)),
                    s.costVsOracle()));
            if (money) {
                rows.append(String.format(
                        Locale.ROOT,
                        "<td data-label=\"cost per month\">%,.2f</td>",
                        s.capacityUnitHours() / traceHours * Verdict.HOURS_PER_MONTH * options.price()));
            }
            rows.append("</tr>\n");
        });
        StringBuilder notes = new StringBuilder();
        if (!r.trace().problems().isEmpty() || !r.trace().warnings().isEmpty()) {
            notes.append("<section id=\"notes\"><h2>Notes on the trace</h2><ul>");
            // Warnings (too little evidence to trust the result) first, then what the reader skipped.
            r.trace()
                    .warnings()
                    .forEach(w -> notes.append("<li class=\"warning\"><strong>Warning:</strong> ")
                            .append(escape(w))
                            .append("</li>"));
            r.trace()
                    .problems()
                    .forEach(p -> notes.append("<li>").append(escape(p)).append("</li>"));
            notes.append("</ul></section>");
        }
        return template()
                .replace("%UPLOT_CSS%", resource(UPLOT + "uPlot.min.css"))
                .replace("%UPLOT_JS%", resource(UPLOT + "uPlot.iife.min.js"))
                .replace("%TITLE%", escape(r.trace().name()))
                .replace("%VERDICT%", escape(verdict.sentence()))
                .replace("%ADDED%", added(marks.added()))
                .replace("%ABOUT%", escape(about(r)))
                .replace("%MONEY_HEAD%", money ? "<th>cost per month</th>" : "")
                .replace("%ROWS%", rows.toString())
                .replace("%NOTES%", notes.toString())
                .replace("%DATA%", ChartJson.of(r, options, marks));
    }

    /** The capacity each signal added, as a list under the verdict (nothing when there is no attribution). */
    static String added(Map<String, Map<String, Object>> added) {
        if (added.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("<div id=\"added\"><p>Capacity each signal added (the same replay run "
                + "without it, each step against the one before):</p><ul>");
        added.forEach((signal, m) -> b.append("<li data-signal=\"")
                .append(escape(signal))
                .append("\">")
                .append(escape(Attribution.line(signal, m)))
                .append("</li>"));
        return b.append("</ul></div>").toString();
    }

    /** The header in plain words: what was replayed and with which settings. */
    static String about(BacktestResult r) {
        var t = r.trace();
        var c = r.config();
        String sizing = r.sizings().size() > 1
                ? "Predictive floors were re-sized every day to the cheapest of "
                        + r.sizings().size()
                        + " sizings that kept the last week's under-provisioning at or below "
                        + pct(c.underObjective()) + " within " + c.costCap()
                        + "x reactive's cost (for bursty load that "
                        + "none covered, " + pct(BacktestConfig.BURSTY_OBJECTIVE) + " within "
                        + Math.min(c.costCap(), BacktestConfig.BURSTY_COST_CAP) + "x). Time spent on each: "
                        + Reports.shares(r).replace("%,", "% of the time,") + " of the time."
                : "Predictive floors were sized " + Reports.shares(r) + ".";
        return String.format(
                Locale.ROOT,
                "%,d intervals of %s from %s to %s (UTC). One capacity unit serves %s of "
                        + "load at the %.0f%% target utilization; new capacity serves %s after it is added. %s "
                        + "(\"P80 at 70%%\": capacity for the forecast's 80th percentile with units at 70%% utilization.)",
                t.size(),
                human(t.step()),
                DAY.format(t.start()),
                DAY.format(t.time(t.size())),
                readable(c.unit() * c.targetUtilization()),
                100 * c.targetUtilization(),
                human(c.warmup()),
                sizing);
    }

    private static String readable(double v) {
        return Math.abs(v) >= 100
                ? String.format(Locale.ROOT, "%,.0f", v)
                : new java.math.BigDecimal(v)
                        .round(new java.math.MathContext(3))
                        .stripTrailingZeros()
                        .toPlainString();
    }

    private static String pct(double fraction) {
        return java.math.BigDecimal.valueOf(100 * fraction).stripTrailingZeros().toPlainString() + "%";
    }

    static String human(java.time.Duration d) {
        long s = d.getSeconds();
        if (s % 86400 == 0) {
            return s / 86400 + (s == 86400 ? " day" : " days");
        }
        if (s % 3600 == 0) {
            return s / 3600 + (s == 3600 ? " hour" : " hours");
        }
        if (s % 60 == 0) {
            return s / 60 + (s == 60 ? " minute" : " minutes");
        }
        return s + " seconds";
    }

    private static String relative(double x) {
        double pct = 100 * (x - 1);
        return Math.abs(pct) < 0.05 ? "same" : String.format(Locale.ROOT, "%+.1f%%", pct);
    }

    private static final Map<String, String> POLICY_NOTES = Map.of(
            "reactive", "target tracking alone",
            "predictive", "planned floors under target tracking",
            "oracle", "perfect foresight: the cost reference");

    private static String template() {
        return resource("io/predictivescaling/cli/backtest/report.html");
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(
                        "missing resource " + name + " (is the uplot webjar on the classpath?)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
