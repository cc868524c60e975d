package io.predictivescaling.sentiment;

import io.predictivescaling.common.Stats;
import io.predictivescaling.forecast.LoadPrediction;
import io.predictivescaling.metrics.RegularSeries;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How much load followed a keyword trending, learned from the target's own history: for each past firing,
 * the busiest hour within three hours after it against the same hours of earlier weeks (the pattern
 * baseline, a median), and when it came. Uplift grows with hype through the origin (least squares). Until feedback has
 * scored this signal its weight is capped, and it grows with the number of past trends seen.
 *
 * <p>The skill gate: the same "busiest of the next hours over its baseline" is also measured at every other hour
 * of the history (away from firings), because it is positive by chance alone (a maximum of noisy ratios). The
 * uplift counts only what firings add beyond that chance level; once {@link #GATE_MIN_TRENDS} past trends have
 * been seen and the load after them is not clearly above the chance level (two standard errors), mentions do not
 * lead this target's load and the uplift is switched off ({@code upliftPerHype} 0, {@code gate} says why).
 *
 * @param upliftPerHype extra load, as a fraction of the baseline, per unit of hype (0 when the gate is shut)
 * @param lag how long after the firing the load peaked (median)
 * @param samples past trends it was learned from (0: the prior)
 * @param gate what the skill gate found, for the reason ("" for the prior or a hand-made impact)
 */
public record SocialImpact(double upliftPerHype, Duration lag, int samples, String gate) {
    /** With no history: a trend at full hype adds 50% within the hour (a cautious prior). */
    public static final SocialImpact PRIOR = new SocialImpact(0.5, Duration.ofMinutes(30), 0);

    static final Duration WINDOW = Duration.ofHours(3);
    static final double MAX_WEIGHT = 0.5;
    /** The gate judges from this many past trends on; with fewer the learned (or prior) uplift applies, capped. */
    public static final int GATE_MIN_TRENDS = 3;

    public SocialImpact(double upliftPerHype, Duration lag, int samples) {
        this(upliftPerHype, lag, samples, "");
    }

    /** Whether the skill gate has switched the uplift off: mentions have not led this target's load. */
    public boolean gatedOff() {
        return samples >= GATE_MIN_TRENDS && upliftPerHype == 0;
    }

    /** @param hourly the target's load, hourly, covering the firings and a week before them */
    public static SocialImpact learn(List<Signal> fired, RegularSeries hourly) {
        int window = (int) WINDOW.toHours();
        // Chance level: the same statistic at hours no firing's window touches.
        boolean[] nearFiring = new boolean[hourly.size()];
        for (Signal s : fired) {
            int at = index(hourly, s.intervalStart());
            for (int h = Math.max(0, at - window); h <= at + window && h < nearFiring.length; h++) {
                nearFiring[h] = true;
            }
        }
        double refSum = 0;
        double refSquares = 0;
        int refCount = 0;
        for (int h = 168; h < hourly.size(); h++) {
            double[] best = bestUplift(hourly, h, window);
            if (!nearFiring[h] && best != null) {
                refSum += best[0];
                refSquares += best[0] * best[0];
                refCount++;
            }
        }
        // Never below zero: a quiet stretch must not make ordinary hours after a firing look like an uplift.
        double chance = refCount == 0 ? 0 : Math.max(0, refSum / refCount);
        double mean = refCount == 0 ? 0 : refSum / refCount;
        double spread = refCount < 2 ? 0 : Math.sqrt(Math.max(0, refSquares / refCount - mean * mean));
        double hh = 0;
        double hu = 0;
        double excess = 0;
        List<Long> lags = new ArrayList<>();
        for (Signal s : fired) {
            int at = index(hourly, s.intervalStart());
            if (at < 168 || at >= hourly.size()) {
                continue;
            }
            double[] best = bestUplift(hourly, at, window);
            if (best != null && s.hype() > 0) {
                hh += s.hype() * s.hype();
                hu += s.hype() * Math.max(0, best[0] - chance);
                excess += best[0] - chance;
                lags.add((long) best[1] * 60);
            }
        }
        if (lags.isEmpty()) {
            return PRIOR;
        }
        int n = lags.size();
        long[] sorted = lags.stream().mapToLong(Long::longValue).sorted().toArray();
        Duration lag = Duration.ofMinutes(sorted[n / 2]);
        double meanExcess = excess / n;
        double standardError = Math.max(0.01, spread / Math.sqrt(n));
        String measured = String.format(
                Locale.ROOT,
                "load after %d past trends %+.0f%% vs %+.0f%% by chance",
                n,
                100 * (meanExcess + chance),
                100 * chance);
        if (n >= GATE_MIN_TRENDS && meanExcess <= 2 * standardError) {
            return new SocialImpact(
                    0, lag, n, "switched off by the skill gate: mentions have not led load (" + measured + ")");
        }
        return new SocialImpact(hu / hh, lag, n, n >= GATE_MIN_TRENDS ? "skill shown: " + measured : measured);
    }

    /** The busiest of hours {@code at .. at + window} over its pattern baseline, and which hour: null if unknown. */
    private static double[] bestUplift(RegularSeries hourly, int at, int window) {
        double[] best = null;
        for (int k = 0; k <= window && at + k < hourly.size(); k++) {
            double base = Stats.sameHourOfEarlierWeeks(hourly.values(), at + k);
            double load = hourly.values()[at + k];
            if (base > 0 && !Double.isNaN(load) && (best == null || load / base - 1 > best[0])) {
                best = new double[] {load / base - 1, k};
            }
        }
        return best;
    }

    /** How much of the learned uplift to trust: capped until feedback scores it, then its confidence. */
    public double weight(double feedbackConfidence) {
        double seen = samples == 0 ? 0.2 : Math.min(1, samples / 5.0);
        return Math.min(MAX_WEIGHT, seen) * feedbackConfidence;
    }

    /**
     * Raises the predictions a trend will reach: from now to its lag plus an hour. The reason names the
     * signal, so feedback can score it as {@code sentiment:<keyword>}.
     */
    public List<LoadPrediction> apply(
            List<LoadPrediction> predictions, Signal trend, double feedbackConfidence, Instant now) {
        // Bounded like every signal: a runaway hype score must not multiply capacity without limit.
        double factor = Math.min(
                io.predictivescaling.events.EventAdjuster.maxUplift(),
                1 + weight(feedbackConfidence) * upliftPerHype * trend.hype());
        Instant until = now.plus(lag).plus(Duration.ofHours(1));
        String note = gatedOff()
                ? String.format(Locale.ROOT, "; social: %s: no uplift, %s", FetchSentimentService.describe(trend), gate)
                : String.format(
                        Locale.ROOT,
                        "; social: %s: %+.0f%% expected (learned from %d past trends, " + "weight %.2f%s)",
                        FetchSentimentService.describe(trend),
                        100 * (factor - 1),
                        samples,
                        weight(feedbackConfidence),
                        gate.isEmpty() ? "" : ", " + gate);
        List<LoadPrediction> out = new ArrayList<>();
        for (LoadPrediction p : predictions) {
            if ((factor > 1 || gatedOff()) && p.forecastTime().isBefore(until)) {
                out.add(new LoadPrediction(
                        p.forecastTime(),
                        p.horizon(),
                        p.predictedLoad() * factor,
                        p.lower() * factor,
                        p.upper() * factor,
                        p.confidence(),
                        p.reason() + note));
            } else {
                out.add(p);
            }
        }
        return out;
    }

    private static int index(RegularSeries s, Instant t) {
        return (int) Math.floorDiv(
                t.getEpochSecond() - s.start().getEpochSecond(), s.step().getSeconds());
    }
}
