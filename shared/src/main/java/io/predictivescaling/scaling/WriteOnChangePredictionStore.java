package io.predictivescaling.scaling;

import io.predictivescaling.aws.Retry;
import io.predictivescaling.feedback.PathItem;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The predictions table, writing only what changed. A run every 5 minutes predicts the same 48-hour path until the
 * next hour completes (the hourly history it comes from does not change within the hour), and the path is one
 * {@link PathItem} of about 4 write units per target and hour it was made in.
 *
 * <p>For each path item a run reads the stored one's {@link #DIGEST} (one strongly consistent GetItem of that attribute:
 * billed a read unit per started 4 KB of the item, one for a usual path) and writes the item only when it differs in
 * anything but {@code createdAt}, numbers compared as DynamoDB returns them (trailing zeros trimmed; an emulator may
 * keep them as sent) (the capacity in force or an
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
            if (!PathItem.is(item)) {
                changed.add(item);
                continue;
            }
            String digest = digest(item);
            if (!digest.equals(storedDigest(item))) {
                Map<String, AttributeValue> marked = new HashMap<>(item);
                marked.put(DIGEST, AttributeValue.fromS(digest));
                changed.add(marked);
            }
        }
        writer.writeItems(changed);
    }

    /** The attribute of a stored path item holding {@link #digest} of what it stores. */
    static final String DIGEST = "pathDigest";

    /**
     * SHA-256 (hex) of what a rerun compares: every attribute but {@code createdAt} and the digest itself, numbers as
     * DynamoDB returns them (trailing zeros trimmed: an emulator may keep them as sent), names in order. Reading only
     * the digest back (a projection) moves a hundred bytes instead of the item; the read is billed by the item's size
     * either way.
     */
    static String digest(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> compared = new TreeMap<>(canonical(item));
        compared.remove("createdAt");
        compared.remove(DIGEST);
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(compared.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Numbers as DynamoDB returns them (leading and trailing zeros trimmed), maps in key order, at any depth. */
    private static Map<String, AttributeValue> canonical(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> out = new TreeMap<>();
        item.forEach((k, v) -> out.put(k, canonical(v)));
        return out;
    }

    private static AttributeValue canonical(AttributeValue v) {
        if (v.n() != null) {
            return AttributeValue.fromN(DynamoDbPredictionStore.canonicalNumber(v.n()));
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

    /** The digest stored with the item of the same key, or null when there is none. */
    private String storedDigest(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> key = Map.of("targetId", item.get("targetId"), "forecast", item.get("forecast"));
        var response = retry.call(
                "reading the stored path of " + item.get("targetId").s(),
                () -> dynamo.getItem(g -> g.tableName(tableName)
                        .key(key)
                        .consistentRead(true)
                        .projectionExpression("#d")
                        .expressionAttributeNames(Map.of("#d", DIGEST))));
        AttributeValue stored = response.hasItem() ? response.item().get(DIGEST) : null;
        return stored == null ? null : stored.s();
    }
}
