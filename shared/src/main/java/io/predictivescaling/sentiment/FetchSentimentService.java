package io.predictivescaling.sentiment;

import io.predictivescaling.common.EventPublisher;
import io.predictivescaling.common.SourceException;
import io.predictivescaling.targets.TargetRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The fetch-sentiment run: for every keyword the targets name, ask every source for the posts of the interval
 * that just ended, score them, store the interval's signal and, when the keyword starts trending, publish
 * {@code TrendDetected}. A source that fails is skipped with its reason; the others still count.
 */
public final class FetchSentimentService {
    private final TargetRepository targets;
    private final List<SentimentSource> sources;
    private final SignalStore signals;
    private final EventPublisher events;
    private final Duration interval;

    public FetchSentimentService(
            TargetRepository targets,
            List<SentimentSource> sources,
            SignalStore signals,
            EventPublisher events,
            Duration interval) {
        this.targets = targets;
        this.sources = List.copyOf(sources);
        this.signals = signals;
        this.events = events;
        this.interval = interval;
    }

    /** @param failures failed fetches per source (the metric), @param problems each failure's reason */
    public record Result(List<Signal> signals, Map<String, Integer> failures, List<String> problems) {}

    public Result run(Instant now) {
        TargetRepository.Loaded loaded = targets.loadAll();
        Set<String> keywords = new LinkedHashSet<>();
        loaded.targets().forEach(t -> keywords.addAll(t.socialKeywords()));
        long step = interval.getSeconds();
        Instant end = Instant.ofEpochSecond(Math.floorDiv(now.getEpochSecond(), step) * step);
        Instant start = end.minus(interval);
        List<Signal> out = new ArrayList<>();
        Map<String, Integer> failures = new TreeMap<>();
        List<String> problems = new ArrayList<>(loaded.problems());
        List<EventPublisher.Event> trendEvents = new ArrayList<>();
        for (String keyword : keywords) {
            Map<String, Post> unique = new LinkedHashMap<>();
            Map<String, Integer> bySource = new TreeMap<>();
            List<String> failed = new ArrayList<>();
            for (SentimentSource source : sources) {
                if (!source.covers(keyword)) {
                    continue;
                }
                try {
                    int count = 0;
                    for (Post p : source.fetch(keyword, start.minusSeconds(1))) {
                        if (!p.createdAt().isBefore(start)
                                && p.createdAt().isBefore(end)
                                && unique.putIfAbsent(p.source() + "|" + p.id(), p) == null) {
                            count++;
                        }
                    }
                    bySource.put(source.name(), count);
                } catch (RuntimeException e) {
                    // Expected failures name their kind; anything else still fails only this source.
                    failed.add(source.name());
                    failures.merge(source.name(), 1, Integer::sum);
                    problems.add("keyword '" + keyword + "': skipped "
                            + (e instanceof SourceException ? e.getMessage() : source.name() + ": failed: " + e));
                }
            }
            Signal signal = signal(keyword, start, unique.values(), bySource, failed);
            signals.save(signal);
            out.add(signal);
            if (signal.fired()) {
                trendEvents.add(new EventPublisher.Event(
                        "TrendDetected",
                        Map.of(
                                "keyword",
                                keyword,
                                "intervalStart",
                                start.toString(),
                                "hype",
                                signal.hype(),
                                "volume",
                                signal.volume(),
                                "baselineMultiple",
                                signal.baselineMultiple(),
                                "meanSentiment",
                                signal.meanSentiment(),
                                "bySource",
                                bySource,
                                "summary",
                                describe(signal))));
            }
        }
        if (!trendEvents.isEmpty()) {
            events.publish(trendEvents);
        }
        return new Result(out, failures, problems);
    }

    /** Replays the last day of this keyword through the detector, then feeds the new interval. */
    private Signal signal(
            String keyword,
            Instant start,
            java.util.Collection<Post> posts,
            Map<String, Integer> bySource,
            List<String> failed) {
        int perDay = (int) Math.max(1, Duration.ofDays(1).getSeconds() / interval.getSeconds());
        TrendDetector detector = new TrendDetector(perDay, 1, 4, 4.0);
        List<Signal> history = signals.read(keyword, start.minus(Duration.ofDays(1)), start);
        List<Double> volumes = new ArrayList<>();
        for (Signal s : history) {
            detector.next(s.volume());
            volumes.add((double) s.volume());
        }
        TrendDetector.Reading reading = detector.next(posts.size());
        double sentiment = 0;
        int positive = 0;
        for (Post p : posts) {
            double score = LexiconScorer.score(p.text());
            sentiment += score;
            positive += score > 0.05 ? 1 : 0;
        }
        double median =
                volumes.isEmpty() ? 0 : volumes.stream().sorted().toList().get(volumes.size() / 2);
        return new Signal(
                keyword,
                start,
                posts.size(),
                posts.isEmpty() ? 0 : sentiment / posts.size(),
                posts.isEmpty() ? 0 : positive / (double) posts.size(),
                reading.hype(),
                reading.trending(),
                reading.fires(),
                median > 0 ? posts.size() / median : 0,
                bySource,
                failed);
    }

    /** "yourgame mentions x6.0 in 5 min, sentiment +0.60", the words a reason uses. */
    public static String describe(Signal s) {
        return String.format(
                Locale.ROOT,
                "%s mentions x%.1f in %d posts, sentiment %+.2f",
                s.keyword(),
                s.baselineMultiple(),
                s.volume(),
                s.meanSentiment());
    }
}
