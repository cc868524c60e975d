package io.predictivescaling.scaling;

import io.predictivescaling.aws.Retry;
import io.predictivescaling.forecast.LoadPrediction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The predictions table, laid out for the DynamoDB console: partition {@code targetId}, sort key
 * {@code forecast} = ISO-8601 forecast time + {@code #} + ISO-8601 horizon (e.g.
 * {@code 2026-11-27T21:00:00Z#PT1H}), attributes as in DESIGN.md. Feedback writes each interval's actual beside its predictions (DynamoDbFeedbackStore).
 */
public final class DynamoDbPredictionStore implements PredictionStore {
    /** Predictions are kept long enough for feedback to score them and for a month of history. */
    static final Duration KEEP = Duration.ofDays(35);

    private static final int BATCH = 25;

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
        Map<String, WriteRequest> unique = new java.util.LinkedHashMap<>();
        for (PredictionRecord r : records) {
            unique.put(
                    r.targetId() + "|" + sortKey(r.prediction()),
                    WriteRequest.builder()
                            .putRequest(PutRequest.builder().item(item(r)).build())
                            .build());
        }
        List<WriteRequest> all = new ArrayList<>(unique.values());
        for (int i = 0; i < all.size(); i += BATCH) {
            write(all.subList(i, Math.min(all.size(), i + BATCH)));
        }
    }

    /** One batch, resending unprocessed items with backoff until none is left or retries run out. */
    private void write(List<WriteRequest> batch) {
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

    /** The item a record is stored as (also what {@link WriteOnChangePredictionStore} compares). */
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
            Map<String, AttributeValue> signals = new HashMap<>();
            p.signals().forEach((k, v) -> signals.put(k, n(v)));
            item.put("signals", AttributeValue.fromM(signals));
        }
        item.put("recommendedAction", AttributeValue.fromS(r.recommendedAction()));
        item.put("createdAt", AttributeValue.fromS(r.createdAt().toString()));
        item.put(
                "expiresAt",
                AttributeValue.fromN(Long.toString(p.forecastTime().plus(KEEP).getEpochSecond())));
        return item;
    }

    private static AttributeValue n(double v) {
        return AttributeValue.fromN(String.format(Locale.ROOT, "%.3f", v));
    }
}
