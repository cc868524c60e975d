package io.predictivescaling.backtest;

import java.util.Map;

/**
 * A backtest's outcome: per-policy totals and the per-interval timeline.
 *
 * @param policies {@code reactive}, {@code predictive}, {@code oracle}
 */
public record BacktestResult(Trace trace, BacktestConfig config, Map<String, PolicyStats> policies,
                             Timeline timeline) {

    /**
     * @param underProvisionedFraction intervals (with data) whose demand exceeded capacity x unit
     * @param unservedDemandFraction the share of demand above capacity x unit
     * @param capacityUnitHours units provisioned x hours
     * @param costVsOracle capacity-unit-hours relative to the oracle's
     */
    public record PolicyStats(double underProvisionedFraction, double unservedDemandFraction,
                              double capacityUnitHours, double costVsOracle) {
    }

    /**
     * Per interval; NaN where there is no demand data or no prediction.
     *
     * @param sizing the sizing the predictive policy was planning with when the interval began ("" without one)
     */
    public record Timeline(double[] demand, double[] predicted, double[] lower, double[] upper, int[] floor,
                           int[] reactive, int[] predictive, int[] oracle, String[] sizing) {

        /** Share of intervals planned under each sizing, in order of first use. */
        public java.util.Map<String, Double> sizingShares() {
            java.util.Map<String, Double> shares = new java.util.LinkedHashMap<>();
            for (String z : sizing) {
                if (!z.isEmpty()) {
                    shares.merge(z, 1.0 / sizing.length, Double::sum);
                }
            }
            return shares;
        }
    }
}
