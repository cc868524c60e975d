package io.predictivescaling.events;

import io.predictivescaling.metrics.RegularSeries;
import io.predictivescaling.patterns.Stats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * An event type's impact, learned from the target's own load around past events of that type: for each hour
 * from {@code lead} before an event's start to {@code tail} after its end, the load relative to the pattern
 * baseline (the median of the same hour in up to four earlier weeks), averaged over the past events.
 * From it: the average uplift during the event, its peak and when it comes, and for outages the dip and the
 * recovery spike after. Confidence grows with the number of past events; with none, the type's prior.
 *
 * @param ratio load over baseline per hour offset, index 0 = {@code lead} hours before the start
 * @param samples past events learned from
 */
public record EventImpact(String type, double[] ratio, int lead, int samples, double prior) {
    public static final int LEAD_HOURS = 3;
    public static final int TAIL_HOURS = 6;

    /** No history: the prior (the source's expected impact, or the configured default for the type). */
    public static EventImpact prior(String type, double expectedImpact, int hours) {
        double[] ratio = new double[LEAD_HOURS + hours + TAIL_HOURS];
        Arrays.fill(ratio, 1);
        for (int h = LEAD_HOURS; h < LEAD_HOURS + hours; h++) {
            ratio[h] = 1 + expectedImpact;
        }
        return new EventImpact(type, ratio, LEAD_HOURS, 0, expectedImpact);
    }

    /** @param hourly the target's load, hourly, with at least a week before the first past event */
    public static EventImpact learn(String type, List<KnownEvent> past, RegularSeries hourly, double prior) {
        int longest = past.stream().mapToInt(e -> (int) Math.max(1, Duration.between(e.start(), e.end()).toHours()))
                .max().orElse(24);
        int length = LEAD_HOURS + longest + TAIL_HOURS;
        double[] sum = new double[length];
        int[] count = new int[length];
        int samples = 0;
        for (KnownEvent e : past) {
            int first = index(hourly, e.start()) - LEAD_HOURS;
            boolean used = false;
            for (int k = 0; k < length; k++) {
                int i = first + k;
                if (i < 168 || i >= hourly.size() || Double.isNaN(hourly.values()[i])) {
                    continue;
                }
                double base = Stats.sameHourOfEarlierWeeks(hourly.values(), i);
                if (base > 0) {
                    sum[k] += hourly.values()[i] / base;
                    count[k]++;
                    used = true;
                }
            }
            samples += used ? 1 : 0;
        }
        if (samples == 0) {
            return prior(type, prior, longest);
        }
        double[] ratio = new double[length];
        for (int k = 0; k < length; k++) {
            ratio[k] = count[k] == 0 ? 1 : sum[k] / count[k];
        }
        return new EventImpact(type, ratio, LEAD_HOURS, samples, prior);
    }

    /** How much of the learned shape to trust over the prior: 1 - 1/(1 + samples). */
    public double confidence() {
        return samples / (samples + 1.0);
    }

    /** The multiplier for an hour {@code offsetHours} after the event's start (negative: before it). */
    public double factor(int offsetHours) {
        int k = offsetHours + lead;
        if (k < 0 || k >= ratio.length) {
            return 1;
        }
        double learned = ratio[k];
        double prior = k >= lead && k < ratio.length - TAIL_HOURS ? 1 + this.prior : 1;
        return samples == 0 ? learned : confidence() * learned + (1 - confidence()) * prior;
    }

    /** The mean uplift over the event itself, as a fraction. */
    public double meanUplift() {
        double sum = 0;
        int n = 0;
        for (int k = lead; k < ratio.length - TAIL_HOURS; k++) {
            sum += factor(k - lead);
            n++;
        }
        return n == 0 ? 0 : sum / n - 1;
    }

    /** "+85% learned from 4 past game_release events" or "-35% (prior, no past holiday yet)". */
    public String describe() {
        return samples == 0 ? String.format(Locale.ROOT, "%+.0f%% (prior, no past %s yet)", 100 * meanUplift(), type)
                : String.format(Locale.ROOT, "%+.0f%% learned from %d past %s events", 100 * meanUplift(), samples, type);
    }

    private static int index(RegularSeries s, Instant t) {
        return (int) Math.floorDiv(t.getEpochSecond() - s.start().getEpochSecond(), s.step().getSeconds());
    }
}
