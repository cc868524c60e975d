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
 * <p>For each path item a run reads the stored one (one strongly consistent GetItem: a path item is usually under 4 KB, so
 * one read unit) and writes it only when it differs in anything but {@code createdAt} (the capacity in force or an
 * event changed what it recommends). The first run of an hour finds no item (the sort key is the hour the path was
 * made in) and writes it. Short-horizon predictions (5 minutes and 1 hour ahead) move with every run, so they are
 * new keys each time and are written without reading.
 *
 * <p>{@code createdAt} is not compared: a stored path keeps the time it was first made with these values.
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
        Map<String, AttributeValue> copy = new HashMap<>(item);
        copy.remove("createdAt");
        return copy;
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
