package io.predictivescaling.backtest;

import java.util.Map;

/**
 * A backtest's outcome: per-policy totals and the per-interval timeline.
 *
 * @param policies {@code reactive}, {@code predictive}, {@code oracle}, then each open peer replayed alongside
 *     ({@code aws-predictive}, {@code crane-dsp}, {@code phpa-holt-winters}; only with {@link Backtest#withPeers})
 * @param sizings each sizing the predictive policy could plan with, replayed alone over the whole trace (empty when
 *     floors were given rather than planned), in the order the backtest tried them
 */
public record BacktestResult(
        Trace trace,
        BacktestConfig config,
        Map<String, PolicyStats> policies,
        Timeline timeline,
        java.util.List<SizingOutcome> sizings) {

    /**
     * How one sizing would have done had it planned every floor of the trace.
     *
     * @param label e.g. {@code P80 at 70%}: the forecast quantile covered and the utilization units are sized for
     * @param stats under-provisioning and cost, as for the policies (cost relative to the oracle)
     */
    public record SizingOutcome(String label, PolicyStats stats) {}

    /**
     * The cheapest sizing (by cost relative to the oracle) that, replayed alone over the whole trace, left at most
     * {@code maxUnder} of the intervals under-provisioned; empty when none did. What the {@code bound} command sets
     * beside the floors that know the future: the capacity a fixed sizing of this forecast needs for the target.
     *
     * @param maxUnder a fraction, e.g. 0.005 for 0.5%
     */
    public java.util.Optional<SizingOutcome> cheapestSizingWithin(double maxUnder) {
        return sizings.stream()
                .filter(z -> z.stats().underProvisionedFraction() <= maxUnder)
                .min(java.util.Comparator.comparingDouble(z -> z.stats().costVsOracle()));
    }

    /**
     * @param underProvisionedFraction intervals (with data) whose demand exceeded capacity x unit
     * @param unservedDemandFraction the share of demand above capacity x unit
     * @param capacityUnitHours units provisioned x hours
     * @param costVsOracle capacity-unit-hours relative to the oracle's
     */
    public record PolicyStats(
            double underProvisionedFraction,
            double unservedDemandFraction,
            double capacityUnitHours,
            double costVsOracle) {}

    /**
     * Per interval; NaN where there is no demand data or no prediction.
     *
     * @param sizing the sizing the predictive policy was planning with when the interval began ("" without one)
     * @param reactiveServing units of the reactive policy that were warm and serving (provisioned minus warm-up)
     * @param predictiveServing the same for the predictive policy; an interval is under-provisioned when its demand
     *     exceeds serving units x unit
     */
    public record Timeline(
            double[] demand,
            double[] predicted,
            double[] lower,
            double[] upper,
            int[] floor,
            int[] reactive,
            int[] predictive,
            int[] oracle,
            String[] sizing,
            int[] reactiveServing,
            int[] predictiveServing) {

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
