package io.predictivescaling.cli.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.predictivescaling.backtest.BacktestConfig;
import io.predictivescaling.backtest.BacktestResult;
import io.predictivescaling.backtest.BacktestResult.PolicyStats;
import io.predictivescaling.backtest.Trace;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** report.html's text around the charts: the notes on the trace, the table, the data the charts get. */
class HtmlReportTest {

    @Test
    void notesOnTheTraceAreAListWithTheTracesWarningsFirst() {
        String without = HtmlReport.render(result(List.of()), Verdict.of(result(List.of()), 0), new ReportOptions());
        BacktestResult noted = result(List.of("2 rows without a number skipped (first: line 7)", "gap <3 h> filled"));
        String with = HtmlReport.render(noted, Verdict.of(noted, 0), new ReportOptions());

        // Four hours of trace: too little to learn from, which the reader is warned of before anything else.
        assertThat(without)
                .contains("<h2>Notes on the trace</h2><ul><li class=\"warning\"><strong>Warning:</strong> only 4h")
                .doesNotContain("rows without a number");
        assertThat(with)
                .contains("<li>2 rows without a number skipped (first: line 7)"
                        + "</li><li>gap &lt;3 h&gt; filled</li></ul>");
    }

    @Test
    void theTableShowsCostAgainstReactiveAndOracleAndPerMonthWithAPrice() {
        BacktestResult r = result(List.of());
        ReportOptions options = new ReportOptions();
        options.unitPrice = 0.1;

        String html = HtmlReport.render(r, Verdict.of(r, 0.1), options);

        assertThat(html)
                .contains("<th>cost vs reactive</th><th>cost vs oracle</th><th>cost per month</th>")
                .contains(
                        "<td data-label=\"cost vs reactive\">+5.0%</td><td data-label=\"cost vs oracle\">1.050&times;")
                // 4 hourly intervals, 105 unit-hours: 26.25 units on average, x 730 h x 0.1 a month.
                .contains("<td data-label=\"cost per month\">1,916.25</td>")
                .contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    }

    @Test
    void theChartGetsEveryIntervalAtFullPrecisionAndTheUnderProvisionedOnes() {
        String json = ChartJson.of(result(List.of()), new ReportOptions());

        assertThat(json)
                .contains("\"demand\":[1234.5678,2000,null,3000.25]")
                .contains("\"reactiveUnder\":[1]")
                .contains("\"predictiveUnder\":[]")
                .contains("\"yTitle\":\"load\"");
    }

    private static BacktestResult result(List<String> notes) {
        Trace trace = new Trace(
                "t.csv",
                Instant.parse("2026-01-01T00:00:00Z"),
                Duration.ofHours(1),
                new double[] {1234.5678, 2000, Double.NaN, 3000.25},
                notes);
        Map<String, PolicyStats> policies = new LinkedHashMap<>();
        policies.put("reactive", new PolicyStats(0.25, 0.01, 100, 1.0));
        policies.put("predictive", new PolicyStats(0, 0, 105, 1.05));
        policies.put("oracle", new PolicyStats(0, 0, 100, 1));
        int[] serving = {20, 10, 20, 40};
        var timeline = new BacktestResult.Timeline(
                trace.demand(),
                new double[4],
                new double[4],
                new double[4],
                new int[4],
                serving,
                new int[] {20, 25, 20, 40},
                serving,
                new String[] {"", "", "", ""},
                serving,
                new int[] {20, 25, 20, 40});
        return new BacktestResult(trace, BacktestConfig.defaults(100), policies, timeline, List.of());
    }
}
