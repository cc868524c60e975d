package io.predictivescaling.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The documented demo: the handlers for real against moto, over a simulated day. */
class DemoCommandTest {
    @Test
    void theDemoLeavesPredictionsAndScheduledActionsAndSaysHowToSeeThem() {
        var out = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        int exit;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            exit = Main.run("demo", "--history-days", "10", "--days", "1");
        } finally {
            System.setOut(stdout);
        }

        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).isZero();
        Matcher count = Pattern.compile("scheduled actions on service/demo/web now: (\\d+)").matcher(text);
        assertThat(count.find()).isTrue();
        assertThat(Integer.parseInt(count.group(1))).isPositive();
        assertThat(text).contains("demo-web (ForecastAndScale): ").contains("predictive-scaling-2014")
                .contains("application-autoscaling describe-scheduled-actions --service-namespace ecs")
                .contains("dynamodb query --table-name predictive-scaling-predictions");
    }
}
