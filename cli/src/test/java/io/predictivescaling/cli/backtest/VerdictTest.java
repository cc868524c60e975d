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

/** The one sentence that says who won, as a person reads it. */
class VerdictTest {

    @Test
    void saysHowMuchPredictiveCutAndWhatItCostAgainstReactiveInPercentAndMoney() {
        // 730 hours: a month of hourly intervals, so unit-hours are per month.
        BacktestResult r = result(
                730, new PolicyStats(0.0343, 0.0018, 1000, 0.996), new PolicyStats(0.00107, 0.00009, 1048, 1.044));

        Verdict v = Verdict.of(r, 0.5);

        assertThat(v.sentence())
                .isEqualTo("Against reactive scaling (target tracking alone), predictive scaling cut "
                        + "under-provisioned intervals by 97% (from 3.43% to 0.11%) and unserved demand by 95% (from 0.18% "
                        + "to 0.009%), for 4.8% more capacity (+24.00 a month at 0.5 per unit-hour).");
        assertThat(v.costVsReactive()).isEqualTo(1.048);
    }

    @Test
    void aPredictivePolicyThatIsCheaperButWorseSaysSoWithoutMoneyWhenNoPriceIsGiven() {
        BacktestResult r = result(1000, new PolicyStats(0.01, 0.001, 1000, 1.1), new PolicyStats(0.04, 0, 950, 1.05));

        String s = Verdict.of(r, 0).sentence();

        assertThat(s)
                .contains("raised under-provisioned intervals (from 1.00% to 4.00%)")
                .contains("cut unserved demand from 0.10% to none")
                .endsWith("for 5.0% less capacity.")
                .doesNotContain("a month");
    }

    @Test
    void nothingUnderProvisionedOnEitherSideIsSaidPlainly() {
        BacktestResult r = result(100, new PolicyStats(0, 0, 1000, 1), new PolicyStats(0, 0, 1000, 1));

        assertThat(Verdict.of(r, 0).sentence())
                .isEqualTo("Against reactive scaling (target tracking alone), "
                        + "predictive scaling changed nothing here (neither left an interval under-provisioned), at the same "
                        + "capacity cost.");
    }

    @Test
    void aCutThatLeavesSomethingNeverReadsAsAHundredOrZeroPercentAndAHairCheaperIsNoMinusZero() {
        // A day of 5-minute data as a 1-day trace gave: "unserved demand by 100% (from 1.33% to 0.002%)".
        BacktestResult nearlyAll = result(
                730,
                new PolicyStats(0.059, 0.013335599715672029, 1000, 1.1),
                new PolicyStats(0.0035, 2.0088388911208618e-05, 999.99999, 1.1));

        String s = Verdict.of(nearlyAll, 0.05).sentence();

        assertThat(s)
                .contains("unserved demand by 99.8% (from 1.33% to 0.002%)")
                .doesNotContain("100%")
                .endsWith("at the same capacity cost (0.00 a month at 0.05 per unit-hour).")
                .doesNotContain("-0.00");

        // 14,400 one-minute intervals: one interval fewer of 398 under-provisioned is no "cut by 0%".
        BacktestResult oneFewer = result(
                100,
                new PolicyStats(398 / 14400.0, 0.0100, 1000, 1.1),
                new PolicyStats(397 / 14400.0, 0.0099, 1010, 1.1));

        assertThat(Verdict.of(oneFewer, 0).sentence())
                .contains("left under-provisioned intervals about unchanged at 2.76%")
                .contains("cut unserved demand by 1% (from 1.00% to 0.99%)")
                .doesNotContain("by 0%");
    }

    @Test
    void aFewIntervalsApartIsNoCutButNoClearDifference() {
        // White noise around a mean, 14 days of 5-minute data: 14 against 10 of 4,032 intervals read as
        // "cut under-provisioned intervals by 29% (from 0.35% to 0.25%) and unserved demand by 49%".
        BacktestResult noise = result(
                4032,
                new PolicyStats(14 / 4032.0, 0.0002, 8605, 1.09),
                new PolicyStats(10 / 4032.0, 0.0001, 8620, 1.09));

        assertThat(Verdict.of(noise, 0).sentence())
                .isEqualTo("Against reactive scaling (target tracking alone), predictive scaling made no clear "
                        + "difference here: it left 10 of 4,032 intervals under-provisioned (unserved demand 0.01%) "
                        + "against reactive's 14 (0.02%), too few apart to tell from chance, for 0.2% more capacity.")
                .doesNotContain("cut");

        // One interval of 576 (exactly 2 days) is no "cut from 0.17% to none" worth 17% more capacity.
        BacktestResult one =
                result(576, new PolicyStats(1 / 576.0, 0.000017, 777, 1.05), new PolicyStats(0, 0, 910, 1.2));
        assertThat(Verdict.of(one, 0).sentence())
                .contains("made no clear difference here: it left none of 576 intervals under-provisioned")
                .contains("against reactive's 1 (0.0017%)")
                .doesNotContain("cut");

        // Gaps are not intervals: 14 against 4 of 1,000 with data is a cut, whatever the trace's length.
        Trace gappy = new Trace(
                "t.csv", Instant.parse("2026-01-01T00:00:00Z"), Duration.ofHours(1), gaps(2000, 1000), List.of());
        Map<String, PolicyStats> policies = new LinkedHashMap<>();
        policies.put("reactive", new PolicyStats(0.014, 0.001, 1000, 1));
        policies.put("predictive", new PolicyStats(0.004, 0.0002, 1010, 1));
        BacktestResult cut = new BacktestResult(gappy, BacktestConfig.defaults(10), policies, null, List.of());
        assertThat(Verdict.of(cut, 0).sentence())
                .contains("cut under-provisioned intervals by 71% (from 1.40% to 0.40%)");
    }

