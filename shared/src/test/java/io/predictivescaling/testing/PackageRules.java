package io.predictivescaling.testing;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.predictivescaling.aws.local.ProjectRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The project's package rules, checked on compiled production classes with ArchUnit:
 * <ul>
 *   <li>no cycles between packages of {@code io.predictivescaling} (every package is its own slice, so
 *       {@code cli} and {@code cli.backtest} count as two);</li>
 *   <li>each package uses only the project packages its {@code package-info.java} lists after
 *       {@code <b>May import:</b>} (a comma-separated list ending with a full stop, or "nothing from this
 *       project").</li>
 * </ul>
 * Dependencies are those in the bytecode (types used, calls, fields, annotations); a Javadoc-only import is not one.
 */
public final class PackageRules {
    private static final String ROOT = "io.predictivescaling";
    private static final Pattern MAY_IMPORT = Pattern.compile("<b>May import:</b>([^.]*(?:\\.[a-z][^.]*)*)\\.");

    private PackageRules() {}

    private static JavaClasses production;

    /**
     * The production classes of {@code io.predictivescaling} on the classpath: no test classes or test jars. Imported
     * once per test JVM (about 2 s) and shared by the tests that read them (the classes are immutable).
     */
    public static synchronized JavaClasses productionClasses() {
        if (production == null) {
            // Only the project's own classes matter here: do not follow references into the AWS SDK and other
            // libraries (that would take half a minute and add nothing to a rule about the project's packages).
            ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
            production = new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .withImportOption(location -> !location.contains("-tests.jar"))
                    .importPackages(ROOT);
        }
        return production;
    }

    /** Fails, naming each cycle and the dependencies that close it, when two packages depend on each other. */
    public static void assertNoCycles(JavaClasses classes) {
        slices().matching(ROOT + ".(**)")
                .namingSlices("$1")
                .should()
                .beFreeOfCycles()
                .because("a package cycle means neither package can be understood, tested or moved alone; move the "
                        + "shared type down (e.g. into common) or invert the dependency with a port")
                .check(classes);
    }

    /** Fails, listing every offending dependency, when a package uses a project package its package-info omits. */
    public static void assertImportsAllowed(JavaClasses classes) {
        Map<String, Set<String>> allowed = mayImport(ProjectRoot.get());
        Set<String> problems = new TreeSet<>();
        for (JavaClass origin : classes) {
            String from = relative(origin.getPackageName());
            Set<String> mayUse = allowed.get(from);
            if (mayUse == null) {
                problems.add("package " + from + " has no package-info.java with a '<b>May import:</b> ...' line");
                continue;
            }
            for (Dependency d : origin.getDirectDependenciesFromSelf()) {
                JavaClass target = d.getTargetClass().getBaseComponentType();
                String to = target.getPackageName();
                if (!to.startsWith(ROOT + ".") || relative(to).equals(from) || mayUse.contains(relative(to))) {
                    continue;
                }
                problems.add(from + " -> " + relative(to) + " (" + origin.getSimpleName() + " uses "
                        + target.getSimpleName() + ") is not in " + from + "'s package-info 'May import:' list");
            }
        }
        if (!problems.isEmpty()) {
            throw new AssertionError("package dependencies not allowed by their package-info.java (list the "
                    + "package there if the dependency is intended and closes no cycle):\n  "
                    + String.join("\n  ", problems));
        }
    }

    /** Package (relative to io.predictivescaling) to the packages its package-info says it may import. */
    static Map<String, Set<String>> mayImport(Path root) {
        Map<String, Set<String>> allowed = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(f -> f.getFileName().toString().equals("package-info.java"))
                    .filter(f -> f.toString().contains("src" + f.getFileSystem().getSeparator() + "main"))
                    .toList()) {
                String text = Files.readString(p);
                Matcher pkg = Pattern.compile("(?m)^package\\s+([\\w.]+);").matcher(text);
                Matcher may = MAY_IMPORT.matcher(text.replaceAll("(?m)^\\s*\\*", " "));
                if (!pkg.find() || !may.find()) {
                    continue;
                }
                String list = may.group(1).trim();
                allowed.put(
                        relative(pkg.group(1)),
                        list.startsWith("nothing")
                                ? Set.of()
                                : Arrays.stream(list.split(","))
                                        .map(String::trim)
                                        .collect(Collectors.toSet()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return allowed;
    }

    private static String relative(String packageName) {
        return packageName.equals(ROOT) ? "" : packageName.substring(ROOT.length() + 1);
    }
}
