package io.predictivescaling.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SizingTest {
    @Test
    void tuningIsOfferedEveryQuantileAtEveryUtilizationFromTheTargetToFullAndSpareUnitsWhereTheMarginIsThin() {
        List<Sizing> grid = Sizing.candidates(0.7);

        assertThat(grid).hasSize(40).doesNotHaveDuplicates();
        assertThat(grid.stream().map(Sizing::label).distinct()).hasSize(40);
        // A forecast good enough to be sized at full utilization is offered that, at every quantile, without spare
        // units (before, the only sizing at 100% was the P50 +3 units).
        assertThat(grid)
                .contains(
                        new Sizing(0.5, 1.0),
                        new Sizing(0.65, 1.0),
                        new Sizing(0.8, 1.0),
                        new Sizing(0.9, 1.0),
                        new Sizing(0.8, 0.7),
                        new Sizing(0.9, 0.7));
        assertThat(grid.stream().map(Sizing::floorUtilization).distinct().sorted())
                .usingElementComparator((a, b) -> Math.abs(a - b) < 1e-9 ? 0 : Double.compare(a, b))
                .containsExactly(0.7, 0.8, 0.9, 1.0);
        assertThat(grid.stream().mapToDouble(Sizing::floorUtilization).max().orElseThrow())
                .as("exactly full, not 0.9999...")
                .isEqualTo(1.0);
        assertThat(grid.stream().map(Sizing::quantile).distinct()).containsExactlyInAnyOrder(0.5, 0.65, 0.8, 0.9);
        for (double q : List.of(0.5, 0.65, 0.8, 0.9)) {
            for (double u : List.of(0.9, 1.0)) {
                for (int spare = 0; spare <= 3; spare++) {
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

        assertThat(grid).doesNotHaveDuplicates().hasSize(4 + 4 * 3);
        assertThat(grid).allMatch(z -> z.floorUtilization() == 1.0);
    }
}
