package io.predictivescaling.scaling;

import io.predictivescaling.aws.Retry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The predictions table, writing only what changed: a run every 5 minutes predicts the same 48 hourly values
 * until the next hour completes, and rewriting them would cost a write unit each (about 49 per target per
 * run). One Query per target reads what is stored over the records' key range (a few read units, at a fifth
 * of a write unit's price) and only new or changed records are written. {@code createdAt} is not compared:
 * a stored prediction keeps the time it was first made with these values.
 */
public final class WriteOnChangePredictionStore implements PredictionStore {
    private final DynamoDbClient dynamo;
    private final String tableName;
    private final Retry retry;
    private final DynamoDbPredictionStore writer;

    public WriteOnChangePredictionStore(DynamoDbClient dynamo, String tableName, Retry retry) {
        this.dynamo = dynamo;
        this.tableName = tableName;
        this.retry = retry;
        this.writer = new DynamoDbPredictionStore(dynamo, tableName, retry);
    }

    @Override
    public void save(List<PredictionRecord> records) {
        Map<String, List<PredictionRecord>> byTarget = new LinkedHashMap<>();
        records.forEach(r -> byTarget.computeIfAbsent(r.targetId(), k -> new ArrayList<>()).add(r));
        List<PredictionRecord> changed = new ArrayList<>();
        for (var entry : byTarget.entrySet()) {
            Map<String, Map<String, AttributeValue>> stored = stored(entry.getKey(), entry.getValue());
            for (PredictionRecord r : entry.getValue()) {
                Map<String, AttributeValue> have = stored.get(DynamoDbPredictionStore.sortKey(r.prediction()));
                if (have == null || !comparable(have).equals(comparable(DynamoDbPredictionStore.item(r)))) {
                    changed.add(r);
                }
            }
        }
        writer.save(changed);
    }

    /** Whether a new record differs from a stored item: every attribute but createdAt. */
    static Map<String, AttributeValue> comparable(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> copy = new HashMap<>(item);
        copy.remove("createdAt");
        // Feedback's annotations are not ours to compare (they only appear once the forecast time has passed).
        copy.remove("actualLoad");
        copy.remove("error");
        copy.remove("withinBounds");
        copy.remove("scoredAt");
        return copy;
    }

    private Map<String, Map<String, AttributeValue>> stored(String targetId, List<PredictionRecord> records) {
        String from = records.stream().map(r -> DynamoDbPredictionStore.sortKey(r.prediction())).min(String::compareTo)
                .orElseThrow();
        String to = records.stream().map(r -> DynamoDbPredictionStore.sortKey(r.prediction())).max(String::compareTo)
                .orElseThrow();
        Map<String, Map<String, AttributeValue>> items = new HashMap<>();
        Map<String, AttributeValue> startKey = null;
        do {
            QueryRequest.Builder query = QueryRequest.builder().tableName(tableName)
                    .keyConditionExpression("targetId = :t AND forecast BETWEEN :from AND :to")
                    .expressionAttributeValues(Map.of(":t", AttributeValue.fromS(targetId),
                            ":from", AttributeValue.fromS(from), ":to", AttributeValue.fromS(to)));
            if (startKey != null) {
                query.exclusiveStartKey(startKey);
            }
            QueryRequest request = query.build();
            QueryResponse page = retry.call("reading stored predictions of " + targetId, () -> dynamo.query(request));
            page.items().forEach(item -> items.put(item.get("forecast").s(), item));
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null);
        return items;
    }
}