    @Test
    void aUnitThatServesTheWholePeakSaysThereIsNothingToScaleNotThatPredictiveChangedNothing() {
        // --unit 1000000 on a trace peaking at 1,089 read "predictive scaling changed nothing here (neither left
        // an interval under-provisioned), at the same capacity cost.": a verdict on a test that could not tell.
        double[] load = new double[336];
        for (int i = 0; i < load.length; i++) {
            load[i] = i % 24 < 8 ? 50 : 1089;
        }
        Trace trace = new Trace("t.csv", Instant.parse("2026-01-01T00:00:00Z"), Duration.ofHours(1), load, List.of());
        Map<String, PolicyStats> policies = new LinkedHashMap<>();
        policies.put("reactive", new PolicyStats(0, 0, 336, 1));
        policies.put("predictive", new PolicyStats(0, 0, 336, 1));
        policies.put("oracle", new PolicyStats(0, 0, 336, 1));
        BacktestResult r = new BacktestResult(trace, BacktestConfig.defaults(1_000_000), policies, null, List.of());

        assertThat(Verdict.of(r, 0).sentence())
                .isEqualTo("Nothing to scale: one capacity unit of 1000000 serves this load's peak (1089) at 70% "
                        + "utilization, so no policy ever needs a second unit and this backtest cannot show what "
                        + "predictive scaling would do; if one unit does not serve all of this load, give the load one "
                        + "unit serves (--unit).")
                .doesNotContain("changed nothing");
    }

    @Test
    void dailyIntervalsAreSaidTooCoarseToJudgeBeforeTheNumbersAndWarned() {
        // 120 days of daily totals read "predictive scaling changed nothing here (neither left an interval
        // under-provisioned), for 0.6% more capacity.", with no warning: a day's peak is not in its total.
        Trace daily = new Trace(
                "d.csv", Instant.parse("2026-01-01T00:00:00Z"), Duration.ofDays(1), new double[120], List.of());
        Map<String, PolicyStats> policies = new LinkedHashMap<>();
        policies.put("reactive", new PolicyStats(0, 0, 71112, 1));
        policies.put("predictive", new PolicyStats(0, 0, 71520, 1.01));
        policies.put("oracle", new PolicyStats(0, 0, 70800, 1));
        BacktestResult r = new BacktestResult(daily, BacktestConfig.defaults(10), policies, null, List.of());

        assertThat(Verdict.of(r, 0).sentence())
                .isEqualTo("On intervals of 24h, too coarse to judge (each hides the peaks within it that scaling "
                        + "acts on: export the metric at 5m or 1h and run again), against reactive scaling (target "
                        + "tracking alone), predictive scaling changed nothing here (neither left an interval "
                        + "under-provisioned), for 0.6% more capacity.");
        assertThat(daily.warnings()).anySatisfy(w -> assertThat(w).startsWith("intervals of 24h (over 1h)"));
        // An hour is fine-grained enough: no word of it.
        assertThat(Verdict.of(result(100, new PolicyStats(0, 0, 1, 1), new PolicyStats(0, 0, 1, 1)), 0)
                        .sentence())
                .startsWith("Against");
    }

    private static double[] gaps(int n, int known) {
        double[] d = new double[n];
        java.util.Arrays.fill(d, known, n, Double.NaN);
        return d;
    }

    private static BacktestResult result(int hours, PolicyStats reactive, PolicyStats predictive) {
        Trace trace = new Trace(
                "t.csv", Instant.parse("2026-01-01T00:00:00Z"), Duration.ofHours(1), new double[hours], List.of());
        Map<String, PolicyStats> policies = new LinkedHashMap<>();
        policies.put("reactive", reactive);
        policies.put("predictive", predictive);
        policies.put("oracle", new PolicyStats(0, 0, 1000, 1));
        return new BacktestResult(trace, BacktestConfig.defaults(10), policies, null, List.of());
    }
}
