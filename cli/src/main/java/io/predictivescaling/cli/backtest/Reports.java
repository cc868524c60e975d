package io.predictivescaling.cli.backtest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.predictivescaling.backtest.BacktestResult;
import io.predictivescaling.backtest.DecisionLog;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The backtest's output files. */
final class Reports {
    private Reports() {}

    static void writeSummary(Path file, BacktestResult r, String warmup, Verdict verdict, double unitPrice)
            throws IOException {
        writeSummary(file, r, warmup, verdict, unitPrice, Map.of());
    }

    /** @param added per signal, the capacity it added and the under-provisioning before and after ({@link Attribution}) */
    static void writeSummary(
            Path file,
            BacktestResult r,
            String warmup,
            Verdict verdict,
            double unitPrice,
            Map<String, Map<String, Object>> added)
            throws IOException {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("verdict", verdict.sentence());
        summary.put("trace", r.trace().name());
        summary.put("intervalSeconds", r.trace().step().getSeconds());
        summary.put("intervals", r.trace().size());
        summary.put("unit", r.config().unit());
        summary.put("targetUtilization", r.config().targetUtilization());
        summary.put("warmupSeconds", r.config().warmup().getSeconds());
        summary.put("notes", r.trace().problems());
        summary.put("warnings", r.trace().warnings());
        if (unitPrice > 0) {
            summary.put("unitPricePerHour", unitPrice);
        }
        BacktestResult.PolicyStats reactive = r.policies().get("reactive");
        double traceHours = r.trace().size() * r.trace().step().getSeconds() / 3600.0;
        Map<String, Object> policies = new LinkedHashMap<>();
        r.policies().forEach((name, s) -> {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("underProvisionedFraction", s.underProvisionedFraction());
            p.put("unservedDemandFraction", s.unservedDemandFraction());
            p.put("capacityUnitHours", s.capacityUnitHours());
            p.put("costVsOracle", s.costVsOracle());
            p.put("costVsReactive", Verdict.costVsReactive(s, reactive));
            if (unitPrice > 0 && traceHours > 0) {
                p.put("costPerMonth", s.capacityUnitHours() / traceHours * Verdict.HOURS_PER_MONTH * unitPrice);
            }
            if (name.equals("predictive")) {
                p.put("sizingShares", r.timeline().sizingShares());
            }
            policies.put(name, p);
        });
        summary.put("policies", policies);
        if (!added.isEmpty()) {
            summary.put("capacityAddedBySignal", added);
        }
        Map<String, Object> sizings = new LinkedHashMap<>();
        r.sizings()
                .forEach(z -> sizings.put(
                        z.label(),
                        Map.of(
                                "underProvisionedFraction", z.stats().underProvisionedFraction(),
                                "unservedDemandFraction", z.stats().unservedDemandFraction(),
                                "costVsOracle", z.stats().costVsOracle(),
                                "costVsReactive", Verdict.costVsReactive(z.stats(), reactive))));
        summary.put("sizingsAlone", sizings);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), summary);
    }

    static void writeTimeline(Path file, BacktestResult r) throws IOException {
        writeTimeline(file, r, null);
    }

    /**
     * @param log when given, three more columns: {@code hype} (of the mentions, empty without --social),
     *     {@code eventFactor} and {@code socialFactor} (what events and the social signal multiplied the forecast
     *     behind the interval's floor by)
     */
    static void writeTimeline(Path file, BacktestResult r, DecisionLog log) throws IOException {
        BacktestResult.Timeline t = r.timeline();
        double[] hype = log == null ? null : log.hype();
        double[] eventFactor = log == null ? null : log.eventFactor();
        double[] socialFactor = log == null ? null : log.socialFactor();
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write("timestamp,demand,predicted,floor,reactiveCapacity,predictiveCapacity,oracleCapacity,lower,upper,"
                    + "sizing" + (log == null ? "" : ",hype,eventFactor,socialFactor"));
            out.newLine();
            for (int s = 0; s < t.demand().length; s++) {
                out.write(
                        r.trace().time(s) + "," + num(t.demand()[s]) + "," + num(t.predicted()[s]) + "," + t.floor()[s]
                                + "," + t.reactive()[s] + "," + t.predictive()[s] + "," + t.oracle()[s] + ","
                                + num(t.lower()[s]) + "," + num(t.upper()[s]) + "," + t.sizing()[s]
                                + (log == null
                                        ? ""
                                        : "," + num(hype[s]) + "," + num(eventFactor[s]) + "," + num(socialFactor[s])));
                out.newLine();
            }
        }
    }

    /** "P80 at 70% 12%, P90 at 90% 88%": how long each sizing was in use. */
    static String shares(BacktestResult r) {
        StringBuilder b = new StringBuilder();
        r.timeline()
                .sizingShares()
                .forEach((label, share) -> b.append(b.length() == 0 ? "" : ", ")
                        .append(String.format(Locale.ROOT, "%s %.0f%%", label, 100 * share)));
        return b.length() == 0 ? "as given" : b.toString();
    }

    /** Full precision (the shortest decimal that reads back as the same double), never exponent notation. */
    static String num(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        if (Double.isInfinite(v)) {
            return Double.toString(v);
        }
        return v == 0
                ? "0"
                : java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    static void writeHtml(Path file, BacktestResult r, Verdict verdict, ReportOptions options, HtmlReport.Marks marks)
            throws IOException {
        Files.writeString(file, HtmlReport.render(r, verdict, options, marks));
    }

    static void writePng(Path file, BacktestResult r, Verdict verdict, ReportOptions options) throws IOException {
        PngChart.write(file, r, verdict, options);
    }
}
