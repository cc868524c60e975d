package io.predictivescaling.simulation;

import java.util.List;

/**
 * Picks how to size the planned floors from how each way would have done lately, replayed on the same recent
 * load next to target tracking alone: meet the under-provisioning objective as cheaply as possible, but never
 * spend more than {@code costCap} times what target tracking alone spent; when no sizing meets the objective
 * within that budget, take the one that under-provisions least within it (the budget wins over the objective,
 * because a predictor that cannot see a trace's spikes must not buy its way around them).
 */
public final class SizingChooser {
    /** The under-provisioned fraction tuning aims for by default: 1 interval in 200. */
    public static final double DEFAULT_OBJECTIVE = 0.005;
    /** The most tuning lets a sizing cost by default relative to target tracking alone: 15% more. */
    public static final double DEFAULT_COST_CAP = 1.15;

    /** How one sizing (or target tracking alone) did over the recent window. */
    public record Record(int intervals, int underProvisioned, double unitHours) {
        double underFraction() {
            return intervals == 0 ? 0 : underProvisioned / (double) intervals;
        }
    }

    private final double objective;
    private final double costCap;

    /**
     * @param objective the most intervals, as a fraction, that may be under-provisioned (0.005: 1 in 200)
     * @param costCap the most a sizing may cost relative to target tracking alone (1.15: 15% more)
     */
    public SizingChooser(double objective, double costCap) {
        if (!(objective > 0 && objective < 1) || !(costCap >= 1)) {
            throw new IllegalArgumentException(
                    "objective must be in (0, 1) and costCap at least 1, got " + objective + " and " + costCap);
        }
        this.objective = objective;
        this.costCap = costCap;
    }

    /** The index of the sizing to use next; {@code candidates} are ordered from the cheapest to the safest. */
    public int choose(List<Record> candidates, Record reactive) {
        int best = -1;
        for (int i = 0; i < candidates.size(); i++) {
            Record c = candidates.get(i);
            if (c.unitHours() > costCap * reactive.unitHours() || c.underFraction() > objective) {
                continue;
            }
            if (best < 0 || c.unitHours() < candidates.get(best).unitHours()) {
                best = i;
            }
        }
        if (best >= 0) {
            return best;
        }
        for (int i = 0; i < candidates.size(); i++) {
            Record c = candidates.get(i);
            if (c.unitHours() > costCap * reactive.unitHours()) {
                continue;
            }
            if (best < 0
                    || c.underProvisioned() < candidates.get(best).underProvisioned()
                    || c.underProvisioned() == candidates.get(best).underProvisioned()
                            && c.unitHours() < candidates.get(best).unitHours()) {
                best = i;
            }
        }
        if (best >= 0) {
            return best;
        }
        for (int i = 0; i < candidates.size(); i++) {
            if (best < 0 || candidates.get(i).unitHours() < candidates.get(best).unitHours()) {
                best = i;
            }
        }
        return best;
    }
}
