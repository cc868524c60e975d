package io.predictivescaling.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.predictivescaling.forecast.LoadPrediction;
import io.predictivescaling.metrics.RegularSeries;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/** Event impact learned over each event's own window, the skill gate, and the bound on combined uplift. */
class EventImpactTest {
    static final Instant START = Instant.parse("2026-01-05T00:00:00Z");
    static final ZoneId UTC = ZoneOffset.UTC;

    static KnownEvent event(String type, String name, int hour, int hours, double prior) {
        Instant at = START.plus(Duration.ofHours(hour));
        return new KnownEvent(type, name, at, at.plus(Duration.ofHours(hours)), "test", prior);
    }

    /** Hourly load: 100 plus a daily shape, times {@code effect(e)} during each event. */
    static RegularSeries history(int weeks, List<KnownEvent> events, ToDoubleFunction<KnownEvent> effect) {
        double[] load = new double[weeks * 168];
        for (int i = 0; i < load.length; i++) {
            load[i] = 100 + 50 * Math.sin(2 * Math.PI * (i % 24) / 24.0);
            Instant h = START.plus(Duration.ofHours(i));
            for (KnownEvent e : events) {
                if (e.touches(h, h.plusSeconds(3600))) {
                    load[i] *= 1 + effect.applyAsDouble(e);
                }
            }
        }
        return new RegularSeries(START, Duration.ofHours(1), load);
    }

    static List<LoadPrediction> flatPath(Instant now, int hours) {
        List<LoadPrediction> path = new ArrayList<>();
        for (int k = 0; k < hours; k++) {
            path.add(new LoadPrediction(
                    now.plus(Duration.ofHours(k)),
                    Duration.ofHours(k + 1),
                    100,
                    90,
                    110,
                    0.9,
                    "methods: daily-naive 100%"));
        }
        return path;
    }

    @Test
    void theEffectIsLearnedOverEachEventsOwnWindowAndShrunkTowardNoEffect() {
        // Four releases of different lengths at different hours, each +80% while it runs.
        List<KnownEvent> past = List.of(
                event("game_release", "a", 4 * 168 + 18, 4, Double.NaN),
                event("game_release", "b", 5 * 168 + 40, 2, Double.NaN),
                event("game_release", "c", 6 * 168 + 90, 6, Double.NaN),
                event("game_release", "d", 7 * 168 + 10, 3, Double.NaN));

        EventImpact impact = EventImpact.learn("game_release", past, past, history(9, past, e -> 0.8), UTC, Double.NaN);

        // Median +80% from 4 events, shrunk: (4 x 0.8 + 2 x 0) / 6.
        assertThat(impact.samples()).isEqualTo(4);
        assertThat(impact.uplift()).isCloseTo(0.8 * 4 / 6, within(1e-6));
        assertThat(impact.describe()).isEqualTo("+53% learned from 4 past events");
        // A single past event moves the estimate only a third of the way.
        assertThat(EventImpact.learn(
                                "game_release", past.subList(0, 1), past, history(9, past, e -> 0.8), UTC, Double.NaN)
                        .uplift())
                .isCloseTo(0.8 / 3, within(1e-6));
    }

    @Test
    void aTwoHourEventActsOnItsTwoHoursAndAFortyHourEventOnAllForty() {
        EventImpact impact = new EventImpact("stream", 1.0, new double[0], new double[0], 3, Double.NaN);
        KnownEvent twoHours = event("stream", "s", 100, 2, Double.NaN);
        KnownEvent fortyHours = event("stream", "f", 200, 40, Double.NaN);
        KnownEvent halfHour = new KnownEvent(
                "stream",
                "h",
                START.plus(Duration.ofMinutes(90)),
                START.plus(Duration.ofMinutes(120)),
                "test",
                Double.NaN);

        assertThat(impact.factor(twoHours, twoHours.start())).isEqualTo(2.0);
        assertThat(impact.factor(twoHours, twoHours.start().plusSeconds(3600))).isEqualTo(2.0);
        assertThat(impact.factor(twoHours, twoHours.end())).isEqualTo(1.0);
        assertThat(impact.factor(twoHours, twoHours.start().plus(Duration.ofHours(12))))
                .isEqualTo(1.0);
        assertThat(impact.factor(fortyHours, fortyHours.start().plus(Duration.ofHours(39))))
                .isEqualTo(2.0);
        assertThat(impact.factor(fortyHours, fortyHours.end())).isEqualTo(1.0);
        assertThat(impact.factor(halfHour, START.plusSeconds(3600)))
                .as("half the hour")
                .isEqualTo(1.5);
    }

