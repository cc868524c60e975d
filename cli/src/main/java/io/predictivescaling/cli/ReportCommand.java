package io.predictivescaling.cli;

import io.predictivescaling.aws.AwsClients;
import io.predictivescaling.aws.Retry;
import io.predictivescaling.aws.Settings;
import io.predictivescaling.cli.local.AwsEndpoint;
import io.predictivescaling.cli.local.LocalAws;
import io.predictivescaling.cli.local.UserError;
import io.predictivescaling.common.Env;
import io.predictivescaling.feedback.Accuracy;
import io.predictivescaling.feedback.DynamoDbFeedbackStore;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** {@code report}: the accuracy and efficiency tables score-feedback keeps, per target. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = "Prints accuracy (per horizon and signal) and scaling efficiency from the accuracy table.")
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--target", description = "Only this target (default: every target in the table)")
    String target;

    @Option(
            names = "--since",
            converter = SinceConverter.class,
            description = "Only scopes score-feedback updated "
                    + "at or after this time: a date (2026-11-28, midnight UTC), a UTC time (2026-11-28T14:00) or an instant "
                    + "(2026-11-28T14:00:00Z) (default: all)")
    Instant since;

    @Option(
            names = "--unit-price",
            description = "Price of one capacity unit per hour (default: the target's " + "unitPricePerHour)")
    Double unitPrice;

    @Mixin
    AwsEndpoint aws;

    @Option(names = "--accuracy-table", description = "Default: ACCURACY_TABLE, else the local demo's table")
    String accuracyTable;

    @Option(names = "--predictions-table", description = "Default: PREDICTIONS_TABLE, else the local demo's table")
    String predictionsTable;

    @Override
    public Integer call() {
        aws.use();
        DynamoDbClient dynamo = AwsClients.dynamoDb();
        String accuracy = accuracyTable != null
                ? accuracyTable
                : Settings.optional(Env.ACCURACY_TABLE.name(), LocalAws.ACCURACY_TABLE);
        String predictions = predictionsTable != null
                ? predictionsTable
                : Settings.optional(Env.PREDICTIONS_TABLE.name(), LocalAws.PREDICTIONS_TABLE);
        var store = new DynamoDbFeedbackStore(dynamo, predictions, accuracy, Retry.standard());
        // Each scope's last update, per target: what --target and --since choose from.
        Map<String, Map<String, Instant>> updated = new java.util.TreeMap<>();
        dynamo.scanPaginator(r -> r.tableName(accuracy)
                        .projectionExpression("targetId, #s, updatedAt")
                        .expressionAttributeNames(Map.of("#s", "scope")))
                .items()
                .forEach(i -> updated.computeIfAbsent(i.get("targetId").s(), k -> new java.util.HashMap<>())
                        .put(
                                i.get("scope").s(),
                                i.containsKey("updatedAt")
                                        ? Instant.parse(i.get("updatedAt").s())
                                        : Instant.EPOCH));
        if (target != null && !updated.containsKey(target)) {
            throw new UserError("unknown target '" + target + "': "
                    + (updated.isEmpty()
                            ? "no target has accuracy in " + accuracy + " yet (score-feedback runs hourly)"
                            : "targets with accuracy in " + accuracy + ": " + String.join(", ", updated.keySet())));
        }
        TreeSet<String> targets = new TreeSet<>(target != null ? java.util.Set.of(target) : updated.keySet());
        if (since != null) {
            targets.removeIf(t -> updated.get(t).values().stream().noneMatch(at -> !at.isBefore(since)));
        }
        if (targets.isEmpty()) {
            spec.commandLine()
                    .getOut()
                    .println("no accuracy recorded" + (since != null ? " since " + since : " yet") + " in " + accuracy
                            + " (score-feedback runs hourly)");
            return 0;
        }
        for (String t : targets) {
            Map<String, Accuracy> scopes = new java.util.LinkedHashMap<>(store.accuracies(t));
            if (since != null) {
                scopes.keySet()
                        .removeIf(scope -> updated.get(t)
                                .getOrDefault(scope, Instant.EPOCH)
                                .isBefore(since));
            }
            print(spec.commandLine().getOut(), t, scopes, store.signalConfidence(t));
            store.sizing(t)
                    .ifPresent(z -> spec.commandLine()
                            .getOut()
                            .println("floors sized (tuned " + z.tunedAt() + "): " + z.reason()));
        }
        return 0;
    }

    void print(PrintWriter out, String targetId, Map<String, Accuracy> scopes, Map<String, Double> confidence) {
        out.println("== " + targetId);
        out.printf(
                Locale.ROOT,
                "%-44s %6s %8s %8s %8s %9s%n",
                "accuracy (last 24 h)",
                "n",
                "MAPE%",
                "sMAPE%",
                "bias%",
                "coverage");
        scopes.forEach((scope, a) -> out.printf(
                Locale.ROOT,
                "%-44s %6d %8.1f %8.1f %+8.1f %8.0f%%%n",
                scope.replace("last24h#", ""),
                a.count(),
                a.mape(),
                a.smape(),
                a.bias(),
                100 * a.coverage()));
        Accuracy all = scopes.get("last24h#all");
        if (all != null) {
            double saving = all.staticPeakUnitHours() == 0
                    ? 0
                    : 100 * (1 - all.capacityUnitHours() / all.staticPeakUnitHours());
            out.printf(
                    Locale.ROOT,
                    "efficiency: right-sized %d, over-scaled %d, under-scaled %d; planned %.1f unit-hours "
                            + "vs %.1f for a static peak-sized fleet (%.0f%% less)%n",
                    all.rightSized(),
                    all.overScaled(),
                    all.underScaled(),
                    all.capacityUnitHours(),
                    all.staticPeakUnitHours(),
                    saving);
            OptionalDouble configured = unitPrice != null ? OptionalDouble.of(unitPrice) : all.unitPricePerHour();
            if (configured.isPresent()) {
                double price = configured.getAsDouble();
                out.printf(
                        Locale.ROOT,
                        "cost: %.2f planned vs %.2f static peak-sized (at %.4f per unit-hour)%n",
                        all.capacityUnitHours() * price,
                        all.staticPeakUnitHours() * price,
                        price);
            }
        }
        if (!confidence.isEmpty()) {
            out.println("signal confidence: " + confidence);
        }
        if (since != null) {
            out.println("(scopes updated since " + since + "; each is a rolling 24-hour window)");
        }
    }
}
