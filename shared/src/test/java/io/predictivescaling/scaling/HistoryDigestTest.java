package io.predictivescaling.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.predictivescaling.metrics.LoadSample;
import io.predictivescaling.metrics.RegularSeries;
import io.predictivescaling.metrics.Rollup;
import io.predictivescaling.planning.PlanningCore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A run planned from a stored digest plus the samples since sees exactly the series the whole history gives: the
 * same hourly P95s, 5-minute means and newest sample, across hour turns, gaps, a metric that went quiet, and a
 * digest several hours old.
 */
class HistoryDigestTest {
    static final Duration SPAN = Duration.ofDays(28);
    static final Instant START = Instant.parse("2026-10-20T00:00:00Z");

    /** Per-minute samples with gaps (a missing hour, missing minutes) and noise, from START to {@code until}. */
    static List<LoadSample> samples(Instant until, long seed) {
        Random random = new Random(seed);
        List<LoadSample> out = new ArrayList<>();
        for (Instant t = START; t.isBefore(until); t = t.plusSeconds(60)) {
            long hour = t.getEpochSecond() / 3600;
            if (hour % 97 == 5 || random.nextDouble() < 0.03) {
                continue; // an hour with no data every few days, and the odd lost minute
            }
            out.add(new LoadSample(
                    "m", t, 100 + 50 * Math.sin(hour / 3.0) + 10 * random.nextGaussian(), "Count", "test"));
        }
        return out;
    }

    static List<LoadSample> between(List<LoadSample> all, Instant from, Instant to) {
        return all.stream()
                .filter(s -> !s.timestamp().isBefore(from) && s.timestamp().isBefore(to))
                .toList();
    }

    /** What the service computes from the whole history read at {@code now}. */
    static HistoryDigest.PlanningHistory whole(List<LoadSample> all, Instant now, Duration span) {
        List<LoadSample> read = between(
                all, now.truncatedTo(java.time.temporal.ChronoUnit.HOURS).minus(span), now);
        if (read.isEmpty()) {
            return new HistoryDigest.PlanningHistory(null, null, Optional.empty());
        }
        return new HistoryDigest.PlanningHistory(
                PlanningCore.hourly(read, now, span, PlanningCore.LIVE_HOUR_QUANTILE),
                PredictAndScaleService.series(
                        read, now, Duration.ofMinutes(5), PredictAndScaleService.FINE_HISTORY, Rollup::mean),
                Optional.of(read.get(read.size() - 1).timestamp()));
    }

    static void assertSame(HistoryDigest.PlanningHistory actual, HistoryDigest.PlanningHistory expected) {
        assertThat(actual.newest()).isEqualTo(expected.newest());
        assertSeries(actual.hourly(), expected.hourly());
        assertSeries(actual.fine(), expected.fine());
    }

    static void assertSeries(RegularSeries actual, RegularSeries expected) {
        if (expected == null) {
            assertThat(actual).isNull();
            return;
        }
        assertThat(actual.start()).isEqualTo(expected.start());
        assertThat(actual.step()).isEqualTo(expected.step());
        assertThat(actual.values()).containsExactly(expected.values());
    }

    /** As predict-and-scale keeps it: built once, rewritten when 3 settled hours behind, decoded every run. */
    @Test
    void runsFromTheDigestSeeExactlyWhatTheWholeHistoryGivesAcrossHourTurnsAndGaps() {
        Instant first = Instant.parse("2026-11-30T12:02:00Z");
        List<LoadSample> all = samples(first.plus(Duration.ofHours(9)), 1);
        byte[] stored = null;
        int saves = 0;
        for (Instant now = first;
                now.isBefore(first.plus(Duration.ofHours(8)));
                now = now.plus(Duration.ofMinutes(20))) {
            Instant settled = now.minus(io.predictivescaling.metrics.HistoryDigests.SETTLE)
                    .truncatedTo(java.time.temporal.ChronoUnit.HOURS);
            Optional<HistoryDigest> decoded = stored == null
                    ? Optional.empty()
                    : HistoryDigest.decode(
                            stored, SPAN, PlanningCore.LIVE_HOUR_QUANTILE, PredictAndScaleService.FINE_HISTORY);
            assertThat(stored == null || decoded.isPresent())
                    .as("a digest reads back")
                    .isTrue();
            HistoryDigest digest = decoded.orElseGet(() -> HistoryDigest.empty(
                    START, SPAN, PlanningCore.LIVE_HOUR_QUANTILE, PredictAndScaleService.FINE_HISTORY));
            List<LoadSample> tail = between(all, digest.covered(), now);
            if (decoded.isEmpty() || Duration.between(digest.covered(), settled).toHours() >= 3) {
                stored = digest.advance(tail, settled).encode();
                saves++;
            }
            assertSame(digest.view(tail, now), whole(all, now, SPAN));
        }
        assertThat(saves).as("built once, then rewritten every 3 hours").isEqualTo(3);
        assertThat(stored.length)
                .as("28 days of hourly P95s and 7 days of 5-minute means")
                .isLessThan(22_000);
    }

    @Test
    void aMetricThatWentQuietOrNeverReportedGivesNoHistoryAndAShortSpanCutsThe5MinuteMeansToo() {
        Instant now = Instant.parse("2026-11-30T12:07:00Z");
        List<LoadSample> all = samples(Instant.parse("2026-10-25T00:00:00Z"), 2);
        HistoryDigest empty = HistoryDigest.empty(START, SPAN, 0.95, PredictAndScaleService.FINE_HISTORY);
        assertSame(empty.view(between(all, START, now), now), whole(all, now, SPAN));
        assertThat(empty.view(List.of(), now).hourly()).isNull();

        Duration shortSpan = Duration.ofDays(3);
        List<LoadSample> recent = samples(now, 3);
        HistoryDigest digest = HistoryDigest.empty(START, shortSpan, 0.95, PredictAndScaleService.FINE_HISTORY)
                .advance(recent, Instant.parse("2026-11-30T09:00:00Z"));
        assertSame(digest.view(between(recent, digest.covered(), now), now), whole(recent, now, shortSpan));
    }

    @Test
    void aDigestForAnotherSpanOrAnUnreadableOneIsNotUsed() {
        byte[] encoded = HistoryDigest.empty(START, SPAN, 0.95, PredictAndScaleService.FINE_HISTORY)
                .encode();
        assertThat(HistoryDigest.decode(encoded, Duration.ofDays(14), 0.95, PredictAndScaleService.FINE_HISTORY))
                .isEmpty();
        assertThat(HistoryDigest.decode(encoded, SPAN, 0.5, PredictAndScaleService.FINE_HISTORY))
                .isEmpty();
        assertThat(HistoryDigest.decode(new byte[] {1, 2, 3}, SPAN, 0.95, PredictAndScaleService.FINE_HISTORY))
                .isEmpty();
        assertThat(HistoryDigest.decode(encoded, SPAN, 0.95, PredictAndScaleService.FINE_HISTORY))
                .isPresent();
    }
}
