package io.predictivescaling.simulation;

import java.time.Duration;
import java.time.Instant;

/**
 * When the sizing is chosen again: the first time there is enough replayed history to judge by, then whenever the last
 * choice is {@link #EVERY} old. One rule for the feedback loop (score-feedback, run every hour, which tunes each
 * target's sizing) and the backtest (which replays the same choice at every hour boundary), so a backtest changes
 * sizing at the same moments the deployed system would.
 */
public final class TuningSchedule {
    /**
     * How old the last choice must be before it is made again: a day, less an hour, so an hourly run that starts a
     * little earlier than the one a day before still tunes (the choice walks an hour earlier each day rather than
     * skipping one).
     */
    public static final Duration EVERY = Duration.ofHours(23);

    private TuningSchedule() {}

    /**
     * @param lastTuned when the sizing was last chosen, or null if never
     * @param now the run's time (UTC instant)
     * @return whether this run chooses again (it still needs enough history to judge by; if it has none, the last
     *     choice stands and the next run asks again)
     */
    public static boolean due(Instant lastTuned, Instant now) {
        return lastTuned == null || !lastTuned.isAfter(now.minus(EVERY));
    }
}
