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
    void aNonsensicalObjectiveOrBudgetIsRefused() {
        assertThatThrownBy(() -> new SizingChooser(0, 1.2)).hasMessageContaining("objective");
        assertThatThrownBy(() -> new SizingChooser(0.005, 0.9)).hasMessageContaining("costCap");
    }
}
