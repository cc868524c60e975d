package io.predictivescaling;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.predictivescaling.common.Stats;
import io.predictivescaling.testing.PackageRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shared module's packages: no cycles, and each imports only what its package-info.java allows. The cli module's
 * WholeProjectPackageDependenciesTest checks the same over every module together.
 */
class PackageDependenciesTest {
    private static JavaClasses production;

    @BeforeAll
    static void importClasses() {
        production = PackageRules.productionClasses();
    }

    @Test
    void noPackageDependsOnAnotherThatDependsBackOnIt() {
        PackageRules.assertNoCycles(production);
    }

    @Test
    void everyPackageImportsOnlyWhatItsPackageInfoAllows() {
        PackageRules.assertImportsAllowed(production);
    }

    @Test
    void aMedianIsComputedInOnePlaceSoEmptyInputMeansTheSameEverywhere() {
        methods()
                .that()
                .haveName("median")
                .should()
                .beDeclaredIn(Stats.class)
                .because("four medians once disagreed on empty input (NaN, 0, an exception); use common.Stats")
                .check(production);
    }
}
