package io.predictivescaling.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.predictivescaling.aws.AwsClients;
import io.predictivescaling.aws.Retry;
import io.predictivescaling.aws.local.Moto;
import io.predictivescaling.aws.local.TemplateTables;
import io.predictivescaling.cli.local.LocalAws;
import io.predictivescaling.feedback.Accuracy;
import io.predictivescaling.feedback.DynamoDbFeedbackStore;
import java.time.Instant;
import java.util.OptionalDouble;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code report} against moto: --target and --since choose what is shown, and say so when nothing matches. */
class ReportCommandIT {
    static final String TABLE = "report-test-accuracy";
    static String endpoint;

    @BeforeAll
    static void accuracyOfTwoTargets() {
        endpoint = LocalAws.use(Moto.endpoint().toString());
        var dynamo = AwsClients.dynamoDb();
        TemplateTables.create(dynamo, "AccuracyTable", TABLE);
        var store = new DynamoDbFeedbackStore(dynamo, "unused", TABLE, Retry.standard());
        Accuracy a = new Accuracy(24, 12.5, 11.0, 2.0, 0.8, 1, 0, 23, 48, 96, OptionalDouble.empty());
        store.saveAccuracy("checkout", "last24h#all", a, Instant.parse("2026-11-27T10:00:00Z"));
        store.saveAccuracy("checkout", "last24h#horizon=PT1H", a, Instant.parse("2026-11-28T10:00:00Z"));
        store.saveAccuracy("search", "last24h#all", a, Instant.parse("2026-11-20T10:00:00Z"));
    }

    @Test
    void anUnknownTargetSaysSoAndNamesTheKnownOnes() {
        CliRun run = CliRun.of("report", "--endpoint", endpoint, "--accuracy-table", TABLE, "--target", "nope");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().strip())
                .isEqualTo("error: unknown target 'nope': targets with accuracy in " + TABLE + ": checkout, search");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void sinceADateKeepsOnlyScopesUpdatedFromThatDaysMidnightUtc() {
        CliRun run = CliRun.of("report", "--endpoint", endpoint, "--accuracy-table", TABLE, "--since", "2026-11-28");

        assertThat(run.exit()).isZero();
        assertThat(run.out())
                .contains("== checkout")
                .contains("horizon=PT1H")
                .doesNotContain("== search")
                .doesNotContain("\nall ");
    }

    @Test
    void sinceAnInstantOrAUtcTimeFilterTheSameWay() {
        CliRun instant = CliRun.of(
                "report", "--endpoint", endpoint, "--accuracy-table", TABLE, "--since", "2026-11-20T09:00:00Z");
        CliRun local =
                CliRun.of("report", "--endpoint", endpoint, "--accuracy-table", TABLE, "--since", "2026-11-27T10:00");
        CliRun none = CliRun.of("report", "--endpoint", endpoint, "--accuracy-table", TABLE, "--since", "2026-12-01");

        assertThat(instant.out()).contains("== checkout").contains("== search");
        assertThat(local.out()).contains("== checkout").doesNotContain("== search");
        assertThat(none.exit()).isZero();
        assertThat(none.out().strip()).startsWith("no accuracy recorded since 2026-12-01T00:00:00Z in " + TABLE);
    }

    @Test
    void aSinceThatIsNotATimeSaysWhatIsAccepted() {
        CliRun run = CliRun.of("report", "--endpoint", endpoint, "--accuracy-table", TABLE, "--since", "yesterday");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("'yesterday' is not a date or time: use 2026-11-28");
    }
}
