package io.predictivescaling.cli;

import io.predictivescaling.aws.AwsClients;
import io.predictivescaling.aws.Retry;
import io.predictivescaling.aws.Settings;
import io.predictivescaling.feedback.Accuracy;
import io.predictivescaling.feedback.DynamoDbFeedbackStore;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** {@code report}: the accuracy and efficiency tables score-feedback keeps, per target. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Prints accuracy (per horizon and signal) and scaling efficiency from the accuracy table.")
final class ReportCommand implements Callable<Integer> {
    @Option(names = "--target", description = "Only this target (default: every target in the table)")
    String target;

    @Option(names = "--since", description = "Only scopes updated at or after this ISO-8601 time")
    Instant since;

    @Option(names = "--unit-price", defaultValue = "0", description = "Price of one capacity unit per hour (default: the target's unitPricePerHour)")
    double unitPrice;

    @Option(names = "--endpoint", description = "Emulator endpoint, e.g. http://localhost:4566")
    String endpoint;

    @Option(names = "--accuracy-table", description = "Default: ACCURACY_TABLE, else the local demo's table")
    String accuracyTable;

    @Option(names = "--predictions-table", description = "Default: PREDICTIONS_TABLE, else the local demo's table")
    String predictionsTable;

    @Override
    public Integer call() {
        if (endpoint != null) {
            LocalAws.use(endpoint);
        }
        DynamoDbClient dynamo = AwsClients.dynamoDb();
        String accuracy = accuracyTable != null ? accuracyTable : Settings.optional("ACCURACY_TABLE", LocalAws.ACCURACY_TABLE);
        String predictions = predictionsTable != null ? predictionsTable
                : Settings.optional("PREDICTIONS_TABLE", LocalAws.PREDICTIONS_TABLE);
        var store = new DynamoDbFeedbackStore(dynamo, predictions, accuracy, Retry.standard());
        TreeSet<String> targets = new TreeSet<>();
        if (target != null) {
            targets.add(target);
        } else {
            dynamo.scanPaginator(r -> r.tableName(accuracy).projectionExpression("targetId"))
                    .items().forEach(i -> targets.add(i.get("targetId").s()));
        }
        if (targets.isEmpty()) {
            System.out.println("no accuracy recorded yet in " + accuracy + " (score-feedback runs hourly)");
            return 0;
        }
        for (String t : targets) {
            print(System.out, t, store.accuracies(t), store.signalConfidence(t));
            store.sizing(t).ifPresent(z -> System.out.println("floors sized (tuned " + z.tunedAt() + "): "
                    + z.reason()));
        }
        return 0;
    }

    void print(PrintStream out, String targetId, Map<String, Accuracy> scopes, Map<String, Double> confidence) {
        out.println("== " + targetId);
        out.printf(Locale.ROOT, "%-44s %6s %8s %8s %8s %9s%n", "accuracy (last 24 h)", "n", "MAPE%", "sMAPE%", "bias%",
                "coverage");
        scopes.forEach((scope, a) -> out.printf(Locale.ROOT, "%-44s %6d %8.1f %8.1f %+8.1f %8.0f%%%n",
                scope.replace("last24h#", ""), a.count(), a.mape(), a.smape(), a.bias(), 100 * a.coverage()));
        Accuracy all = scopes.get("last24h#all");
        if (all != null) {
            double saving = all.staticPeakUnitHours() == 0 ? 0
                    : 100 * (1 - all.capacityUnitHours() / all.staticPeakUnitHours());
            out.printf(Locale.ROOT, "efficiency: right-sized %d, over-scaled %d, under-scaled %d; planned %.1f unit-hours "
                            + "vs %.1f for a static peak-sized fleet (%.0f%% less)%n", all.rightSized(), all.overScaled(),
                    all.underScaled(), all.capacityUnitHours(), all.staticPeakUnitHours(), saving);
            double price = unitPrice > 0 ? unitPrice : all.unitPricePerHour();
            if (price > 0) {
                out.printf(Locale.ROOT, "cost: %.2f planned vs %.2f static peak-sized (at %.4f per unit-hour)%n",
                        all.capacityUnitHours() * price, all.staticPeakUnitHours() * price, price);
            }
        }
        if (!confidence.isEmpty()) {
            out.println("signal confidence: " + confidence);
        }
        if (since != null) {
            out.println("(scopes are rolling 24-hour windows updated hourly; --since " + since + ")");
        }
    }
}
