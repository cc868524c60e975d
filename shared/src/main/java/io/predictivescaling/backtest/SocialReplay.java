package io.predictivescaling.backtest;

import io.predictivescaling.common.Stats;
import io.predictivescaling.planning.PlanningCore;
import io.predictivescaling.sentiment.Signal;
import io.predictivescaling.sentiment.TrendDetector;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A keyword's mention volume replayed walk-forward beside a load trace, as fetch-sentiment and predict-and-scale
 * see it: each mention interval, once it has ended, goes through the same {@link TrendDetector} fetch-sentiment
 * runs (a day's baseline at the trace's own interval), becoming the {@link Signal} the signals table would hold;
 * at each plan, a keyword trending in the last 20 minutes is handed to the planning core with its past trends,
 * exactly as predict-and-scale hands it over, and the core raises the forecast by the impact it learns from them
 * against the load history (skill gate included). Nothing about an interval depends on mentions after it.
 */
public final class SocialReplay {
    /** predict-and-scale reads the signals of the last 20 minutes: an older trend no longer raises. */
    static final Duration RECENT = Duration.ofMinutes(20);
    /** A firing is learned from only once its 3-hour window has passed, as predict-and-scale reads them. */
    static final Duration LEARN_AFTER = Duration.ofHours(3);

    private final String keyword;
    private final Trace mentions;
    private final double[] sentiment;
    private final TrendDetector detector;
    private final ArrayDeque<Double> lastDay = new ArrayDeque<>();
    private final int perDay;
    private final List<Signal> signals = new ArrayList<>();
    private final List<Signal> firings = new ArrayList<>();
    private final double[] hype;
    private final boolean[] fired;
    private int fed;

    /**
     * @param mentions mention volume per interval (posts), on its own regular grid (NaN: no data)
     * @param sentiment mean sentiment per mention interval in [-1, 1] (NaN or null: unknown, taken as 0)
     */
    public SocialReplay(String keyword, Trace mentions, double[] sentiment) {
        this.keyword = keyword;
        this.mentions = mentions;
        this.sentiment = sentiment;
        this.perDay = (int)
                Math.max(1, Duration.ofDays(1).getSeconds() / mentions.step().getSeconds());
        this.detector = new TrendDetector(perDay, 1, 4, 4.0);
        this.hype = new double[mentions.size()];
        this.fired = new boolean[mentions.size()];
    }

    public String keyword() {
        return keyword;
    }

    public Trace mentions() {
        return mentions;
    }

    /**
     * Feeds every mention interval that has ended by {@code now}.
     *
     * @return whether a trend started in them (predict-and-scale, every 5 minutes, would plan on it at once)
     */
    public boolean advance(Instant now) {
        boolean starts = false;
        while (fed < mentions.size() && !mentions.time(fed + 1).isAfter(now)) {
            starts |= feed(fed++);
        }
        return starts;
    }

    private boolean feed(int i) {
        double volume = mentions.demand()[i];
        TrendDetector.Reading r = detector.next(volume);
        if (Double.isNaN(volume)) {
            return false;
        }
        double[] day = lastDay.stream().mapToDouble(Double::doubleValue).toArray();
        double median = Stats.median(day);
        lastDay.addLast(volume);
        if (lastDay.size() > perDay) {
            lastDay.removeFirst();
        }
        double mood = sentiment == null || i >= sentiment.length || Double.isNaN(sentiment[i]) ? 0 : sentiment[i];
        hype[i] = r.hype();
        fired[i] = r.fires();
        Signal signal = new Signal(
                keyword,
                mentions.time(i),
                (int) Math.round(volume),
                mood,
                mood > 0.05 ? 1 : 0,
                r.hype(),
                r.trending(),
                r.fires(),
                median > 0 ? volume / median : 0,
                Map.of(),
                List.of());
        signals.add(signal);
        if (r.fires()) {
            firings.add(signal);
        }
        return r.fires();
    }

    /** The latest signal that has ended by now, if it ended within the last 20 minutes. */
    public Signal latest(Instant now) {
        Signal last = signals.isEmpty() ? null : signals.get(signals.size() - 1);
        return last == null || last.intervalStart().isBefore(now.minus(RECENT)) ? null : last;
    }

    /**
     * What predict-and-scale hands the planning core at {@code now}: the keyword, if its latest signal (within the
     * last 20 minutes) is trending, with its past firings (from {@code history} before now until 3 hours ago, whose
     * windows have passed) and feedback confidence 1 (the backtest has no feedback loop to lower it). The core
     * learns the {@link io.predictivescaling.sentiment.SocialImpact} from them, skill gate included.
     */
    public List<PlanningCore.SocialTrend> trends(Instant now, Duration history) {
        Signal trend = latest(now);
        if (trend == null || !trend.trending()) {
            return List.of();
        }
        Instant from = now.minus(history);
        Instant to = now.minus(LEARN_AFTER);
        List<Signal> past = firings.stream()
                .filter(s ->
                        !s.intervalStart().isBefore(from) && s.intervalStart().isBefore(to))
                .toList();
        return List.of(new PlanningCore.SocialTrend(keyword, trend, past, 1.0));
    }

    /** The hype of the mention intervals that ended within {@code [from, to)}: the largest, 0 if none. */
    public double hype(Instant from, Instant to) {
        double most = 0;
        for (int i = index(from); i < mentions.size() && mentions.time(i).isBefore(to); i++) {
            if (i >= 0 && i < fed) {
                most = Math.max(most, hype[i]);
            }
        }
        return most;
    }

    /** The trend firings (onsets) among the mention intervals fed so far, oldest first. */
    public List<Signal> firings() {
        return List.copyOf(firings);
    }

    private int index(Instant t) {
        return (int) Math.max(
                0,
                Math.floorDiv(
                        t.getEpochSecond() - mentions.start().getEpochSecond(),
                        mentions.step().getSeconds()));
    }
}
