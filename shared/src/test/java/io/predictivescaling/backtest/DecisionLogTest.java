package io.predictivescaling.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.predictivescaling.events.KnownEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecisionLogTest {
    final Trace trace = BacktestTest.trace();
    final BacktestConfig config = BacktestConfig.defaults(10);

    @Test
    void withoutASocialFileTheReplayIsUnchangedAndEveryPlanIsLogged() {
        BacktestResult plain = BacktestTest.defaultRun();
        DecisionLog log = new DecisionLog(trace, null, 10);
        BacktestResult logged = new Backtest(config).with(log).run(trace, null);

        BacktestTest.assertSamePrefix(plain, logged, trace.size());
        assertThat(logged.policies()).isEqualTo(plain.policies());
        long plans = log.rows().stream()
                .filter(r -> List.of("raise", "full", "scale-down", "hold").contains(r.kind()))
                .count();
        assertThat(plans).as("one row per hourly plan").isBetween(trace.size() / 4L - 48, trace.size() / 4L);
        assertThat(log.rows())
                .allMatch(r -> !r.seen().isEmpty()
                        && !r.planned().isEmpty()
                        && !r.why().isEmpty());
        assertThat(Arrays.stream(log.hype()).allMatch(Double::isNaN))
                .as("no hype without mentions")
                .isTrue();
        assertThat(Arrays.stream(log.eventFactor()).allMatch(f -> f == 1.0))
                .as("no event factor")
                .isTrue();
    }

    @Test
    void anUpcomingEventIsLoggedWhenFirstSeenAndItsFactorIsOnTheTimeline() {
        Instant start = trace.start().plus(Duration.ofDays(17)).plus(Duration.ofHours(10));
        KnownEvent sale = new KnownEvent("sale", "Autumn sale", start, start.plus(Duration.ofHours(4)), "test", 0.8);
        DecisionLog log = new DecisionLog(trace, null, 10);
        new Backtest(config.with(10, 0.7, Duration.ofMinutes(5), List.of(sale)))
                .with(log)
                .run(trace, null);

        DecisionLog.Row seen = log.rows().stream()
                .filter(r -> r.kind().equals("event"))
                .findFirst()
                .orElseThrow();
        assertThat(seen.seen()).isEqualTo("sale 'Autumn sale'");
        assertThat(seen.time()).isBetween(start.minus(Duration.ofHours(52)), start.minus(Duration.ofHours(47)));
        int during = (int) (Duration.between(trace.start(), start.plus(Duration.ofHours(1)))
                        .getSeconds()
                / 900);
        assertThat(log.eventFactor()[during]).isCloseTo(1.8, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(log.eventFactor()[during + 24 * 4]).isEqualTo(1.0);
    }
}
