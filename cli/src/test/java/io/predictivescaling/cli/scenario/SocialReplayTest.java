package io.predictivescaling.cli.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.predictivescaling.backtest.Backtest;
import io.predictivescaling.backtest.BacktestConfig;
import io.predictivescaling.backtest.BacktestResult;
import io.predictivescaling.backtest.DecisionLog;
import io.predictivescaling.backtest.SocialReplay;
import io.predictivescaling.backtest.Trace;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The social path in the replay earns its capacity: mentions that lead load raise the floors ahead of a burst, and
 * shuffled mentions (the same volumes, leading nothing) add no capacity once the skill gate has seen a week of
 * them.
 */
class SocialReplayTest {
    static final Scenario VIRAL = Scenario.viralMoment(Scenario.SEED);
    /** Fixed sizing: daily re-tuning would carry an early difference forward and hide what the gate does. */
    static final BacktestConfig CONFIG = BacktestConfig.defaults(VIRAL.unit())
            .with(VIRAL.unit(), 0.7, Duration.ofMinutes(5), List.of())
            .tuning(false, 0.005, 1.15);

    static BacktestResult replay(Trace mentions, DecisionLog[] log) {
        log[0] = new DecisionLog(
                VIRAL.load(), mentions == null ? null : new SocialReplay("yourapp", mentions, null), VIRAL.unit());
        return new Backtest(CONFIG).with(log[0]).run(VIRAL.load(), null);
    }

    @Test
    void shuffledMentionsAddNoCapacityOnceTheGateHasSeenAWeekOfThem() {
        DecisionLog[] none = new DecisionLog[1];
        DecisionLog[] shuffled = new DecisionLog[1];
        BacktestResult without = replay(null, none);
        BacktestResult noise = replay(Scenario.shuffled(VIRAL.mentions(), 1), shuffled);

        // A day of baseline, then a week of firings the gate can judge (it needs a week of load before each).
        int judged = index(Duration.ofDays(9));
        int[] a = without.timeline().predictive();
        int[] b = noise.timeline().predictive();
        assertThat(shuffled[0].rows().stream()
                        .filter(r -> r.kind().equals("trend")
                                && r.time().isAfter(VIRAL.load().time(judged))))
                .as("shuffled mentions still trend")
                .isNotEmpty();
        for (int s = judged; s < a.length; s++) {
            assertThat(shuffled[0].socialFactor()[s])
                    .as("social factor at %s", VIRAL.load().time(s))
                    .isEqualTo(1.0);
            assertThat(b[s]).as("capacity at %s", VIRAL.load().time(s)).isEqualTo(a[s]);
        }
        assertThat(shuffled[0].rows().stream()
                        .filter(r -> r.time().isAfter(VIRAL.load().time(judged))
                                && r.why().contains("social:"))
                        .map(DecisionLog.Row::why))
                .isNotEmpty()
                .allMatch(why -> why.contains("switched off by the skill gate"));
    }

    @Test
    void mentionsThatLeadLoadRaiseTheFloorBeforeTheBurst() {
        DecisionLog[] none = new DecisionLog[1];
        DecisionLog[] social = new DecisionLog[1];
        BacktestResult without = replay(null, none);
        BacktestResult with = replay(VIRAL.mentions(), social);

        int burst = index(Duration.between(VIRAL.load().start(), VIRAL.moment()));
        assertThat(with.timeline().floor()[burst])
                .as("floor when the burst lands")
                .isGreaterThan((int) (1.5 * without.timeline().floor()[burst]));
        assertThat(with.timeline().predictive()[burst])
                .isGreaterThan(without.timeline().predictive()[burst]);
        assertThat(social[0].socialFactor()[burst]).isGreaterThan(1.5);
        assertThat(social[0].hype()[burst - 1]).isGreaterThan(0.3);
    }

    static int index(Duration from) {
        return (int) (from.getSeconds() / VIRAL.load().step().getSeconds());
    }
}
