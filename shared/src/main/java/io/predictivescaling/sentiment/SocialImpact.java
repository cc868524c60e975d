package io.predictivescaling.sentiment;

import io.predictivescaling.forecast.LoadPrediction;
import io.predictivescaling.metrics.RegularSeries;
import io.predictivescaling.patterns.Stats;
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
 * @param upliftPerHype extra load, as a fraction of the baseline, per unit of hype
 * @param lag how long after the firing the load peaked (median)
 * @param samples past trends it was learned from (0: the prior)
 */
public record SocialImpact(double upliftPerHype, Duration lag, int samples) {
    /** With no history: a trend at full hype adds 50% within the hour (a cautious prior). */
    public static final SocialImpact PRIOR = new SocialImpact(0.5, Duration.ofMinutes(30), 0);
    static final Duration WINDOW = Duration.ofHours(3);
    static final double MAX_WEIGHT = 0.5;

    /** @param hourly the target's load, hourly, covering the firings and a week before them */
    public static SocialImpact learn(List<Signal> fired, RegularSeries hourly) {
        double hh = 0;
        double hu = 0;
        List<Long> lags = new ArrayList<>();
        for (Signal s : fired) {
            int at = index(hourly, s.intervalStart());
            if (at < 168 || at >= hourly.size()) {
                continue;
            }
            double best = Double.NaN;
            int bestK = 0;
            for (int k = 0; k <= WINDOW.toHours() && at + k < hourly.size(); k++) {
                double base = Stats.sameHourOfEarlierWeeks(hourly.values(), at + k);
                double load = hourly.values()[at + k];
                if (base > 0 && !Double.isNaN(load)) {
                    double uplift = load / base - 1;
                    if (Double.isNaN(best) || uplift > best) {
                        best = uplift;
                        bestK = k;
                    }
                }
            }
            if (!Double.isNaN(best) && s.hype() > 0) {
                hh += s.hype() * s.hype();
                hu += s.hype() * Math.max(0, best);
                lags.add((long) bestK * 60);
            }
        }
        if (lags.isEmpty()) {
            return PRIOR;
        }
        long[] sorted = lags.stream().mapToLong(Long::longValue).sorted().toArray();
        return new SocialImpact(hu / hh, Duration.ofMinutes(sorted[sorted.length / 2]), lags.size());
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
    public List<LoadPrediction> apply(List<LoadPrediction> predictions, Signal trend, double feedbackConfidence,
                                      Instant now) {
        // Bounded like every signal: a runaway hype score must not multiply capacity without limit.
        double factor = Math.min(io.predictivescaling.events.EventAdjuster.maxUplift(),
                1 + weight(feedbackConfidence) * upliftPerHype * trend.hype());
        Instant until = now.plus(lag).plus(Duration.ofHours(1));
        String note = String.format(Locale.ROOT, "; social: %s: %+.0f%% expected (learned from %d past trends, "
                        + "weight %.2f)", FetchSentimentService.describe(trend), 100 * (factor - 1),
                samples, weight(feedbackConfidence));
        List<LoadPrediction> out = new ArrayList<>();
        for (LoadPrediction p : predictions) {
            if (factor > 1 && p.forecastTime().isBefore(until)) {
                out.add(new LoadPrediction(p.forecastTime(), p.horizon(), p.predictedLoad() * factor,
                        p.lower() * factor, p.upper() * factor, p.confidence(), p.reason() + note));
            } else {
                out.add(p);
            }
        }
        return out;
    }

    private static int index(RegularSeries s, Instant t) {
        return (int) Math.floorDiv(t.getEpochSecond() - s.start().getEpochSecond(), s.step().getSeconds());
    }

}
