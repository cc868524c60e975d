package io.predictivescaling.simulation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How floors are sized: which quantile of the predicted load they cover, at which utilization.
 *
 * @param quantile the predicted-load quantile the floors cover (0.8: the P80)
 * @param floorUtilization the utilization the floors are sized for, in (0, 1]
 */
public record Sizing(double quantile, double floorUtilization) {
    /** E.g. "P90 at 80%": the P90 of the predicted load, sized for 80% utilization. */
    public String label() {
        return String.format(Locale.ROOT, "P%.0f at %.0f%%", 100 * quantile, 100 * floorUtilization);
    }

    /**
     * What sizing tuning chooses from, cheapest first: the P80 or P90, sized at the target utilization or a third
     * or two thirds of the way from it to full. The backtest and the Lambdas' sizing tuner use the same.
     */
    public static List<Sizing> candidates(double targetUtilization) {
        List<Sizing> all = new ArrayList<>();
        for (int third = 2; third >= 0; third--) {
            double utilization = targetUtilization + third * (1 - targetUtilization) / 3;
            all.add(new Sizing(0.8, utilization));
            all.add(new Sizing(0.9, utilization));
        }
        return all;
    }
}
