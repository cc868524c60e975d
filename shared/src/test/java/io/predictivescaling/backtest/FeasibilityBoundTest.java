package io.predictivescaling.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FeasibilityBoundTest {
    final BacktestConfig config = BacktestConfig.defaults(10);

    @Test
    void floorsThatKnowTheFutureMeetTheTargetMoreCheaplyThanForecasts() {
        Trace trace = BacktestTest.trace();
        List<FeasibilityBound.Bound> bounds = FeasibilityBound.of(trace, config, 0.005);
        double forecastCost = BacktestTest.defaultRun().policies().get("predictive").costVsOracle();

        assertThat(bounds).hasSize(5);
        FeasibilityBound.Bound exact = bounds.get(0);
        assertThat(exact.knows()).isEqualTo("the interval's own demand");
        assertThat(exact.underProvisionedFraction()).isLessThanOrEqualTo(0.005);
        assertThat(bounds).allSatisfy(b -> {
            assertThat(b.underProvisionedFraction()).isLessThanOrEqualTo(0.005);
            assertThat(b.costVsOracle()).as("looking ahead beats forecasting: " + b.describe())
                    .isLessThan(forecastCost)
                    .isGreaterThanOrEqualTo(exact.costVsOracle() - 0.005);
        });
        assertThat(exact.describe()).contains("cost").contains("x oracle");
    }

    @Test
    void theLocalLevelIsTheMedianAroundEachIntervalAndSkipsGaps() {
        double[] level = FeasibilityBound.centeredMedian(new double[] {1, Double.NaN, 9, 4, 100}, 1);

        assertThat(level).containsExactly(1, 5, 6.5, 9, 52);
    }
}
