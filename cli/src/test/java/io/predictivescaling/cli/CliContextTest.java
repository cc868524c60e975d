package io.predictivescaling.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** What {@code demo} shows of the handlers' logs: quiet by default, everything with --verbose. */
class CliContextTest {

    @Test
    void quietDropsRoutineLogsButNeverWarningsAndVerboseShowsAll() {
        String quiet = logged(true);
        String verbose = logged(false);

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

    private static String logged(boolean quiet) {
        var err = new StringWriter();
        CliContext context = new CliContext("demo", quiet, new PrintWriter(err, true));
        context.getLogger().log("planned 3 actions");
        context.getLogger().log("routine", LogLevel.INFO);
        context.getLogger().log("metric checkout-rps is stale", LogLevel.WARN);
        context.getLogger().log("table missing", LogLevel.ERROR);
        return err.toString();
    }
}
