package io.predictivescaling.aws;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The size DynamoDB bills an item by, from its documented rules (Amazon DynamoDB Developer Guide, "Item sizes and
 * formats" and "DynamoDB read and write capacity units"): each attribute name's UTF-8 bytes plus its value's size;
 * a string its UTF-8 bytes; a number about 1 byte per two significant digits plus 1; a boolean or null 1 byte; a
 * list or map 3 bytes plus 1 byte per element plus its elements (a map's keys count as names). A write costs one
 * write request unit per started 1 KB of the item, a strongly consistent read one read unit per started 4 KB.
 * It is what the fleet benchmark meters and what tests hold the predictions table's items to.
 */
public final class ItemSize {
    private ItemSize() {}

    /** The item's size in bytes. */
    public static long bytes(Map<String, AttributeValue> item) {
        long total = 0;
        for (var e : item.entrySet()) {
            total += e.getKey().getBytes(StandardCharsets.UTF_8).length + value(e.getValue());
        }
        return total;
    }

    /** Write request units to put the item: one per started 1,024 bytes, at least one. */
    public static long writeUnits(Map<String, AttributeValue> item) {
        return Math.max(1, (bytes(item) + 1023) / 1024);
    }

    private static long value(AttributeValue v) {
        if (v.s() != null) {
            return v.s().getBytes(StandardCharsets.UTF_8).length;
        }
        if (v.n() != null) {
            BigDecimal number = new BigDecimal(v.n()).stripTrailingZeros();
            return (number.precision() + 1) / 2 + 1;
        }
        if (v.bool() != null || Boolean.TRUE.equals(v.nul())) {
            return 1;
        }
        if (v.hasL()) {
            return 3 + v.l().stream().mapToLong(x -> 1 + value(x)).sum();
        }
        if (v.hasM()) {
            return 3 + bytes(v.m()) + v.m().size();
        }
        if (v.b() != null) {
            return v.b().asByteArray().length;
        }
        if (v.hasSs()) {
            return v.ss().stream()
                    .mapToLong(x -> x.getBytes(StandardCharsets.UTF_8).length)
                    .sum();
        }
        if (v.hasNs()) {
            return v.ns().stream()
                    .mapToLong(x -> value(AttributeValue.fromN(x)))
                    .sum();
        }
        return 0;
    }
}
