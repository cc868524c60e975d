package io.predictivescaling.sentiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.predictivescaling.forecast.LoadPrediction;
import io.predictivescaling.metrics.RegularSeries;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SocialImpactTest {
    static final Instant START = Instant.parse("2026-10-05T00:00:00Z");

    static Signal fired(Instant at, double hype) {
        return new Signal("yourgame", at, 60, 0.6, 0.8, hype, true, true, 10, Map.of(), List.of());
    }

    @Test
    void theUpliftPerHypeAndItsLagAreLearnedFromPastTrends() {
        double[] load = new double[5 * 168];
        Arrays.fill(load, 100);
        List<Signal> past = new ArrayList<>();
        for (int week = 1; week <= 4; week++) {
            int at = week * 168 + 20 + 3 * week;
            past.add(fired(START.plus(Duration.ofHours(at)), 0.5));
            load[at + 1] = 130; // +30% an hour after a half-hype trend
        }

        SocialImpact impact = SocialImpact.learn(past, new RegularSeries(START, Duration.ofHours(1), load));

        assertThat(impact.upliftPerHype()).isCloseTo(0.6, within(1e-9));
        assertThat(impact.lag()).isEqualTo(Duration.ofHours(1));
        assertThat(impact.samples()).isEqualTo(4);
        assertThat(impact.weight(1.0)).isEqualTo(0.5);
        assertThat(impact.weight(0.2)).isCloseTo(0.1, within(1e-9));
    }

    @Test
    void aTrendRaisesOnlyThePredictionsItReachesAndSaysWhy() {
        Instant now = Instant.parse("2026-11-27T20:02:00Z");
        List<LoadPrediction> path = new ArrayList<>();
        for (int k = 0; k < 6; k++) {
            path.add(new LoadPrediction(
                    Instant.parse("2026-11-27T20:00:00Z").plus(Duration.ofHours(k)),
                    Duration.ofHours(k + 1),
                    100,
                    90,
                    110,
                    0.9,
                    "methods: daily-naive 100%"));
        }
        SocialImpact impact = new SocialImpact(0.6, Duration.ofHours(1), 5);

        List<LoadPrediction> raised = impact.apply(path, fired(now, 0.5), 1.0, now);

        assertThat(raised.get(0).predictedLoad()).isCloseTo(115, within(1e-9)); // 1 + 0.5 x 0.6 x 0.5
        assertThat(raised.get(2).predictedLoad()).isCloseTo(115, within(1e-9));
        assertThat(raised.get(3).predictedLoad()).isEqualTo(100);
        assertThat(raised.get(0).reason())
                .contains("social: yourgame mentions x10.0 in 60 posts, sentiment +0.60: +15% expected");
        assertThat(SocialImpact.learn(List.of(), new RegularSeries(START, Duration.ofHours(1), new double[10])))
                .isEqualTo(SocialImpact.PRIOR);
    }

    @Test
    void theSkillGateSwitchesTheUpliftOffWhenTrendsAreNotFollowedByLoad() {
        // A noisy load with its own bursts, and trends that fire at hours unrelated to them.
        java.util.Random random = new java.util.Random(7);
        double[] load = new double[5 * 168];
        for (int i = 0; i < load.length; i++) {
            load[i] = 100 * (1 + 0.1 * random.nextGaussian()) * (i % 50 == 17 ? 1.6 : 1);
        }
        List<Signal> past = new ArrayList<>();
        for (int k = 0; k < 8; k++) {
            past.add(fired(START.plus(Duration.ofHours(170 + 71L * k)), 0.6));
        }
        RegularSeries hourly = new RegularSeries(START, Duration.ofHours(1), load);

        SocialImpact impact = SocialImpact.learn(past, hourly);

        assertThat(impact.gatedOff()).isTrue();
        assertThat(impact.upliftPerHype()).isZero();
        assertThat(impact.gate()).startsWith("switched off by the skill gate: mentions have not led load");
        Instant now = START.plus(Duration.ofHours(800));
        LoadPrediction next = new LoadPrediction(
                now.plus(Duration.ofMinutes(30)), Duration.ofHours(1), 100, 90, 110, 0.9, "methods: daily-naive 100%");
        LoadPrediction applied =
                impact.apply(List.of(next), fired(now, 0.9), 1.0, now).get(0);
        assertThat(applied.predictedLoad()).as("no capacity added").isEqualTo(100);
        assertThat(applied.reason())
                .contains("social: yourgame mentions x10.0 in 60 posts, sentiment +0.60: no uplift, "
                        + "switched off by the skill gate");

        // The same load, with a +50% rise an hour after each firing: mentions lead it, the gate stays open.
        double[] led = load.clone();
        for (Signal s : past) {
            led[(int) Duration.between(START, s.intervalStart()).toHours() + 1] *= 1.5;
        }
        SocialImpact learned = SocialImpact.learn(past, new RegularSeries(START, Duration.ofHours(1), led));
        assertThat(learned.gatedOff()).isFalse();
        assertThat(learned.upliftPerHype()).isBetween(0.4, 1.0);
        assertThat(learned.gate()).startsWith("skill shown");
    }
}
