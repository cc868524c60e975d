package io.predictivescaling.cli.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.predictivescaling.backtest.DecisionLog;
import io.predictivescaling.cli.Main;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's two stories, read off their decision logs in order. */
class ScenarioCommandTest {
    @TempDir
    Path out;

    @Test
    void gameReleaseDetectsADayAheadRaisesGraduallyIsFullBeforeTheLoadAndScalesDownOverThreeDays() throws Exception {
        Scenario s = Scenario.gameRelease(Scenario.SEED);
        assertThat(Main.run("scenario", "game-release", "--out", out.toString())).isZero();

        List<DecisionLog.Row> rows = ScenarioCommand.read(out.resolve("decisions.csv"));
        Instant release = s.moment();
        DecisionLog.Row trend = first(rows, "trend", release.minus(Duration.ofHours(30)));
        assertThat(trend.time()).as("mentions trend a day ahead")
                .isBetween(release.minus(Duration.ofHours(26)), release.minus(Duration.ofHours(20)));
        DecisionLog.Row event = first(rows, "event", release.minus(Duration.ofDays(4)));
        assertThat(event.seen()).contains("Season 5");
        assertThat(event.time()).isBefore(trend.time());

        List<DecisionLog.Row> raises = DecisionLog.raisesBefore(rows, release);
        assertThat(raises).as("a gradual raise").hasSizeGreaterThanOrEqualTo(4);
        assertThat(raises.get(0).time()).as("starting at least 6 h ahead")
                .isBefore(release.minus(Duration.ofHours(6)).plusSeconds(1));
        assertThat(raises.get(0).time()).isAfter(trend.time());
        assertThat(raises).as("raised for the release").anyMatch(r -> r.why().contains("event: game_release 'Season 5'"));
        DecisionLog.Row full = raises.stream().filter(r -> r.kind().equals("full")).findFirst().orElseThrow();
        assertThat(full.time()).as("full capacity an hour before the release")
                .isBefore(release.minus(Duration.ofHours(1)).plusSeconds(1));

        List<Integer> peaks = ScenarioCommand.dailyPeakFloors(out.resolve("timeline.csv"), release, 4);
        // The day after the release may hold its level (the seasonal autoregression carries the release's
        // deviation a day forward); from then on the floors come down day by day.
        int releaseLevel = Math.max(peaks.get(0), peaks.get(1));
        assertThat(peaks.get(1)).as("no higher the day after: %s", peaks).isLessThanOrEqualTo(peaks.get(0) * 11 / 10);
        assertThat(peaks.get(2)).as("scale-down over three days: %s", peaks).isLessThan(releaseLevel);
        assertThat(peaks.get(3)).isLessThan(peaks.get(2));
        DecisionLog.Row down = rows.stream().filter(r -> r.kind().equals("scale-down") && r.time().isAfter(release))
                .findFirst().orElseThrow();
        assertThat(down.time()).isBefore(release.plus(Duration.ofHours(6)));
        assertThat(Files.readAllLines(out.resolve("timeline.csv")).get(0)).endsWith(",hype,eventFactor,socialFactor");
    }

    @Test
    void viralMomentTrendsRaisesAndPreparesBeforeTheBurst() throws Exception {
        Scenario s = Scenario.viralMoment(Scenario.SEED);
        assertThat(Main.run("scenario", "viral-moment", "--out", out.toString())).isZero();

        List<DecisionLog.Row> rows = ScenarioCommand.read(out.resolve("decisions.csv"));
        Instant burst = s.moment();
        Instant from = burst.minus(Duration.ofMinutes(30));
        int trend = indexOf(rows, "trend", from);
        int raise = Math.min(indexOf(rows, "raise", from), indexOf(rows, "full", from));
        int prepare = indexOf(rows, "prepare-for-spike", from);
        assertThat(trend).as("the trend, then the raise, then PrepareForSpike").isLessThan(raise);
        assertThat(raise).isLessThan(prepare);
        for (int i : List.of(trend, raise, prepare)) {
            assertThat(rows.get(i).time()).as(rows.get(i).kind() + " before the burst").isBefore(burst);
        }
        assertThat(rows.get(raise).why()).contains("social: yourapp mentions").contains("expected");
        assertThat(rows.get(prepare).planned()).startsWith("PrepareForSpike: critical");
    }

    private static DecisionLog.Row first(List<DecisionLog.Row> rows, String kind, Instant from) {
        return rows.stream().filter(r -> r.kind().equals(kind) && !r.time().isBefore(from)).findFirst().orElseThrow();
    }

    private static int indexOf(List<DecisionLog.Row> rows, String kind, Instant from) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).kind().equals(kind) && !rows.get(i).time().isBefore(from)) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }
}
