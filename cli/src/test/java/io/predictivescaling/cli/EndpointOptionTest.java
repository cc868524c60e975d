package io.predictivescaling.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.predictivescaling.cli.local.AwsEndpoint;
import io.predictivescaling.cli.local.EmulatorEndpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** {@code --endpoint} means the same wherever it appears: it is declared once, by AwsEndpoint or EmulatorEndpoint. */
class EndpointOptionTest {
    private static String description(Object mixin) {
        return String.join(
                " ",
                new CommandLine(mixin).getCommandSpec().findOption("--endpoint").description());
    }

    private static void collect(CommandLine cmd, Map<String, String> out) {
        OptionSpec option = cmd.getCommandSpec().findOption("--endpoint");
        if (option != null) {
            out.put(cmd.getCommandSpec().qualifiedName(), String.join(" ", option.description()));
        }
        cmd.getSubcommands().values().forEach(sub -> collect(sub, out));
    }

    @Test
    void everyCommandWithAnEndpointDeclaresItThroughOneOfTheTwoSharedOptions() {
        Map<String, String> found = new TreeMap<>();
        collect(new CommandLine(new Main()), found);
        List<String> shared =
                new ArrayList<>(List.of(description(new AwsEndpoint()), description(new EmulatorEndpoint())));

        assertThat(found)
                .containsKeys(
                        "predictive-scaling demo",
                        "predictive-scaling report",
                        "predictive-scaling add-event",
                        "predictive-scaling invoke",
                        "predictive-scaling backtest");
        assertThat(found)
                .allSatisfy(
                        (command, description) -> assertThat(shared).as(command).contains(description));
    }
}
