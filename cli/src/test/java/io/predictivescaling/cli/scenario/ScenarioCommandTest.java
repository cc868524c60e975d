package io.predictivescaling.cli.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
        assertThat(Main.run("scenario", "game-release", "--out", out.toString()))
                .isZero();

        List<DecisionLog.Row> rows = ScenarioCommand.read(out.resolve("decisions.csv"));
        Instant release = s.moment();
        DecisionLog.Row trend = first(rows, "trend", release.minus(Duration.ofHours(30)));
        assertThat(trend.time())
                .as("mentions trend a day ahead")
                .isBetween(release.minus(Duration.ofHours(26)), release.minus(Duration.ofHours(20)));
        DecisionLog.Row event = first(rows, "event", release.minus(Duration.ofDays(4)));
        assertThat(event.seen()).contains("Season 6");
        assertThat(event.time()).isBefore(trend.time());

        List<DecisionLog.Row> raises = DecisionLog.raisesBefore(rows, release);
        assertThat(raises).as("a gradual raise").hasSizeGreaterThanOrEqualTo(4);
        assertThat(raises.get(0).time())
                .as("starting at least 6 h ahead")
                .isBefore(release.minus(Duration.ofHours(6)).plusSeconds(1));
        assertThat(raises.get(0).time()).isAfter(trend.time());
        assertThat(raises)
                .as("raised for the release")
                .anyMatch(r -> r.why().contains("event: game_release 'Season 6'"));
        DecisionLog.Row full =
                raises.stream().filter(r -> r.kind().equals("full")).findFirst().orElseThrow();
        assertThat(full.time())
                .as("full capacity an hour before the release")
                .isBefore(release.minus(Duration.ofHours(1)).plusSeconds(1));

        DecisionLog.Row firstRaise = raises.get(0);
        assertThat(List.of(event.time(), trend.time(), firstRaise.time(), full.time(), release))
                .as("in order: the event seen, the trend, the first raise, full capacity, the release")
                .isSorted();
        assertThat(full.why())
                .as("the release's effect hour by hour, not one average over its window")
                .contains("hour by hour");

        List<Integer> peaks = ScenarioCommand.dailyPeakFloors(out.resolve("timeline.csv"), release, 4);
        assertThat(peaks.get(1))
                .as("scale-down over three days, day by day: %s", peaks)
                .isLessThan(peaks.get(0));
        assertThat(peaks.get(2)).as("%s", peaks).isLessThanOrEqualTo(peaks.get(1));
        assertThat(peaks.get(3)).as("%s", peaks).isLessThan(peaks.get(2));
        DecisionLog.Row down = rows.stream()
                .filter(r -> r.kind().equals("scale-down") && r.time().isAfter(release))
                .findFirst()
                .orElseThrow();
        assertThat(down.time()).isBefore(release.plus(Duration.ofHours(6)));
        assertThat(Files.readAllLines(out.resolve("timeline.csv")).get(0)).endsWith(",hype,eventFactor,socialFactor");

        // What each signal added, step by step, adds up to predictive's capacity over reactive's.
        JsonNode summary =
                new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        JsonNode added = summary.get("capacityAddedBySignal");
        assertThat(added.fieldNames()).toIterable().containsExactly("forecast", "events", "social");
        double sum = 0;
        for (JsonNode signal : added) {
            sum += signal.get("addedUnitHours").asDouble();
        }
        JsonNode policies = summary.get("policies");
        assertThat(sum)
                .isCloseTo(
                        policies.get("predictive").get("capacityUnitHours").asDouble()
                                - policies.get("reactive")
                                        .get("capacityUnitHours")
                                        .asDouble(),
                        within(1e-6));
        assertThat(added.get("events").get("underProvisionedAfter").asDouble())
                .as("the release's events cut under-provisioning")
                .isLessThan(added.get("events").get("underProvisionedBefore").asDouble());
    }

    @Test
    void viralMomentTrendsRaisesAndPreparesBeforeTheBurst() throws Exception {
        Scenario s = Scenario.viralMoment(Scenario.SEED);
        assertThat(Main.run("scenario", "viral-moment", "--out", out.toString()))
                .isZero();

        List<DecisionLog.Row> rows = ScenarioCommand.read(out.resolve("decisions.csv"));
        Instant burst = s.moment();
        Instant from = burst.minus(Duration.ofMinutes(30));
        int trend = indexOf(rows, "trend", from);
        int raise = Math.min(indexOf(rows, "raise", from), indexOf(rows, "full", from));
        int prepare = indexOf(rows, "prepare-for-spike", from);
        assertThat(trend).as("the trend, then the raise, then PrepareForSpike").isLessThan(raise);
        assertThat(raise).isLessThan(prepare);
        for (int i : List.of(trend, raise, prepare)) {
            assertThat(rows.get(i).time())
                    .as(rows.get(i).kind() + " before the burst")
                    .isBefore(burst);
        }
        assertThat(rows.get(raise).why()).contains("social: yourapp mentions").contains("expected");
        assertThat(rows.get(prepare).planned()).startsWith("PrepareForSpike: critical");
    }

    private static DecisionLog.Row first(List<DecisionLog.Row> rows, String kind, Instant from) {
        return rows.stream()
                .filter(r -> r.kind().equals(kind) && !r.time().isBefore(from))
                .findFirst()
                .orElseThrow();
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
