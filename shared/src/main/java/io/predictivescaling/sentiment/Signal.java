package io.predictivescaling.sentiment;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One keyword over one polling interval.
 *
 * @param volume posts mentioning it (all sources)
 * @param meanSentiment mean compound sentiment of those posts, in [-1, 1]
 * @param positiveShare share of posts with sentiment above +0.05
 * @param hype the trend detector's hype level in [0, 1]
 * @param baselineMultiple volume relative to the last day's median
 * @param failedSources sources that could not answer for this interval (the volume is then a lower bound)
 */
public record Signal(
        String keyword,
        Instant intervalStart,
        int volume,
        double meanSentiment,
        double positiveShare,
        double hype,
        boolean trending,
        boolean fired,
        double baselineMultiple,
        Map<String, Integer> bySource,
        List<String> failedSources) {}
