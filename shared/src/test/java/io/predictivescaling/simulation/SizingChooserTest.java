package io.predictivescaling.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SizingChooserTest {
    final SizingChooser chooser = new SizingChooser(0.005, 1.15);
    final SizingChooser.Record reactive = new SizingChooser.Record(1000, 80, 100);

    @Test
    void theCheapestSizingThatMetTheObjectiveWithinBudgetWins() {
        List<SizingChooser.Record> candidates = List.of(
                new SizingChooser.Record(1000, 20, 104), // cheap, misses the objective
                new SizingChooser.Record(1000, 4, 110), // meets it
                new SizingChooser.Record(1000, 1, 114)); // meets it, dearer

        assertThat(chooser.choose(candidates, reactive)).isEqualTo(1);
    }

    @Test
    void aSizingThatMetTheObjectiveByItsLastIntervalIsNotTrustedOverOneWithRoomToSpare() {
        // A week of 5-minute intervals allows 10 under-provisioned at 0.5%. Among 40 sizings the cheapest one that
        // passed right at the limit is the likeliest to have been lucky; judged by (under + 1/2) / (intervals + 1),
        // the posterior mean under Jeffreys' prior, 10 of 2016 no longer passes, 9 does.
        SizingChooser.Record week = new SizingChooser.Record(2016, 160, 1000);
        List<SizingChooser.Record> candidates = List.of(
                new SizingChooser.Record(2016, 10, 1010), // 0.496%: passed by its last interval
                new SizingChooser.Record(2016, 9, 1020),
                new SizingChooser.Record(2016, 0, 1100));

        assertThat(chooser.choose(candidates, week)).isEqualTo(1);
        assertThat(chooser.choose(
                        List.of(new SizingChooser.Record(24, 0, 1010), new SizingChooser.Record(24, 0, 1020)),
                        new SizingChooser.Record(24, 3, 1000)))
                .as("a day of hourly intervals without any under-provisioned still passes: nothing can show less")
                .isZero();
    }

    @Test
    void whenNoneMeetsTheObjectiveWithinBudgetTheLeastUnderProvisionedWithinBudgetWins() {
        List<SizingChooser.Record> candidates = List.of(
                new SizingChooser.Record(1000, 30, 104),
                new SizingChooser.Record(1000, 12, 113),
                new SizingChooser.Record(1000, 2, 130)); // meets the objective but costs 1.3x target tracking

        assertThat(chooser.choose(candidates, reactive)).isEqualTo(1);
    }

    @Test
    void whenEverySizingIsOverBudgetTheCheapestWins() {
        List<SizingChooser.Record> candidates =
                List.of(new SizingChooser.Record(1000, 0, 140), new SizingChooser.Record(1000, 0, 125));

        assertThat(chooser.choose(candidates, reactive)).isEqualTo(1);
    }

    @Test
    void burstyLoadThatNoSizingCoversWithinBudgetIsSizedForTenPercentWithinTenPercentMoreThanTargetTracking() {
        SizingChooser.Record alone = new SizingChooser.Record(1000, 250, 100);
        List<SizingChooser.Record> candidates = List.of(
                new SizingChooser.Record(1000, 130, 103),
                new SizingChooser.Record(1000, 95, 106), // 9.5% at 1.06x: the bursty objective within its budget
                new SizingChooser.Record(1000, 80, 109),
                new SizingChooser.Record(1000, 65, 113)); // least under within 1.15x: the usual choice

        assertThat(chooser.choose(candidates, alone, 2.4)).isEqualTo(1);
        assertThat(chooser.choseBursty(candidates, alone, 2.4)).isTrue();
        assertThat(chooser.choose(candidates, alone, 1.4))
                .as("the same replays of load whose bursts are no larger than its daily cycle's noise")
                .isEqualTo(3);
    }

    @Test
    void sizingsUnderAHotterTargetAreTakenOnlyForBurstyLoadTheUsualOnesCouldNotCover() {
        SizingChooser.Record alone = new SizingChooser.Record(1000, 250, 100);
        List<SizingChooser.Record> candidates = List.of(
                new SizingChooser.Record(1000, 130, 103), // under the configured target
                new SizingChooser.Record(1000, 65, 113),
                new SizingChooser.Record(1000, 92, 101), // the same sizings under a hotter target: 9.2% at 1.01x
                new SizingChooser.Record(1000, 4, 104)); // 0.4% at 1.04x: would meet the usual objective too

        assertThat(chooser.choose(candidates, 2, alone, 2.4))
                .as("bursty: the cheapest of all at the bursty objective")
                .isEqualTo(2);
        assertThat(chooser.choose(candidates, 2, alone, 1.4))
                .as("the same replays of load that is not bursty: the usual sizings only, the least under within 1.15x")
                .isEqualTo(1);
        List<SizingChooser.Record> covered = List.of(
                new SizingChooser.Record(1000, 3, 112), // the usual sizings cover bursty load within budget
                new SizingChooser.Record(1000, 30, 104),
                new SizingChooser.Record(1000, 2, 101));
        assertThat(chooser.choose(covered, 2, alone, 2.4)).isEqualTo(0);
    }

    @Test
    void burstyLoadThatFloorsDoCoverKeepsTheUsualObjective() {
        List<SizingChooser.Record> candidates =
                List.of(new SizingChooser.Record(1000, 90, 104), new SizingChooser.Record(1000, 30, 112));

        assertThat(chooser.choose(candidates, reactive, 2.4)).isEqualTo(1);
        assertThat(chooser.choseBursty(candidates, reactive, 2.4)).isFalse();
    }

    @Test
    void aStricterConfiguredBudgetStillHoldsForBurstyLoad() {
        SizingChooser strict = new SizingChooser(0.005, 1.05);
        List<SizingChooser.Record> candidates =
                List.of(new SizingChooser.Record(1000, 140, 104), new SizingChooser.Record(1000, 95, 108));

        assertThat(strict.choose(candidates, new SizingChooser.Record(1000, 250, 100), 2.4))
                .isEqualTo(0);
    }

    @Test
    void aNonsensicalObjectiveOrBudgetIsRefused() {
        assertThatThrownBy(() -> new SizingChooser(0, 1.2)).hasMessageContaining("objective");
        assertThatThrownBy(() -> new SizingChooser(0.005, 0.9)).hasMessageContaining("costCap");
    }
}
