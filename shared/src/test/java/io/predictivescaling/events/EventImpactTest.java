package io.predictivescaling.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.predictivescaling.forecast.LoadPrediction;
import io.predictivescaling.metrics.RegularSeries;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventImpactTest {
    static final Instant START = Instant.parse("2026-01-05T00:00:00Z");

    static KnownEvent release(int hour, int hours) {
        Instant at = START.plus(Duration.ofHours(hour));
        return new KnownEvent("game_release", "release " + hour, at, at.plus(Duration.ofHours(hours)), "test", Double.NaN);
    }

    /** Twelve weeks of flat load 100 with four past releases: +80% for their 4 hours, -20% the hour after. */
    static RegularSeries history(List<KnownEvent> past) {
        double[] load = new double[12 * 168];
        Arrays.fill(load, 100);
        for (KnownEvent e : past) {
            int at = (int) Duration.between(START, e.start()).toHours();
            for (int h = 0; h < 4; h++) {
                load[at + h] = 180;
            }
            load[at + 4] = 80;
        }
        return new RegularSeries(START, Duration.ofHours(1), load);
    }

    @Test
    void aTypesUpliftDurationAndAfterEffectAreLearnedFromPastEvents() {
        List<KnownEvent> past = List.of(release(2 * 168 + 18, 4), release(4 * 168 + 40, 4), release(6 * 168 + 90, 4),
                release(9 * 168 + 10, 4));

        EventImpact impact = EventImpact.learn("game_release", past, history(past), 0.3);

        assertThat(impact.samples()).isEqualTo(4);
        assertThat(impact.confidence()).isEqualTo(0.8);
        // 0.8 x learned 1.8 + 0.2 x prior 1.3 = 1.70 during the event; 0.8 x 0.8 + 0.2 x 1 = 0.84 the hour after.
        assertThat(impact.factor(0)).isCloseTo(1.70, within(1e-9));
        assertThat(impact.factor(4)).isCloseTo(0.84, within(1e-9));
        assertThat(impact.factor(-2)).isCloseTo(1.0, within(1e-9));
        assertThat(impact.meanUplift()).isCloseTo(0.70, within(1e-9));
        assertThat(impact.describe()).isEqualTo("+70% learned from 4 past game_release events");
    }

    @Test
    void withNoHistoryTheTypesPriorIsUsedAndSaidSo() {
        EventImpact impact = EventImpact.learn("holiday", List.of(), history(List.of()), -0.3);

        assertThat(impact.samples()).isZero();
        assertThat(impact.factor(5)).isCloseTo(0.7, within(1e-9));
        assertThat(impact.describe()).isEqualTo("-30% (prior, no past holiday yet)");
    }

    @Test
    void upcomingEventsAdjustOnlyThePredictionsTheyTouchAndNameThemselves() {
        Instant now = Instant.parse("2026-11-27T20:00:00Z");
        List<LoadPrediction> path = new ArrayList<>();
        for (int k = 0; k < 8; k++) {
            path.add(new LoadPrediction(now.plus(Duration.ofHours(k)), Duration.ofHours(k + 1), 100, 90, 110, 0.9,
                    "methods: daily-naive 100%"));
        }
        KnownEvent release = new KnownEvent("game_release", "Season 5", now.plus(Duration.ofHours(2)),
                now.plus(Duration.ofHours(4)), "test", 0.85);

        List<LoadPrediction> adjusted = EventAdjuster.apply(path, List.of(release),
                e -> EventImpact.prior(e.type(), e.expectedImpact(), 2), now);

        assertThat(adjusted.get(1).predictedLoad()).isEqualTo(100);
        assertThat(adjusted.get(2).predictedLoad()).isCloseTo(185, within(1e-9));
        assertThat(adjusted.get(3).upper()).isCloseTo(203.5, within(1e-9));
        assertThat(adjusted.get(4).predictedLoad()).isEqualTo(100);
        assertThat(adjusted.get(2).reason()).contains("event: game_release 'Season 5' in 2 h: +85% (prior, no past game_release yet)");
    }
}
