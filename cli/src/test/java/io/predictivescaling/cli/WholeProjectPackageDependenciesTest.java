package io.predictivescaling.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.predictivescaling.testing.PackageRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package rules over every module at once (shared, the seven functions and the CLI are all on this module's
 * classpath): no package cycles, also between the CLI's own packages, and each package imports only what its
 * package-info.java allows.
 */
class WholeProjectPackageDependenciesTest {
    private static JavaClasses production;

    @BeforeAll
    static void importClasses() {
        production = PackageRules.productionClasses();
    }

    @Test
    void everyModuleIsOnTheClasspathSoNoneIsLeftUnchecked() {
        assertThat(production.stream().map(c -> c.getPackageName()).distinct())
                .contains(
                        "io.predictivescaling.cli",
                        "io.predictivescaling.cli.backtest",
                        "io.predictivescaling.scaling",
                        "io.predictivescaling.functions.predictandscale",
                        "io.predictivescaling.functions.scorefeedback");
    }

    @Test
    void noPackageDependsOnAnotherThatDependsBackOnIt() {
        PackageRules.assertNoCycles(production);
    }

    @Test
    void everyPackageImportsOnlyWhatItsPackageInfoAllows() {
        PackageRules.assertImportsAllowed(production);
    }
}
