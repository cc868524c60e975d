package io.predictivescaling.sentiment;

import io.predictivescaling.common.Stats;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * Detects a keyword starting to trend from its mention volume, one interval at a time (walk-forward).
 *
 * <p>The baseline is robust and slow: the median and MAD of the last day's volumes (so yesterday's burst does
 * not become today's normal for long, and one spike moves nothing), its spread never below what Poisson counts
 * of that median vary by from chance alone. The signal is velocity: the volume of the
 * last few intervals against that baseline, on a log scale so that quiet keywords and loud ones are judged
 * alike. A trend starts with a jump above {@code threshold} robust deviations, or a climb above 60% of it
 * sustained for {@code sustain} consecutive intervals; it fires once at its onset, then not again until the
 * volume has settled back below half the threshold.
 */
public final class TrendDetector {
    /** A climb counts from this share of the threshold, when it lasts {@code sustain} intervals. */
    static final double RAMP_SHARE = 0.6;

    private final int baselineIntervals;
    private final int velocityIntervals;
    private final int sustain;
    private final double threshold;
    private final ArrayDeque<Double> history = new ArrayDeque<>();
    private final ArrayDeque<Double> recent = new ArrayDeque<>();
    private int above;
    private boolean trending;

    /**
     * @param baselineIntervals the baseline window (a day of 5-minute intervals: 288)
     * @param velocityIntervals how many recent intervals the velocity sums (3 = 15 minutes)
     * @param sustain consecutive intervals the score must stay above the threshold
     * @param threshold the robust score (log velocity in MADs above the baseline median) that counts as trending
     */
    public TrendDetector(int baselineIntervals, int velocityIntervals, int sustain, double threshold) {
        this.baselineIntervals = baselineIntervals;
        this.velocityIntervals = velocityIntervals;
        this.sustain = sustain;
        this.threshold = threshold;
    }

    /** Defaults for 5-minute mention counts: a day's baseline, the latest interval, a climb of 4 intervals. */
    public static TrendDetector forFiveMinutes() {
        return new TrendDetector(288, 1, 4, 4.0);
    }

    /** The detector's verdict on one interval. */
    public record Reading(double score, double hype, boolean fires, boolean trending) {}

    /** Feeds the next interval's mention count (NaN for a gap: nothing is learned or decided from it). */
    public Reading next(double volume) {
        if (Double.isNaN(volume) || volume < 0) {
            return new Reading(0, 0, false, trending);
        }
        double logVolume = Math.log1p(volume);
        recent.addLast(logVolume);
        if (recent.size() > velocityIntervals) {
            recent.removeFirst();
        }
        double score = 0;
        if (history.size() >= Math.min(baselineIntervals, 36)) {
            double[] base = history.stream().mapToDouble(Double::doubleValue).toArray();
            double median = Stats.median(base);
            double mad = Stats.robustSigma(base);
            double level =
                    recent.stream().mapToDouble(Double::doubleValue).average().orElse(median);
            // Counts are Poisson at the least: for a keyword with mostly no post an interval the median and MAD are
            // 0, and one post looked like a trend. log1p of a count around m varies by about sqrt(m) / (m + 1) from
            // chance alone; half of that floors the spread (enough to ignore chance, small enough that ten times the
            // usual for half an hour still fires; it binds only below a few dozen posts an interval).
            double m = Math.expm1(median);
            double chance = 0.5 * Math.sqrt(Math.max(m, 1)) / (m + 1);
            score = (level - median) / Math.max(Math.max(mad, chance), 0.05);
        }
        // Two ways to start trending: a jump far above the baseline at once, or a climb that stays well above
        // it for several intervals (the ramp before a peak, which is where the lead time comes from).
        above = score > RAMP_SHARE * threshold ? above + 1 : 0;
        boolean fires = false;
        if (!trending && (score > threshold || above >= sustain)) {
            trending = true;
            fires = true;
        } else if (trending && score < threshold / 2) {
            trending = false;
        }
        // Trending intervals feed the baseline too, but only at the baseline's edge, so a long burst does
        // not silently become normal within the hour.
        history.addLast(trending ? Math.min(logVolume, upperEdge()) : logVolume);
        if (history.size() > baselineIntervals) {
            history.removeFirst();
        }
        double hype = score <= 0 ? 0 : 1 - Math.exp(-score / (2 * threshold));
        return new Reading(score, hype, fires, trending);
    }

    private double upperEdge() {
        double[] base = history.stream().mapToDouble(Double::doubleValue).toArray();
        if (base.length == 0) {
            return Double.MAX_VALUE;
        }
        Arrays.sort(base);
        return base[(int) (0.9 * (base.length - 1))];
    }
}
