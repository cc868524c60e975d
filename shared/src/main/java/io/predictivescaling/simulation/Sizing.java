package io.predictivescaling.simulation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How floors are sized: which quantile of the predicted load they cover, at which utilization, and how many whole
 * units on top of each busy hour's need.
 *
 * @param quantile the predicted-load quantile the floors cover (0.8: the P80)
 * @param floorUtilization the utilization the floors are sized for, in (0, 1]
 * @param spare whole units added to each hour the forecast expects load in (0: none)
 */
public record Sizing(double quantile, double floorUtilization, int spare) {
    public Sizing {
        if (spare < 0) {
            throw new IllegalArgumentException("spare units must not be negative, got " + spare);
        }
    }

    /** A sizing without spare units. */
    public Sizing(double quantile, double floorUtilization) {
        this(quantile, floorUtilization, 0);
    }

    /** E.g. "P90 at 80%": the P90 of the predicted load, sized for 80% utilization; "P50 at 80% +2 units". */
    public String label() {
        return String.format(Locale.ROOT, "P%.0f at %.0f%%", 100 * quantile, 100 * floorUtilization)
                + (spare > 0 ? " +" + spare + " units" : "");
    }

    /**
     * What sizing tuning chooses from (the backtest and the Lambdas' sizing tuner use the same): the P80 or P90, sized
     * at the target utilization or a third or two thirds of the way from it to full; and five that put part of the
     * margin in whole spare units instead. Bursts inside an hour need about the same few units at night as at the
     * peak, so a margin only in proportion to the load is too thin when the load is low and too thick when it is
     * high; hindsight floors show the same (the {@code bound} command tunes {@code k x level + b units}). On
     * nasa_http the spare-unit sizings moved the cheapest fixed sizing with at most 0.5% under-provisioned from
     * 1.327x to about 1.29x the oracle's cost; tuning picks them only where the last week says they are cheaper.
     */
    public static List<Sizing> candidates(double targetUtilization) {
        List<Sizing> all = new ArrayList<>();
        double[] utilization = new double[3];
        for (int third = 2; third >= 0; third--) {
            utilization[third] = targetUtilization + third * (1 - targetUtilization) / 3;
            all.add(new Sizing(0.8, utilization[third]));
            all.add(new Sizing(0.9, utilization[third]));
        }
        all.add(new Sizing(0.5, 1.0, 3));
        all.add(new Sizing(0.65, utilization[2], 2));
        all.add(new Sizing(0.8, utilization[2], 2));
        all.add(new Sizing(0.5, utilization[1], 2));
        all.add(new Sizing(0.8, utilization[1], 1));
        return all;
    }
}
