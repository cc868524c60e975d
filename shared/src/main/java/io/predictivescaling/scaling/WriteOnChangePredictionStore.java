package io.predictivescaling.scaling;

import io.predictivescaling.aws.Retry;
import io.predictivescaling.feedback.PathItem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The predictions table, writing only what changed. A run every 5 minutes predicts the same 48-hour path until the
 * next hour completes (the hourly history it comes from does not change within the hour), and the path is one
 * {@link PathItem} of about 4 write units per target and hour it was made in.
 *
 * <p>For each path item a run reads the stored one (one strongly consistent GetItem: a read unit per started 4 KB, one for
 * a usual path, more on an event day) and writes it only when it differs in anything but {@code createdAt}, numbers
 * compared as DynamoDB returns them (trailing zeros trimmed; an emulator may keep them as sent) (the capacity in force or an
 * event changed what it recommends). The first run of an hour finds no item (the sort key is the hour the path was
 * forecast from) and writes it. Short-horizon predictions (5 minutes and 1 hour ahead) move with every run, so they are
 * new keys each time and are written without reading.
 *
 * <p>{@code createdAt} is not compared: a stored path keeps the time it was first written with these values (one
 * hour's change rewrites the item, and every hour's {@code createdAt} with it).
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
        List<Map<String, AttributeValue>> changed = new ArrayList<>();
        for (Map<String, AttributeValue> item : DynamoDbPredictionStore.items(records)) {
            if (!PathItem.is(item) || !comparable(item).equals(comparable(stored(item)))) {
                changed.add(item);
            }
        }
        writer.writeItems(changed);
    }

    /** What a rerun compares: every attribute but createdAt. */
    static Map<String, AttributeValue> comparable(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> copy = canonical(item);
        copy.remove("createdAt");
        return copy;
    }

    /** Numbers as DynamoDB returns them (leading and trailing zeros trimmed), at any depth. */
    private static Map<String, AttributeValue> canonical(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> out = new HashMap<>();
        item.forEach((k, v) -> out.put(k, canonical(v)));
        return out;
    }

    private static AttributeValue canonical(AttributeValue v) {
        if (v.n() != null) {
            return AttributeValue.fromN(
                    new java.math.BigDecimal(v.n()).stripTrailingZeros().toPlainString());
        }
        if (v.hasL()) {
            return AttributeValue.fromL(
                    v.l().stream().map(WriteOnChangePredictionStore::canonical).toList());
        }
        if (v.hasM()) {
            return AttributeValue.fromM(canonical(v.m()));
        }
        return v;
    }

    /** The stored item with the same key, or an empty map. */
    private Map<String, AttributeValue> stored(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> key = Map.of("targetId", item.get("targetId"), "forecast", item.get("forecast"));
        var response = retry.call(
                "reading the stored path of " + item.get("targetId").s(),
                () -> dynamo.getItem(g -> g.tableName(tableName).key(key).consistentRead(true)));
        return response.hasItem() ? response.item() : Map.of();
    }
}
