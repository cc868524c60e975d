package io.predictivescaling.scaling;

import io.predictivescaling.aws.ItemSize;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * An in-memory table that stores numbers as DynamoDB does (Developer Guide, "Supported data types", Number: "Leading
 * and trailing zeroes are trimmed"): {@code "2.500"} is read back as {@code "2.5"}, {@code "0.000"} as {@code "0"}, at
 * any depth (lists and maps too). moto_server keeps the string as sent, so moto-backed tests cannot see this.
 */
final class NumberTrimmingDynamoDb implements DynamoDbClient {
    final Map<String, Map<String, AttributeValue>> items = new ConcurrentHashMap<>();
    final AtomicInteger itemsWritten = new AtomicInteger();
    /** Write units billed for the items written (one per started KB of each, {@link ItemSize}). */
    final AtomicInteger writeUnits = new AtomicInteger();

    @Override
    public GetItemResponse getItem(GetItemRequest request) {
        Map<String, AttributeValue> item = items.get(key(request.key()));
        return item == null
                ? GetItemResponse.builder().build()
                : GetItemResponse.builder().item(item).build();
    }

    @Override
    public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest request) {
        request.requestItems()
                .values()
                .forEach(writes -> writes.forEach(w -> {
                    itemsWritten.incrementAndGet();
                    writeUnits.addAndGet(
                            (int) ItemSize.writeUnits(w.putRequest().item()));
                    Map<String, AttributeValue> item = trimmed(w.putRequest().item());
                    items.put(key(item), item);
                }));
        return BatchWriteItemResponse.builder().build();
    }

    private static String key(Map<String, AttributeValue> item) {
        return item.get("targetId").s() + "|" + item.get("forecast").s();
    }

    static Map<String, AttributeValue> trimmed(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        item.forEach((k, v) -> out.put(k, trimmed(v)));
        return out;
    }

    static AttributeValue trimmed(AttributeValue v) {
        if (v.n() != null) {
            return AttributeValue.fromN(
                    new BigDecimal(v.n()).stripTrailingZeros().toPlainString());
        }
        if (v.hasL()) {
            List<AttributeValue> l =
                    v.l().stream().map(NumberTrimmingDynamoDb::trimmed).toList();
            return AttributeValue.fromL(l);
        }
        if (v.hasM()) {
            return AttributeValue.fromM(trimmed(v.m()));
        }
        return v;
    }

    @Override
    public String serviceName() {
        return "dynamodb";
    }

    @Override
    public void close() {}
}
