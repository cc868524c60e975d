package io.predictivescaling.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/** What {@code demo} shows of the handlers' logs: quiet by default, everything with --verbose. */
// Swaps System.out/err to read what the command printed: nothing else may print meanwhile.
@Isolated
class CliContextTest {

    @Test
    void quietDropsRoutineLogsButNeverWarningsAndVerboseShowsAll() {
        String quiet = logged(new CliContext("demo", true));
        String verbose = logged(new CliContext("demo", false));

        assertThat(quiet)
                .doesNotContain("planned 3 actions")
                .doesNotContain("routine")
                .contains("WARN metric checkout-rps is stale")
                .contains("ERROR table missing");
        assertThat(verbose)
                .contains("planned 3 actions")
                .contains("INFO routine")
                .contains("WARN metric checkout-rps is stale")
                .contains("ERROR table missing");
    }

    private static String logged(CliContext context) {
        var err = new ByteArrayOutputStream();
        PrintStream stderr = System.err;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            context.getLogger().log("planned 3 actions");
            context.getLogger().log("routine", LogLevel.INFO);
            context.getLogger().log("metric checkout-rps is stale", LogLevel.WARN);
            context.getLogger().log("table missing", LogLevel.ERROR);
        } finally {
            System.setErr(stderr);
        }
        return err.toString(StandardCharsets.UTF_8);
    }
}
