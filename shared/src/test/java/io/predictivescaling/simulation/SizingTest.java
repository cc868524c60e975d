package io.predictivescaling.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SizingTest {
    @Test
    void tuningIsOfferedEveryQuantileAtEveryUtilizationFromTheTargetToFullAndSpareUnitsWhereTheMarginIsThin() {
        List<Sizing> grid = Sizing.candidates(0.7);

        assertThat(grid).hasSize(36).doesNotHaveDuplicates();
        assertThat(grid.stream().map(Sizing::label).distinct()).hasSize(36);
        // A forecast good enough to need little margin is offered little: the median at 90%, at 100% with one spare
        // unit, and every quantile at every utilization below full (before: the P80 or P90 only, the median only at
        // 80% +2 units and 100% +3 units).
        assertThat(grid)
                .contains(
                        new Sizing(0.5, 0.9),
                        new Sizing(0.65, 0.9),
                        new Sizing(0.5, 1.0, 1),
                        new Sizing(0.65, 1.0, 1),
                        new Sizing(0.8, 0.7),
                        new Sizing(0.9, 0.7));
        assertThat(grid)
                .as("full utilization only with a spare unit: the forecast's band alone is no margin at an event")
                .allMatch(z -> z.floorUtilization() < 1.0 || z.spare() > 0);
        assertThat(grid.stream().map(Sizing::floorUtilization).distinct().sorted())
                .usingElementComparator((a, b) -> Math.abs(a - b) < 1e-9 ? 0 : Double.compare(a, b))
                .containsExactly(0.7, 0.8, 0.9, 1.0);
        assertThat(grid.stream().mapToDouble(Sizing::floorUtilization).max().orElseThrow())
                .as("exactly full, not 0.9999...")
                .isEqualTo(1.0);
        assertThat(grid.stream().map(Sizing::quantile).distinct()).containsExactlyInAnyOrder(0.5, 0.65, 0.8, 0.9);
        for (double q : List.of(0.5, 0.65, 0.8, 0.9)) {
            for (double u : List.of(0.9, 1.0)) {
                for (int spare = u < 1.0 ? 0 : 1; spare <= 3; spare++) {
                    int s = spare;
                    assertThat(grid)
                            .as("P%.0f at %.0f%% +%d", 100 * q, 100 * u, s)
                            .anyMatch(z ->
                                    z.quantile() == q && Math.abs(z.floorUtilization() - u) < 1e-9 && z.spare() == s);
                }
            }
        }
        assertThat(grid)
                .as("spare units only two thirds of the way to full and above, where the margin is thin")
                .allMatch(z -> z.spare() == 0 || z.floorUtilization() >= 0.9 - 1e-9);
        assertThat(grid).first().isEqualTo(new Sizing(0.5, 0.7));
    }

    @Test
    void atAFullTargetUtilizationTheLevelsCoincideAndAreOfferedOnce() {
        List<Sizing> grid = Sizing.candidates(1.0);

        assertThat(grid).doesNotHaveDuplicates().hasSize(4 * 3);
        assertThat(grid).allMatch(z -> z.floorUtilization() == 1.0 && z.spare() > 0);
    }
}