    @Test
    void aLeadAndATailAreLearnedWhenPastEventsAgree() {
        List<KnownEvent> past = new ArrayList<>();
        for (int w = 4; w < 9; w++) {
            past.add(event("launch", "l" + w, w * 168 + 30 + w, 3, Double.NaN));
        }
        // +100% during, +50% the two hours before, +40% the hour after.
        double[] load = history(10, past, e -> 1.0).values();
        for (KnownEvent e : past) {
            int at = (int) Duration.between(START, e.start()).toHours();
            load[at - 1] *= 1.5;
            load[at - 2] *= 1.5;
            load[at + 3] *= 1.4;
        }

        EventImpact impact = EventImpact.learn(
                "launch", past, past, new RegularSeries(START, Duration.ofHours(1), load), UTC, Double.NaN);

        assertThat(impact.lead()).hasSize(2);
        assertThat(impact.lead()[0]).isCloseTo(1 + 0.5 * 5 / 7, within(1e-6));
        assertThat(impact.tail()).hasSize(1);
        assertThat(impact.tail()[0]).isCloseTo(1 + 0.4 * 5 / 7, within(1e-6));
        KnownEvent next = event("launch", "next", 10 * 168 + 50, 3, Double.NaN);
        assertThat(impact.factor(next, next.start().minus(Duration.ofHours(2)))).isGreaterThan(1.3);
        assertThat(impact.factor(next, next.start().minus(Duration.ofHours(3)))).isEqualTo(1.0);
        assertThat(impact.factor(next, next.end())).isGreaterThan(1.2);
        assertThat(impact.factor(next, next.end().plusSeconds(3600))).isEqualTo(1.0);
    }

    @Test
    void aTypeWithNoHistoryAndNoPriorHasNoEffectAndAPriorIsUsedUntilHistoryTeaches() {
        RegularSeries h = history(6, List.of(), e -> 0);
        Instant now = START.plus(Duration.ofDays(40));
        KnownEvent bare = new KnownEvent(
                "event", "Parade", now.plus(Duration.ofHours(3)), now.plus(Duration.ofHours(6)), "test", Double.NaN);
        KnownEvent stated = new KnownEvent(
                "sale", "Sale", now.plus(Duration.ofHours(3)), now.plus(Duration.ofHours(6)), "test", 0.5);

        List<LoadPrediction> out = EventEffects.apply(flatPath(now, 10), List.of(bare, stated), h, UTC, now, Map.of());

        assertThat(out.get(4).predictedLoad()).isCloseTo(150, within(1e-9));
        assertThat(out.get(4).reason())
                .contains("event: event 'Parade' in 3 h: no effect: no past event and no expected impact")
                .contains("event: sale 'Sale' in 3 h: +50% (prior, no past sale yet) (x1.50)");
        // Feedback scores an event by the multiplier it applied (against the unadjusted prediction), typed.
        assertThat(out.get(4).signals()).containsEntry("event:sale", 1.5).doesNotContainKey("event:event");
    }

