package io.predictivescaling.cli.backtest;

import io.predictivescaling.backtest.BacktestResult;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * The data report.html draws, as a JSON object: every interval of the timeline (no thinning; the chart keeps each
 * pixel column's min and max), capacities in units (the page multiplies by {@code unit}, the load one unit serves
 * at 100% utilization), the intervals each policy left under-provisioned, and each sizing's cost and
 * under-provisioning when replayed alone.
 */
final class ChartJson {
    private ChartJson() {}

    static String of(BacktestResult r, ReportOptions options) {
        return of(r, options, HtmlReport.Marks.NONE);
    }

    /**
     * @param marks also written: {@code events} ({@code start}, {@code end} in epoch seconds and a {@code label}:
     *     each calendar event that touches the trace), {@code trends} and {@code spikes} ({@code at} and a
     *     {@code label}: the decision log's trend detections and PrepareForSpike notes)
     */
    static String of(BacktestResult r, ReportOptions options, HtmlReport.Marks marks) {
        BacktestResult.Timeline t = r.timeline();
        BacktestResult.PolicyStats reactive = r.policies().get("reactive");
        BacktestResult.PolicyStats predictive = r.policies().get("predictive");
        StringBuilder b = new StringBuilder(64 * t.demand().length + 1024);
        b.append("{\"start\":")
                .append(r.trace().start().getEpochSecond())
                .append(",\"step\":")
                .append(r.trace().step().getSeconds())
                .append(",\"unit\":")
                .append(number(r.config().unit()))
                .append(",\"yTitle\":")
                .append(string(options.axisTitle()));
        array(b, "demand", t.demand(), false);
        array(b, "predicted", t.predicted(), true);
        array(b, "lower", t.lower(), true);
        array(b, "upper", t.upper(), true);
        array(b, "reactive", t.reactive());
        array(b, "predictive", t.predictive());
        array(b, "oracle", t.oracle());
        under(b, "reactiveUnder", t.demand(), t.reactiveServing(), r.config().unit());
        under(
                b,
                "predictiveUnder",
                t.demand(),
                t.predictiveServing(),
                r.config().unit());
        b.append(",\"reactivePoint\":{\"under\":")
                .append(number(reactive.underProvisionedFraction()))
                .append(",\"cost\":1}");
        b.append(",\"asRun\":{\"under\":")
                .append(number(predictive.underProvisionedFraction()))
                .append(",\"cost\":")
                .append(number(Verdict.costVsReactive(predictive, reactive)))
                .append(",\"tuned\":")
                .append(r.sizings().size() > 1)
                .append('}');
        long first = r.trace().start().getEpochSecond();
        long end = r.trace().time(r.trace().size()).getEpochSecond();
        b.append(",\"events\":[");
        String comma = "";
        for (var e : marks.events()) {
            if (e.end().getEpochSecond() >= first && e.start().getEpochSecond() <= end) {
                b.append(comma)
                        .append("{\"start\":")
                        .append(e.start().getEpochSecond())
                        .append(",\"end\":")
                        .append(e.end().getEpochSecond())
                        .append(",\"label\":")
                        .append(string(e.type() + " '" + e.name() + "'"))
                        .append('}');
                comma = ",";
            }
        }
        b.append(']');
        decisions(b, "trends", marks, "trend");
        decisions(b, "spikes", marks, "prepare-for-spike");
        var shares = t.sizingShares();
        b.append(",\"sizings\":[");
        for (int i = 0; i < r.sizings().size(); i++) {
            var z = r.sizings().get(i);
            b.append(i == 0 ? "" : ",")
                    .append("{\"label\":")
                    .append(string(z.label()))
                    .append(",\"under\":")
                    .append(number(z.stats().underProvisionedFraction()))
                    .append(",\"cost\":")
                    .append(number(Verdict.costVsReactive(z.stats(), reactive)))
                    .append(",\"used\":")
                    .append(number(shares.getOrDefault(z.label(), 0.0)))
                    .append('}');
        }
        return b.append("]}").toString();
    }

    private static void decisions(StringBuilder b, String name, HtmlReport.Marks marks, String kind) {
        b.append(",\"").append(name).append("\":[");
        String comma = "";
        for (var row : marks.decisions()) {
            if (row.kind().equals(kind)) {
                String label = kind.equals("trend") ? row.seen() : row.planned();
                b.append(comma)
                        .append("{\"at\":")
                        .append(row.time().getEpochSecond())
                        .append(",\"label\":")
                        .append(string(label))
                        .append('}');
                comma = ",";
            }
        }
        b.append(']');
    }

    private static void array(StringBuilder b, String name, double[] v, boolean rounded) {
        b.append(",\"").append(name).append("\":[");
        for (int i = 0; i < v.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            if (Double.isNaN(v[i]) || Double.isInfinite(v[i])) {
                b.append("null");
            } else {
                // Forecasts are drawn to 6 significant digits; demand exactly as read.
                b.append(
                        rounded
                                ? String.format(Locale.ROOT, "%.6g", v[i]).replaceAll("\\.?0+(e|$)", "$1")
                                : number(v[i]));
            }
        }
        b.append(']');
    }

    private static void array(StringBuilder b, String name, int[] v) {
        b.append(",\"").append(name).append("\":[");
        for (int i = 0; i < v.length; i++) {
            b.append(i == 0 ? "" : ",").append(v[i]);
        }
        b.append(']');
    }

    private static void under(StringBuilder b, String name, double[] demand, int[] serving, double unit) {
        b.append(",\"").append(name).append("\":[");
        boolean first = true;
        for (int s = 0; s < demand.length; s++) {
            if (!Double.isNaN(demand[s]) && demand[s] > serving[s] * unit + 1e-9) {
                b.append(first ? "" : ",").append(s);
                first = false;
            }
        }
        b.append(']');
    }

    /** Shortest exact decimal, no exponent: 59300, 0.107. */
    static String number(double v) {
        return v == 0 ? "0" : BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** A JSON string safe inside a script element. */
    static String string(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || c == '<' || c == '>' || c == '&') {
                b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
