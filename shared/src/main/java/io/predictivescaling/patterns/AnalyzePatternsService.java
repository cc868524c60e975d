package io.predictivescaling.patterns;

import io.predictivescaling.metrics.RegularSeries;
import io.predictivescaling.metrics.Rollup;
import io.predictivescaling.metrics.TimeSeriesStore;
import io.predictivescaling.targets.ScalableTarget;
import io.predictivescaling.targets.TargetRepository;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The analyze-patterns run: for each target's metric, learn its patterns from hourly history and store them. */
public final class AnalyzePatternsService {
    private final TargetRepository targets;
    private final TimeSeriesStore metrics;
    private final PatternStore patterns;
    private final PatternAnalyzer analyzer = new PatternAnalyzer();
    private final Duration history;

    /** @param history how far back to learn from (a year and more enables the month-of-year layer) */
    public AnalyzePatternsService(
            TargetRepository targets, TimeSeriesStore metrics, PatternStore patterns, Duration history) {
        this.targets = targets;
        this.metrics = metrics;
        this.patterns = patterns;
        this.history = history;
    }

    /**
     * @param learned one line per metric whose patterns were stored, e.g. "checkout-rps: peak Friday 15:00 ..."
     * @param problems metrics skipped (too little history, unreadable) and why
     */
    public record Result(List<String> learned, List<String> problems) {}

    public Result run(Instant now) {
        TargetRepository.Loaded loaded = targets.loadAll();
        List<String> learned = new ArrayList<>();
        List<String> problems = new ArrayList<>(loaded.problems());
        Set<String> done = new HashSet<>();
        Instant to = now.truncatedTo(ChronoUnit.HOURS);
        Instant from = to.minus(history);
        for (ScalableTarget target : loaded.targets()) {
            if (!done.add(target.metricId())) {
                continue;
            }
            try {
                List<Rollup> hourly = metrics.rollup(target.metricId(), from, to, Duration.ofHours(1));
                Instant start = hourly.isEmpty() ? to : hourly.get(0).start();
                RegularSeries series = RegularSeries.fromRollups(hourly, start, to, Duration.ofHours(1), Rollup::mean);
                LoadPatterns p = analyzer.learn(series, target.timeZone(), target.excludedFromLearning());
                patterns.save(target.metricId(), p, now);
                learned.add(target.metricId() + ": peak " + p.peakDescription() + ", trend " + p.trendDescription()
                        + ", from " + p.hoursLearned() + " h");
            } catch (InsufficientHistoryException e) {
                problems.add(target.metricId() + ": " + e.getMessage());
            } catch (RuntimeException e) {
                problems.add(target.metricId() + ": could not learn patterns: " + e.getMessage());
            }
        }
        return new Result(learned, problems);
    }
}
