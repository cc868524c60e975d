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
        BacktestResult r = result(100, new PolicyStats(0.01, 0.001, 1000, 1.1), new PolicyStats(0.02, 0, 950, 1.05));

        String s = Verdict.of(r, 0).sentence();

        assertThat(s)
                .contains("raised under-provisioned intervals (from 1.00% to 2.00%)")
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
