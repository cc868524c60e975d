package io.predictivescaling.events;

import io.predictivescaling.aws.Retry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The events table: one item per event, keyed by {@code eventId} = type|name|start day, so the same event
 * from two sources or two runs is stored once. Operators add manual events in the console with attributes
 * {@code type}, {@code name}, {@code start}, {@code end} (ISO-8601) and optionally {@code expectedImpact}.
 * Kept 400 days after they end, to learn each type's impact from.
 */
public final class DynamoDbEventStore implements EventStore {
    static final Duration KEEP = Duration.ofDays(400);
    private final DynamoDbClient dynamo;
    private final String table;
    private final Retry retry;

    public DynamoDbEventStore(DynamoDbClient dynamo, String table, Retry retry) {
        this.dynamo = dynamo;
        this.table = table;
        this.retry = retry;
    }

    @Override
    public boolean addIfNew(KnownEvent e, Instant at) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("eventId", AttributeValue.fromS(e.id()));
        item.put("type", AttributeValue.fromS(e.type()));
        item.put("name", AttributeValue.fromS(e.name()));
        item.put("start", AttributeValue.fromS(e.start().toString()));
        item.put("end", AttributeValue.fromS(e.end().toString()));
        item.put("source", AttributeValue.fromS(e.source()));
        if (!Double.isNaN(e.expectedImpact())) {
            item.put("expectedImpact", AttributeValue.fromN(String.format(Locale.ROOT, "%.4f", e.expectedImpact())));
        }
        item.put("createdAt", AttributeValue.fromS(at.toString()));
        item.put(
                "expiresAt",
                AttributeValue.fromN(Long.toString(e.end().plus(KEEP).getEpochSecond())));
        try {
            retry.run(
                    "storing event " + e.id(),
                    () -> dynamo.putItem(
                            r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(eventId)")));
            return true;
        } catch (ConditionalCheckFailedException duplicate) {
            return false;
        }
    }

    @Override
    public List<KnownEvent> between(Instant from, Instant to) {
        List<KnownEvent> out = new ArrayList<>();
        for (var item : dynamo.scanPaginator(r -> r.tableName(table)).items()) {
            try {
                KnownEvent e = new KnownEvent(
                        item.get("type").s(),
                        item.get("name").s(),
                        Instant.parse(item.get("start").s()),
                        Instant.parse(item.get("end").s()),
                        item.containsKey("source") ? item.get("source").s() : "manual",
                        item.containsKey("expectedImpact")
                                ? Double.parseDouble(item.get("expectedImpact").n())
                                : Double.NaN);
                if (e.touches(from, to)) {
                    out.add(e);
                }
            } catch (RuntimeException malformed) {
                // A hand-edited row missing a field is ignored here; fetch-events reports it.
            }
        }
        out.sort(java.util.Comparator.comparing(KnownEvent::start));
        return out;
    }
}