    @Test
    void aTypeThatHasNotHelpedOnItsPastEventsIsNotAppliedAndOneThatHasIs() {
        List<KnownEvent> past = new ArrayList<>();
        for (int k = 0; k < 6; k++) {
            past.add(event("promo", "promo " + k, (4 + k) * 168 + 12 + 24 * (k % 3), 6, Double.NaN));
            past.add(event("holiday", "holiday " + k, (4 + k) * 168 + 96, 24, Double.NaN));
        }
        // Promotions swing both ways (+60%, -40%, ...); holidays are always 30% quieter.
        RegularSeries h = history(
                11,
                past,
                e -> e.type().equals("holiday")
                        ? -0.3
                        : Integer.parseInt(e.name().substring(6)) % 2 == 0 ? 0.6 : -0.4);
        Instant now = START.plus(Duration.ofDays(11 * 7));
        List<KnownEvent> calendar = new ArrayList<>(past);
        calendar.add(new KnownEvent(
                "promo",
                "Winter promo",
                now.plus(Duration.ofHours(2)),
                now.plus(Duration.ofHours(8)),
                "test",
                Double.NaN));
        calendar.add(new KnownEvent(
                "holiday",
                "Founders Day",
                now.plus(Duration.ofHours(24)),
                now.plus(Duration.ofHours(48)),
                "test",
                Double.NaN));

        List<LoadPrediction> out = EventEffects.apply(flatPath(now, 40), calendar, h, UTC, now, Map.of());

        assertThat(out.get(3).predictedLoad()).isEqualTo(100);
        assertThat(out.get(3).reason())
                .contains("event: promo 'Winter promo' in 2 h: not applied, it has not helped on " + "5 past events");
        // Six holidays at -30%: (6 x -0.3) / 8 = -22.5%.
        assertThat(out.get(30).predictedLoad()).isCloseTo(77.5, within(1e-6));
        assertThat(out.get(30).reason())
                .contains("event: holiday 'Founders Day' in 24 h: -23% learned from 6 past events (x0.77)");

        List<LoadPrediction> scoredBadly =
                EventEffects.apply(flatPath(now, 40), calendar, h, UTC, now, Map.of("event:holiday", 0.3));
        assertThat(scoredBadly.get(30).predictedLoad()).isEqualTo(100);
        assertThat(scoredBadly.get(30).reason())
                .contains("holiday 'Founders Day' in 24 h: not applied, feedback scored it 0.30");
    }

    @Test
    void allDayEventsWithAnHourByHourShapeAreForecastWithItWhereTheReplayShowsItBeatsAFlatEffect() {
        // Holidays: the working hours (8-18) lose 60%, the night is as usual.
        List<KnownEvent> past = new ArrayList<>();
        for (int k = 0; k < 5; k++) {
            past.add(event("holiday", "holiday " + k, (4 + k) * 168 + 48, 24, Double.NaN));
        }
        double[] load = history(10, List.of(), e -> 0).values();
        for (KnownEvent e : past) {
            int at = (int) Duration.between(START, e.start()).toHours();
            for (int h = 8; h < 18; h++) {
                load[at + h] *= 0.4;
            }
        }
        RegularSeries h = new RegularSeries(START, Duration.ofHours(1), load);
        Instant now = START.plus(Duration.ofDays(10 * 7));
        KnownEvent next = new KnownEvent(
                "holiday", "Next", now.plus(Duration.ofHours(24)), now.plus(Duration.ofHours(48)), "test", Double.NaN);
        List<KnownEvent> calendar = new ArrayList<>(past);
        calendar.add(next);

        List<LoadPrediction> out = EventEffects.apply(flatPath(now, 48), calendar, h, UTC, now, Map.of());

        // (5 x -0.6) / 7 at 10:00, nothing at 02:00.
        assertThat(out.get(24 + 10).predictedLoad()).isCloseTo(100 * (1 - 3.0 / 7), within(1e-6));
        assertThat(out.get(24 + 2).predictedLoad()).isCloseTo(100, within(1e-6));
        assertThat(out.get(24 + 10).reason()).contains("learned from 5 past events, hour by hour");
    }

    @Test
    void anEventRecurringUnderOneNameIsLearnedFromItsOwnPastOccurrences() {
        List<KnownEvent> past = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            past.add(event("tournament", "Weekly Cup", (4 + k) * 168 + 20, 3, Double.NaN));
            past.add(event("tournament", "Regional " + k, (4 + k) * 168 + 80, 3, Double.NaN));
        }
        RegularSeries h = history(9, past, e -> e.name().equals("Weekly Cup") ? 1.0 : 0.0);

        EventImpact cup = EventEffects.impactFor(
                event("tournament", "Weekly  cup", 9 * 168 + 20, 3, Double.NaN), past, past, h, UTC);
        EventImpact other = EventEffects.impactFor(
                event("tournament", "Grand Final", 9 * 168 + 20, 3, Double.NaN), past, past, h, UTC);

