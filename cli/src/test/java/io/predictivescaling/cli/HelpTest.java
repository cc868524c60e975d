package io.predictivescaling.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** What a new user meets first: help that works as they type it, describes every option and warns about nothing. */
class HelpTest {

    @Test
    void helpAndHelpCommandPrintTheUsage() {
        CliRun all = CliRun.of("help");
        CliRun report = CliRun.of("help", "report");

        assertThat(all.exit()).isZero();
        assertThat(all.out())
                .contains("Usage: predictive-scaling")
                .contains("backtest")
                .contains("add-event");
        assertThat(report.exit()).isZero();
        assertThat(report.out()).startsWith("Usage: predictive-scaling report").contains("--since");
    }

    @Test
    void everyCommandsHelpDescribesEveryOptionShowsDefaultsAndWarnsAboutNothing() {
        CommandLine root = new CommandLine(new Main());
        List<String> undescribed = new ArrayList<>();
        for (CommandLine command : root.getSubcommands().values()) {
            CommandSpec spec = command.getCommandSpec();
            for (OptionSpec option : spec.options()) {
                if (String.join("", option.description()).isBlank()) {
                    undescribed.add(spec.qualifiedName() + " " + option.longestName());
                }
            }
            String name = spec.name();
            if (name.equals("help")) {
                continue;
            }
            CliRun help = CliRun.of(name, "--help");
            assertThat(help.exit()).isZero();
            assertThat(help.err()).as(name + " --help on stderr").doesNotContain("[picocli WARN]");
            for (OptionSpec option : spec.options()) {
                if (option.defaultValue() != null
                        && !option.defaultValue().isEmpty()
                        && !option.type().equals(boolean.class)) {
                    assertThat(help.out())
                            .as(name + " shows the default of " + option.longestName())
                            .contains("Default: " + option.defaultValue());
                }
            }
        }
        assertThat(undescribed).as("options without a description").isEmpty();
    }
}
