package io.predictivescaling.feedback;

import io.predictivescaling.aws.Retry;
import io.predictivescaling.planning.PlanningCore;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Feedback on DynamoDB. Predictions are read in both layouts of the predictions table: short-horizon predictions
 * (and hourly ones stored before issue 19) one item each, and each hour's hourly path one {@link PathItem}.
 * The load that really came in an interval is one item of the predictions table beside the
 * interval's predictions, sort key {@code <forecastTime>#actual#<resolution>} (e.g.
 * {@code 2026-11-27T21:00:00Z#actual#PT1H}) with {@code actualLoad}, {@code statistic}, {@code errors} (horizon to
 * predicted - actual) and {@code scoredAt}; every prediction of the interval reads it back. (Items scored before it
 * carried {@code actualLoad} themselves and are still read.) The accuracy table holds one item per target and
 * scope ({@code last24h#all}, {@code last24h#horizon=PT1H}, {@code last24h#signal=pattern:daily-naive}) plus
 * {@code signals} with each signal's confidence, all readable in the console.
 */
public final class DynamoDbFeedbackStore implements FeedbackStore {
    static final String SIGNALS = "signals";
    static final String SIZING = "sizing";
    static final Duration KEEP = Duration.ofDays(90);
    private static final Pattern METHOD = Pattern.compile("([a-z][a-z0-9-]*) (\\d+)%");
    private static final Pattern SOCIAL = Pattern.compile("social: (\\S+) mentions");
    /** An applied event names its type and the multiplier it applied: "event: holiday '...' ... (x0.72)". */
    private static final Pattern EVENT = Pattern.compile("; event: (\\S+) '[^;]*\\(x([0-9.]+)\\)");

    /** What sets an interval's actual item apart from the predictions in its sort key. */
    static final String ACTUAL = "#actual#";
    /** As long as the predictions it scores (DynamoDbPredictionStore.KEEP). */
    static final Duration KEEP_ACTUAL = Duration.ofDays(35);

    private final DynamoDbClient dynamo;
    private final String predictionsTable;
    private final String accuracyTable;
    private final Retry retry;

    public DynamoDbFeedbackStore(DynamoDbClient dynamo, String predictionsTable, String accuracyTable, Retry retry) {
        this.dynamo = dynamo;
        this.predictionsTable = predictionsTable;
        this.accuracyTable = accuracyTable;
        this.retry = retry;
    }

    @Override
    public List<MaturedPrediction> predictions(String targetId, Instant from, Instant to) {
        List<MaturedPrediction> out = new ArrayList<>();
        Map<String, Double> actuals = new HashMap<>();
        for (Map<String, AttributeValue> item : query(targetId, from.toString(), to + "~")) {
            String key = item.get("forecast").s();
            if (key.contains(ACTUAL)) {
                actuals.put(key, num(item, "actualLoad"));
            } else {
                out.add(parse(targetId, item));
            }
        }
        // Hourly paths are one item per hour they are forecast from: those up to a path's length before `from` hold
        // predictions of [from, to].
        Instant firstMade = from.minus(PlanningCore.PATH).truncatedTo(ChronoUnit.HOURS);
        for (Map<String, AttributeValue> item :
                query(targetId, PathItem.sortKey(firstMade), PathItem.sortKey(to.truncatedTo(ChronoUnit.HOURS)))) {
            for (MaturedPrediction p : PathItem.predictions(targetId, item)) {
                if (!p.forecastTime().isBefore(from) && !p.forecastTime().isAfter(to)) {
                    out.add(p);
                }
            }
        }
        // During the upgrade hour the old version's items and the path item hold the same predictions: read once.
        Map<String, MaturedPrediction> once = new LinkedHashMap<>();
        out.forEach(p -> once.put(p.key(), p));
        out = new ArrayList<>(once.values());
        // Each prediction reads the actual of its interval (an item sorted after the interval's predictions).
        for (int i = 0; i < out.size(); i++) {
            MaturedPrediction p = out.get(i);
            Double actual = actuals.get(actualKey(p.forecastTime(), p.resolution()));
            if (actual != null) {
                out.set(i, p.withActual(actual));
            }
        }
        return out;
    }

    /** Every item of the target whose sort key is between {@code a} and {@code b}, all pages. */
    private List<Map<String, AttributeValue>> query(String targetId, String a, String b) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder q = QueryRequest.builder()
                    .tableName(predictionsTable)
                    .keyConditionExpression("targetId = :t AND forecast BETWEEN :a AND :b")
                    .expressionAttributeValues(Map.of(":t", s(targetId), ":a", s(a), ":b", s(b)));
            if (start != null) {
                q.exclusiveStartKey(start);
            }
            QueryRequest request = q.build();
            QueryResponse page = retry.call("reading predictions of " + targetId, () -> dynamo.query(request));
            items.addAll(page.items());
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }

    /** The sort key of an interval's actual item: {@code 2026-11-27T21:00:00Z#actual#PT1H}. */
    public static String actualKey(Instant forecastTime, Duration resolution) {
        return forecastTime + ACTUAL + resolution;
    }

    /** A prediction item (or a path item's row, {@link PathItem#rows}) as a prediction to score. */
    static MaturedPrediction parse(String targetId, Map<String, AttributeValue> item) {
        String reason = item.containsKey("reason") ? item.get("reason").s() : "";
        return new MaturedPrediction(
                targetId,
                item.get("forecast").s(),
                Instant.parse(item.get("forecastTime").s()),
                Duration.parse(item.get("horizon").s()),
                Duration.parse(
                        item.containsKey("resolution") ? item.get("resolution").s() : "PT1H"),
                item.containsKey("statistic") ? item.get("statistic").s() : "p95",
                num(item, "predictedLoad"),
                num(item, "lowerBound"),
                num(item, "upperBound"),
                (int) num(item, "predictedCapacity"),
                item.containsKey("signals") && item.get("signals").hasM()
                        ? typed(item.get("signals").m())
                        : signals(reason),
                item.containsKey("actualLoad") ? num(item, "actualLoad") : null);
    }

    /** The prediction's typed attribution (the {@code signals} map written with it). */
    static Map<String, Double> typed(Map<String, AttributeValue> signals) {
        Map<String, Double> out = new LinkedHashMap<>();
        signals.forEach((k, v) -> {
            if (v.n() != null) {
                out.put(k, Double.parseDouble(v.n()));
            }
        });
        return out;
    }

    /**
     * For predictions written before they carried a {@code signals} map: the signals their reason names: each
     * method of the ensemble with its share, a social trend that raised the prediction ({@code sentiment:<keyword>}),
     * and each event type applied ({@code event:<type>}, whose value is the multiplier it applied rather than a
     * share, so feedback can tell whether it helped).
     */
    static Map<String, Double> signals(String reason) {
        Map<String, Double> signals = new LinkedHashMap<>();
        int at = reason.indexOf("methods: ");
        if (at >= 0) {
            int end = reason.indexOf(';', at);
            Matcher m = METHOD.matcher(reason.substring(at + 9, end < 0 ? reason.length() : end));
            while (m.find()) {
                signals.put("pattern:" + m.group(1), Integer.parseInt(m.group(2)) / 100.0);
            }
        } else if (reason.contains("recent level")) {
            signals.put("pattern:recent-level", 1.0);
        }
        Matcher social = SOCIAL.matcher(reason);
        if (social.find()) {
            signals.put("sentiment:" + social.group(1), 1.0);
        }
        Matcher event = EVENT.matcher(reason);
        while (event.find()) {
            signals.put("event:" + event.group(1), Double.parseDouble(event.group(2)));
        }
        return signals;
    }

    @Override
    public void recordActual(List<MaturedPrediction> scored, Instant at) {
        MaturedPrediction first = scored.get(0);
        // Each horizon's error, so the console shows how far ahead the prediction was right or wrong.
        Map<String, AttributeValue> errors = new java.util.TreeMap<>();
        for (MaturedPrediction p : scored) {
            errors.put(p.horizon().toString(), n(p.predicted() - p.actual()));
        }
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("targetId", s(first.targetId()));
        item.put("forecast", s(actualKey(first.forecastTime(), first.resolution())));
        item.put("forecastTime", s(first.forecastTime().toString()));
        item.put("resolution", s(first.resolution().toString()));
        item.put("statistic", s(first.statistic()));
        item.put("actualLoad", n(first.actual()));
        item.put("errors", AttributeValue.fromM(errors));
        item.put("scoredAt", s(at.toString()));
        item.put(
                "expiresAt",
                AttributeValue.fromN(
                        Long.toString(first.forecastTime().plus(KEEP_ACTUAL).getEpochSecond())));
        retry.run(
                "scoring " + item.get("forecast").s() + " of " + first.targetId(),
                () -> dynamo.putItem(r -> r.tableName(predictionsTable).item(item)));
    }

    @Override
    public void saveAccuracy(String targetId, String scope, Accuracy a, Instant at) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("targetId", s(targetId));
        item.put("scope", s(scope));
        item.put("count", AttributeValue.fromN(Integer.toString(a.count())));
        item.put("mape", n(a.mape()));
        item.put("smape", n(a.smape()));
        item.put("bias", n(a.bias()));
        item.put("coverage", n(a.coverage()));
        item.put("overScaled", AttributeValue.fromN(Integer.toString(a.overScaled())));
        item.put("underScaled", AttributeValue.fromN(Integer.toString(a.underScaled())));
        item.put("rightSized", AttributeValue.fromN(Integer.toString(a.rightSized())));
        item.put("capacityUnitHours", n(a.capacityUnitHours()));
        item.put("staticPeakUnitHours", n(a.staticPeakUnitHours()));
        if (a.unitPricePerHour().isPresent()) {
            item.put("unitPricePerHour", n(a.unitPricePerHour().getAsDouble()));
            item.put("cost", n(a.cost().getAsDouble()));
            item.put("staticPeakCost", n(a.staticPeakCost().getAsDouble()));
        }
        item.put("updatedAt", s(at.toString()));
        item.put("expiresAt", AttributeValue.fromN(Long.toString(at.plus(KEEP).getEpochSecond())));
        retry.run(
                "saving accuracy " + scope,
                () -> dynamo.putItem(r -> r.tableName(accuracyTable).item(item)));
    }

    @Override
    public Optional<Accuracy> accuracy(String targetId, String scope) {
        var item = retry.call(
                        "reading accuracy of " + targetId,
                        () -> dynamo.getItem(r ->
                                r.tableName(accuracyTable).key(Map.of("targetId", s(targetId), "scope", s(scope)))))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(accuracy(item));
    }

    @Override
    public Map<String, Accuracy> accuracies(String targetId) {
        Map<String, Accuracy> out = new LinkedHashMap<>();
        var items = retry.call(
                        "reading accuracy of " + targetId,
                        () -> dynamo.query(r -> r.tableName(accuracyTable)
                                .keyConditionExpression("targetId = :t")
                                .expressionAttributeValues(Map.of(":t", s(targetId)))))
                .items();
        for (var item : items) {
            String scope = item.get("scope").s();
            if (!SIGNALS.equals(scope) && !SIZING.equals(scope)) {
                out.put(item.get("scope").s(), accuracy(item));
            }
        }
        return out;
    }

    private static Accuracy accuracy(Map<String, AttributeValue> item) {
        return new Accuracy(
                (int) num(item, "count"),
                num(item, "mape"),
                num(item, "smape"),
                num(item, "bias"),
                num(item, "coverage"),
                (int) num(item, "overScaled"),
                (int) num(item, "underScaled"),
                (int) num(item, "rightSized"),
                num(item, "capacityUnitHours"),
                num(item, "staticPeakUnitHours"),
                item.containsKey("unitPricePerHour")
                        ? OptionalDouble.of(num(item, "unitPricePerHour"))
                        : OptionalDouble.empty());
    }

    @Override
    public Map<String, Double> signalConfidence(String targetId) {
        var item = retry.call(
                        "reading signal confidence of " + targetId,
                        () -> dynamo.getItem(r ->
                                r.tableName(accuracyTable).key(Map.of("targetId", s(targetId), "scope", s(SIGNALS)))))
                .item();
        Map<String, Double> confidence = new LinkedHashMap<>();
        if (item != null && item.containsKey("confidence")) {
            item.get("confidence").m().forEach((k, v) -> confidence.put(k, Double.parseDouble(v.n())));
        }
        return confidence;
    }

    @Override
    public void saveSignalConfidence(String targetId, Map<String, Double> confidence, Instant at) {
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        confidence.forEach((k, v) -> values.put(k, n(v)));
        retry.run(
                "saving signal confidence of " + targetId,
                () -> dynamo.putItem(r -> r.tableName(accuracyTable)
                        .item(Map.of(
                                "targetId",
                                s(targetId),
                                "scope",
                                s(SIGNALS),
                                "confidence",
                                AttributeValue.fromM(values),
                                "updatedAt",
                                s(at.toString())))));
    }

    @Override
    public Optional<SizingTuner.TunedSizing> sizing(String targetId) {
        var item = retry.call(
                        "reading the sizing of " + targetId,
                        () -> dynamo.getItem(r ->
                                r.tableName(accuracyTable).key(Map.of("targetId", s(targetId), "scope", s(SIZING)))))
                .item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SizingTuner.TunedSizing(
                num(item, "capacityQuantile"),
                num(item, "loadPerUnit"),
                (int) num(item, "spareUnits"),
                item.get("reason").s(),
                Instant.parse(item.get("tunedAt").s())));
    }

    @Override
    public void saveSizing(String targetId, SizingTuner.TunedSizing sizing) {
        retry.run(
                "saving the sizing of " + targetId,
                () -> dynamo.putItem(r -> r.tableName(accuracyTable)
                        .item(Map.of(
                                "targetId",
                                s(targetId),
                                "scope",
                                s(SIZING),
                                "capacityQuantile",
                                n(sizing.capacityQuantile()),
                                "loadPerUnit",
                                AttributeValue.fromN(Double.toString(sizing.loadPerUnit())),
                                "spareUnits",
                                AttributeValue.fromN(Integer.toString(sizing.spareUnits())),
                                "reason",
                                s(sizing.reason()),
                                "tunedAt",
                                s(sizing.tunedAt().toString())))));
    }

    private static double num(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || v.n() == null ? 0 : Double.parseDouble(v.n());
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    private static AttributeValue n(double v) {
        return AttributeValue.fromN(String.format(Locale.ROOT, "%.4f", Double.isFinite(v) ? v : 0));
    }
}
