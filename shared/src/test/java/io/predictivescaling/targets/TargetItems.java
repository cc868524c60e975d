package io.predictivescaling.targets;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Test helper: a targets-table row read exactly as {@link DynamoDbTargetRepository} reads it. */
public final class TargetItems {
    private TargetItems() {}

    /** The target an item describes; throws {@link IllegalArgumentException} with the adapter's message if malformed. */
    public static ScalableTarget parse(Map<String, AttributeValue> item) {
        return DynamoDbTargetRepository.fromItem(item);
    }
}
