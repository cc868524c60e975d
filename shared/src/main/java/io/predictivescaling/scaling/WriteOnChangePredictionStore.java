package io.predictivescaling.scaling;

import io.predictivescaling.aws.Retry;
import io.predictivescaling.planning.PlanningCore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The predictions table, writing only what changed. A run every 5 minutes predicts the same 48-hour path
 * ({@link PlanningCore#onPath}) until the next hour completes, and rewriting it would cost a write unit per record
 * (about 48 per target per run).
 *
 * <p>The path's first record carries {@value #DIGEST}: a SHA-256 of every path record as stored (all attributes
 * but {@code createdAt} and feedback's annotations). A run reads that one item (one strongly consistent GetItem,
 * 1 read unit) and, when the digest matches, writes nothing of the path. When the item is missing (the first run of
 * an hour: keys carry the horizon from the hour, so each hour's path is all new keys) every record is written
 * without reading. Only when the digest differs within the hour (the capacity in force changed what the records
 * recommend) is the path's key range read with one Query and the changed records written. The digest goes last, so
 * a run that dies in between leaves a digest that does not match and the next run compares record by record again.
 * The short horizons (5 minutes, 1 hour) move with every run, so they are new keys each time and are written
 * without reading.
 *
 * <p>Why not one Query every run: it reads the whole path (a few read units) where one item tells, and an emulator
 * such as moto answers a Query in time linear in the whole table (it sorts every item of every target), which made
 * a steady-state run of 1,000 targets several times slower than writing everything.
 *
 * <p>{@code createdAt} is not compared: a stored prediction keeps the time it was first made with these values.
 */
public final class WriteOnChangePredictionStore implements PredictionStore {
    /** The attribute on the path's first record holding the digest of the whole stored path. */
    static final String DIGEST = "pathDigest";

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
        records.forEach(r ->
                byTarget.computeIfAbsent(r.targetId(), k -> new ArrayList<>()).add(r));
        List<PredictionRecord> changed = new ArrayList<>();
        Map<String, PathDigest> digests = new LinkedHashMap<>();
        for (var entry : byTarget.entrySet()) {
            List<PredictionRecord> path = entry.getValue().stream()
                    .filter(r -> PlanningCore.onPath(r.prediction()))
                    .sorted(Comparator.comparing(r -> DynamoDbPredictionStore.sortKey(r.prediction())))
                    .toList();
            // Short horizons are new keys every run: nothing to compare them with.
            entry.getValue().stream()
                    .filter(r -> !PlanningCore.onPath(r.prediction()))
                    .forEach(changed::add);
            if (path.isEmpty()) {
                continue;
            }
            String digest = digest(path);
            String anchor = DynamoDbPredictionStore.sortKey(path.get(0).prediction());
            Map<String, AttributeValue> marked = storedAnchor(entry.getKey(), anchor);
            AttributeValue storedDigest = marked == null ? null : marked.get(DIGEST);
            if (storedDigest != null && digest.equals(storedDigest.s())) {
                continue;
            }
            // No anchor: the path of this hour was never stored (keys carry the horizon from the hour, so a new hour
            // is all new keys), and every record is written without reading.
            Map<String, Map<String, AttributeValue>> stored = marked == null ? Map.of() : stored(entry.getKey(), path);
            for (PredictionRecord r : path) {
                Map<String, AttributeValue> have = stored.get(DynamoDbPredictionStore.sortKey(r.prediction()));
                if (have == null || !comparable(have).equals(comparable(DynamoDbPredictionStore.item(r)))) {
                    changed.add(r);
                }
            }
            digests.put(entry.getKey(), new PathDigest(anchor, digest));
        }
        writer.save(changed);
        // Last: a digest is only ever stored over a path that is stored in full.
        digests.forEach((target, d) -> retry.run(
                "marking the stored path of " + target,
                () -> dynamo.updateItem(u -> u.tableName(tableName)
                        .key(key(target, d.anchor()))
                        .updateExpression("SET #d = :d")
                        .expressionAttributeNames(Map.of("#d", DIGEST))
                        .expressionAttributeValues(Map.of(":d", AttributeValue.fromS(d.digest()))))));
    }

    private record PathDigest(String anchor, String digest) {}

    /** Whether a new record differs from a stored item: every attribute but createdAt. */
    static Map<String, AttributeValue> comparable(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> copy = new HashMap<>(item);
        copy.remove("createdAt");
        copy.remove(DIGEST);
        // Feedback's annotations are not ours to compare: versions before issue 19 wrote them onto prediction items
        // (feedback now writes an interval's actual as its own item), and only once the forecast time had passed.
        copy.remove("actualLoad");
        copy.remove("error");
        copy.remove("withinBounds");
        copy.remove("scoredAt");
        return copy;
    }

    /** SHA-256 (hex) of the path's records as they would be stored, in key order, attributes in name order. */
    static String digest(List<PredictionRecord> path) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (PredictionRecord r : path) {
                // AttributeValue's toString names the type and value of each attribute (maps included).
                sha.update(new TreeMap<>(comparable(DynamoDbPredictionStore.item(r)))
                        .toString()
                        .getBytes(StandardCharsets.UTF_8));
                sha.update((byte) '\n');
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The path's first record as stored (only its digest, if any), or null when it is not stored. */
    private Map<String, AttributeValue> storedAnchor(String targetId, String anchor) {
        var response = retry.call(
                "reading the stored path of " + targetId,
                () -> dynamo.getItem(g -> g.tableName(tableName)
                        .key(key(targetId, anchor))
                        .consistentRead(true)
                        .projectionExpression("#d, forecast")
                        .expressionAttributeNames(Map.of("#d", DIGEST))));
        return response.hasItem() && !response.item().isEmpty() ? response.item() : null;
    }

    private static Map<String, AttributeValue> key(String targetId, String sortKey) {
        return Map.of("targetId", AttributeValue.fromS(targetId), "forecast", AttributeValue.fromS(sortKey));
    }

    private Map<String, Map<String, AttributeValue>> stored(String targetId, List<PredictionRecord> records) {
        String from = DynamoDbPredictionStore.sortKey(records.get(0).prediction());
        String to =
                DynamoDbPredictionStore.sortKey(records.get(records.size() - 1).prediction());
        Map<String, Map<String, AttributeValue>> items = new HashMap<>();
        Map<String, AttributeValue> startKey = null;
        do {
            QueryRequest.Builder query = QueryRequest.builder()
                    .tableName(tableName)
                    .keyConditionExpression("targetId = :t AND forecast BETWEEN :from AND :to")
                    .expressionAttributeValues(Map.of(
                            ":t",
                            AttributeValue.fromS(targetId),
                            ":from",
                            AttributeValue.fromS(from),
                            ":to",
                            AttributeValue.fromS(to)));
            if (startKey != null) {
                query.exclusiveStartKey(startKey);
            }
            QueryRequest request = query.build();
            QueryResponse page = retry.call("reading stored predictions of " + targetId, () -> dynamo.query(request));
            page.items().forEach(item -> items.put(item.get("forecast").s(), item));
            startKey =
                    page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null);
        return items;
    }
}