        assertThat(cup.uplift()).isCloseTo(4 * 1.0 / 6, within(1e-6));
        assertThat(other.uplift()).isCloseTo(8 * 0.5 / 10, within(1e-6));
    }

    @Test
    void theBaselineIsTheSameLocalHourOfEarlierWeeksSoADstChangeIsNotAnEffect() {
        ZoneId newYork = ZoneId.of("America/New_York");
        Instant start = Instant.parse("2026-10-01T00:00:00Z");
        double[] load = new double[6 * 168];
        for (int i = 0; i < load.length; i++) {
            int localHour = start.plus(Duration.ofHours(i)).atZone(newYork).getHour();
            load[i] = localHour == 15 || localHour == 16 ? 1000 : 100;
        }
        RegularSeries h = new RegularSeries(start, Duration.ofHours(1), load);
        // 15:00-17:00 New York on the Thursday after clocks went back (1 November 2026): nothing special happened.
        KnownEvent quiet = new KnownEvent(
                "webinar",
                "w",
                Instant.parse("2026-11-05T20:00:00Z"),
                Instant.parse("2026-11-05T22:00:00Z"),
                "test",
                Double.NaN);

        EventImpact impact = EventImpact.learn("webinar", List.of(quiet), List.of(quiet), h, newYork, Double.NaN);

        assertThat(impact.samples()).isEqualTo(1);
        assertThat(impact.uplift()).isCloseTo(0, within(1e-9));
    }

    @Test
    void overlappingEventsCannotMultiplyWithoutBound() {
        RegularSeries h = history(6, List.of(), e -> 0);
        Instant now = START.plus(Duration.ofDays(40));
        List<KnownEvent> eight = new ArrayList<>();
        for (int k = 0; k < 8; k++) {
            eight.add(new KnownEvent("type" + k, "e" + k, now, now.plus(Duration.ofHours(4)), "test", 0.6));
        }
        List<KnownEvent> many = new ArrayList<>();
        for (int k = 0; k < 25_000; k++) {
            many.add(new KnownEvent("drop", "drop " + k, now, now.plus(Duration.ofHours(4)), "test", 0.6));
        }

        assertThat(EventEffects.apply(flatPath(now, 6), eight, h, UTC, now, Map.of())
                        .get(1)
                        .predictedLoad())
                .as("1.6^8 = 43x, held at the default 3x")
                .isCloseTo(300, within(1e-9));
        List<LoadPrediction> one = EventEffects.apply(flatPath(now, 6), many, h, UTC, now, Map.of());
        assertThat(one.get(1).predictedLoad())
                .as("one type's overlapping events count once")
                .isCloseTo(160, within(1e-9));
        assertThat(one.get(1).upper()).isCloseTo(176, within(1e-9));
    }

    @Test
    void aFeedsEndlessEventNameIsQuotedShortInTheReasonOfEveryHourItTouches() {
        RegularSeries h = history(6, List.of(), e -> 0);
        Instant now = START.plus(Duration.ofDays(40));
        String name = "Winter Sale: " + "everything must go, ".repeat(420);
        KnownEvent sale = new KnownEvent("sale", name, now, now.plus(Duration.ofHours(4)), "rss", 0.6);

        List<LoadPrediction> out = EventEffects.apply(flatPath(now, 6), List.of(sale), h, UTC, now, Map.of());

        assertThat(out.get(1).reason())
                .contains("event: sale 'Winter Sale: everything must go, everything")
                .contains("…'")
                .hasSizeLessThan(out.get(1).reason().indexOf("event:") + 200);
    }

    @Test
    void eventsAndSocialSignalsTogetherStayWithinTheCap() {
        List<LoadPrediction> base = flatPath(START, 3);
        List<LoadPrediction> adjusted = base.stream()
                .map(p -> new LoadPrediction(
                        p.forecastTime(),
                        p.horizon(),
                        p.predictedLoad() * 5,
                        p.lower() * 5,
                        p.upper() * 5,
                        p.confidence(),
                        p.reason() + "; social: x"))
                .toList();

        List<LoadPrediction> capped = EventAdjuster.capCombined(base, adjusted, 3);

        assertThat(capped.get(0).predictedLoad()).isEqualTo(300);
        assertThat(capped.get(0).reason()).contains("signals capped at x3.00 (x5.00 asked)");
    }
}
