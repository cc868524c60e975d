package io.predictivescaling.scaling;

import io.predictivescaling.aws.ItemSize;
import io.predictivescaling.aws.Retry;
import io.predictivescaling.feedback.PathItem;
import io.predictivescaling.forecast.LoadPrediction;
import io.predictivescaling.planning.PlanningCore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The predictions table, laid out for the DynamoDB console: partition {@code targetId}, sort key {@code forecast}.
 * A short-horizon prediction (5 minutes or 1 hour ahead, made every run) is an item of its own, sort key ISO-8601
 * forecast time + {@code #} + ISO-8601 horizon (e.g. {@code 2026-11-27T21:05:00Z#PT5M}), attributes as in DESIGN.md.
 * A target's hourly path (every hour to 48 hours ahead, the same for every run within an hour) is one item per
 * hour it is forecast from, {@code path#<hour>}, laid out as {@link PathItem} says: one item costs about 4 write units
 * where 48 cost 48. Feedback writes each interval's actual beside its predictions (DynamoDbFeedbackStore).
 */
public final class DynamoDbPredictionStore implements PredictionStore {
    /** Predictions are kept long enough for feedback to score them and for a month of history. */
    static final Duration KEEP = Duration.ofDays(35);

    private static final int BATCH = 25;

    /**
     * The largest path item written as one item, in bytes as DynamoDB counts them ({@link ItemSize}): DynamoDB refuses
     * items over 400 KB (Developer Guide, "Service, account, and table quotas"); a larger path is stored one item per
     * hour.
     */
    static final long PATH_ITEM_LIMIT = 350 * 1024;

    private final DynamoDbClient dynamo;
    private final String tableName;
    private final Retry retry;

    public DynamoDbPredictionStore(DynamoDbClient dynamo, String tableName, Retry retry) {
        this.dynamo = dynamo;
        this.tableName = tableName;
        this.retry = retry;
    }

    public static String sortKey(LoadPrediction p) {
        return p.forecastTime() + "#" + p.horizon();
    }

    @Override
    public void save(List<PredictionRecord> records) {
        writeItems(items(records));
    }

    /**
     * The items {@code records} are stored as: each short-horizon record an item of its own, and each target's
     * hourly path records one {@link PathItem} per hour they are forecast from (a path too large for one item, one
     * item per hour as before).
     */
    public static List<Map<String, AttributeValue>> items(List<PredictionRecord> records) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, List<PredictionRecord>> paths = new LinkedHashMap<>();
        for (PredictionRecord r : records) {
            if (inPathItem(r.prediction())) {
                paths.computeIfAbsent(r.targetId() + "|" + fromHour(r.prediction()), k -> new ArrayList<>())
                        .add(r);
            } else {
                items.add(item(r));
            }
        }
        for (List<PredictionRecord> path : paths.values()) {
            Map<String, AttributeValue> item = pathItem(path);
            if (ItemSize.bytes(item) <= PATH_ITEM_LIMIT) {
                items.add(item);
            } else {
                // Texts no cap foresaw (every hour with its own long reason): one item per hour, as before issue 19,
                // which feedback still reads, rather than a write DynamoDB refuses and a target left unplanned.
                path.forEach(r -> items.add(item(r)));
            }
        }
        return items;
    }

    /** Writes items in batches of 25; a later item with the same key replaces an earlier one. */
    void writeItems(List<Map<String, AttributeValue>> items) {
        Map<String, WriteRequest> unique = new LinkedHashMap<>();
        for (Map<String, AttributeValue> item : items) {
            unique.put(
                    item.get("targetId").s() + "|" + item.get("forecast").s(),
                    WriteRequest.builder()
                            .putRequest(PutRequest.builder().item(item).build())
                            .build());
        }
        List<WriteRequest> all = new ArrayList<>(unique.values());
        for (int i = 0; i < all.size(); i += BATCH) {
            writeBatch(all.subList(i, Math.min(all.size(), i + BATCH)));
        }
    }

    /** An hourly-path prediction (of an hour's P95, a whole number of hours ahead): stored in its path's item. */
    static boolean inPathItem(LoadPrediction p) {
        return PlanningCore.onPath(p) && !isFine(p);
    }

    /**
     * The hour a path prediction is forecast from, the start of the last complete hour of its history: its forecast
     * time less its horizon (UTC, on the hour).
     */
    static Instant fromHour(LoadPrediction p) {
        return p.forecastTime().minus(p.horizon());
    }

    /**
     * One path item from the path records of one target made in one hour, as {@link PathItem} lays it out.
     *
     * @param path at least one record, all of one target and made hour
     */
    static Map<String, AttributeValue> pathItem(List<PredictionRecord> path) {
        List<PredictionRecord> sorted = path.stream()
                .sorted(Comparator.comparing(r -> r.prediction().horizon()))
                .toList();
        PredictionRecord first = sorted.get(0);
        Instant made = fromHour(first.prediction());
        List<AttributeValue> hours = new ArrayList<>();
        List<AttributeValue> load = new ArrayList<>();
        List<AttributeValue> lower = new ArrayList<>();
        List<AttributeValue> upper = new ArrayList<>();
        List<AttributeValue> capacity = new ArrayList<>();
        List<AttributeValue> confidence = new ArrayList<>();
        List<AttributeValue> severity = new ArrayList<>();
        for (PredictionRecord r : sorted) {
            LoadPrediction p = r.prediction();
            hours.add(AttributeValue.fromN(Long.toString(p.horizon().toHours())));
            load.add(n(p.predictedLoad()));
            lower.add(n(p.lower()));
            upper.add(n(p.upper()));
            capacity.add(AttributeValue.fromN(Integer.toString(r.predictedCapacity())));
            confidence.add(n(p.confidence()));
            severity.add(AttributeValue.fromS(r.severity().name().toLowerCase(Locale.ROOT)));
        }
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("targetId", AttributeValue.fromS(first.targetId()));
        item.put("forecast", AttributeValue.fromS(PathItem.sortKey(made)));
        item.put(PathItem.FROM_HOUR, AttributeValue.fromS(made.toString()));
        item.put("resolution", AttributeValue.fromS("PT1H"));
        item.put("statistic", AttributeValue.fromS("p95"));
        item.put(PathItem.HORIZON_HOURS, AttributeValue.fromL(hours));
        item.put(PathItem.PREDICTED_LOAD, AttributeValue.fromL(load));
        item.put(PathItem.LOWER_BOUND, AttributeValue.fromL(lower));
        item.put(PathItem.UPPER_BOUND, AttributeValue.fromL(upper));
        item.put(PathItem.PREDICTED_CAPACITY, AttributeValue.fromL(capacity));
        item.put(PathItem.CONFIDENCE, AttributeValue.fromL(confidence));
        item.put(PathItem.SEVERITY, AttributeValue.fromL(severity));
        // The usual reason, signals and action once; an hour whose differ (an event applied to it) keyed by its
        // horizon.
        usualAndByHour(
                item,
                sorted,
                r -> AttributeValue.fromS(r.prediction().reason()),
                PathItem.REASON,
                PathItem.REASON_BY_HOUR);
        usualAndByHour(
                item, sorted, r -> signalsValue(r.prediction().signals()), PathItem.SIGNALS, PathItem.SIGNALS_BY_HOUR);
        usualAndByHour(
                item,
                sorted,
                r -> AttributeValue.fromS(PathItem.actionTemplate(
                        r.recommendedAction(),
                        r.predictedCapacity(),
                        r.prediction().forecastTime())),
                PathItem.RECOMMENDED_ACTION,
                PathItem.RECOMMENDED_ACTION_BY_HOUR);
        item.put("createdAt", AttributeValue.fromS(first.createdAt().toString()));
        Instant last = sorted.get(sorted.size() - 1).prediction().forecastTime();
        item.put("expiresAt", AttributeValue.fromN(Long.toString(last.plus(KEEP).getEpochSecond())));
        return item;
    }

    /** Puts the most common value as {@code usual}, and each hour's that differs in {@code byHour} by its horizon. */
    private static void usualAndByHour(
            Map<String, AttributeValue> item,
            List<PredictionRecord> sorted,
            java.util.function.Function<PredictionRecord, AttributeValue> value,
            String usual,
            String byHour) {
        Map<AttributeValue, Integer> counts = new LinkedHashMap<>();
        sorted.forEach(r -> counts.merge(value.apply(r), 1, Integer::sum));
        AttributeValue common = counts.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .orElseThrow()
                .getKey();
        item.put(usual, common);
        Map<String, AttributeValue> others = new TreeMap<>();
        for (PredictionRecord r : sorted) {
            AttributeValue v = value.apply(r);
            if (!v.equals(common)) {
                others.put(Long.toString(r.prediction().horizon().toHours()), v);
            }
        }
        if (!others.isEmpty()) {
            item.put(byHour, AttributeValue.fromM(others));
        }
    }

    private static AttributeValue signalsValue(Map<String, Double> signals) {
        Map<String, AttributeValue> m = new HashMap<>();
        signals.forEach((k, v) -> m.put(k, n(v)));
        return AttributeValue.fromM(m);
    }

    /** One batch, resending unprocessed items with backoff until none is left or retries run out. */
    private void writeBatch(List<WriteRequest> batch) {
        retry.untilDone("writing predictions", batch, send -> {
            BatchWriteItemResponse response = dynamo.batchWriteItem(r -> r.requestItems(Map.of(tableName, send)));
            return response.hasUnprocessedItems() && response.unprocessedItems().containsKey(tableName)
                    ? response.unprocessedItems().get(tableName)
                    : List.of();
        });
    }

    /** Predictions from 5-minute data: under an hour ahead, or not on the hour. */
    public static boolean isFine(LoadPrediction p) {
        return p.horizon().compareTo(Duration.ofHours(1)) < 0
                || p.forecastTime().getEpochSecond() % 3600 != 0;
    }

    /** The item a short-horizon record is stored as. */
    public static Map<String, AttributeValue> item(PredictionRecord r) {
        LoadPrediction p = r.prediction();
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("targetId", AttributeValue.fromS(r.targetId()));
        item.put("forecast", AttributeValue.fromS(sortKey(p)));
        item.put("forecastTime", AttributeValue.fromS(p.forecastTime().toString()));
        item.put("horizon", AttributeValue.fromS(p.horizon().toString()));
        // What the prediction is of, so feedback compares like with like: a 5-minute mean, or an hour's P95.
        boolean fine = isFine(p);
        item.put("resolution", AttributeValue.fromS(fine ? "PT5M" : "PT1H"));
        item.put("statistic", AttributeValue.fromS(fine ? "mean" : "p95"));
        item.put("predictedLoad", n(p.predictedLoad()));
        item.put("lowerBound", n(p.lower()));
        item.put("upperBound", n(p.upper()));
        item.put("predictedCapacity", AttributeValue.fromN(Integer.toString(r.predictedCapacity())));
        item.put("confidence", n(p.confidence()));
        item.put("severity", AttributeValue.fromS(r.severity().name().toLowerCase(Locale.ROOT)));
        item.put("reason", AttributeValue.fromS(p.reason()));
        if (!p.signals().isEmpty()) {
            // Typed attribution for feedback: {"pattern:daily-naive": 0.41, "event:holiday": 1}, never parsed from
            // the reason, so rewording the reason or renaming a method cannot stop learning.
            item.put("signals", signalsValue(p.signals()));
        }
        item.put("recommendedAction", AttributeValue.fromS(r.recommendedAction()));
        item.put("createdAt", AttributeValue.fromS(r.createdAt().toString()));
        item.put(
                "expiresAt",
                AttributeValue.fromN(Long.toString(p.forecastTime().plus(KEEP).getEpochSecond())));
        return item;
    }

    /** Three decimals, written as DynamoDB stores numbers (trailing zeros trimmed), so what is read back is equal. */
    private static AttributeValue n(double v) {
        return AttributeValue.fromN(canonicalNumber(String.format(Locale.ROOT, "%.3f", v)));
    }

    /**
     * A number as DynamoDB stores and returns it: leading and trailing zeros trimmed ({@code "0.800"} is read back as
     * {@code "0.8"}); an emulator may keep it as sent.
     */
    static String canonicalNumber(String n) {
        return new java.math.BigDecimal(n).stripTrailingZeros().toPlainString();
    }
}
