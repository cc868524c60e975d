package io.predictivescaling.testing;

import io.predictivescaling.feedback.PathItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A target's predictions as an operator reads them: every item of the predictions table, each hourly path item
 * opened into one row per hour ({@link PathItem#rows}), so tests assert on one prediction at a time.
 */
public final class PredictionRows {
    private PredictionRows() {}

    /** Every prediction (and actual) row of {@code targetId}. */
    public static List<Map<String, AttributeValue>> of(DynamoDbClient dynamo, String table, String targetId) {
        List<Map<String, AttributeValue>> rows = new ArrayList<>();
        var pages = dynamo.queryPaginator(r -> r.tableName(table)
                .keyConditionExpression("targetId = :t")
                .expressionAttributeValues(Map.of(":t", AttributeValue.fromS(targetId))));
        for (Map<String, AttributeValue> item : pages.items()) {
            if (PathItem.is(item)) {
                rows.addAll(PathItem.rows(item));
            } else {
                rows.add(item);
            }
        }
        return rows;
    }

    /** The row whose sort key as an item of its own would be {@code forecast}, e.g. {@code 2026-11-27T20:00:00Z#PT1H}. */
    public static Map<String, AttributeValue> one(
            DynamoDbClient dynamo, String table, String targetId, String forecast) {
        return of(dynamo, table, targetId).stream()
                .filter(r -> r.get("forecast").s().equals(forecast))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no prediction " + forecast + " of " + targetId));
    }
}
