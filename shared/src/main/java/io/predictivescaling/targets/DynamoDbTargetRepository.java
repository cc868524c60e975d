package io.predictivescaling.targets;

import io.predictivescaling.aws.Retry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * The targets table: one item per target, edited by operators in the DynamoDB console. See the README
 * for the attributes; a target's CloudWatch source is the map attribute {@code cloudWatch}.
 */
public final class DynamoDbTargetRepository implements TargetRepository {
    private final DynamoDbClient dynamo;
    private final String tableName;
    private final Retry retry;

    public DynamoDbTargetRepository(DynamoDbClient dynamo, String tableName, Retry retry) {
        this.dynamo = dynamo;
        this.tableName = tableName;
        this.retry = retry;
    }

    @Override
    public Loaded loadAll() {
        List<ScalableTarget> targets = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<String, AttributeValue> startKey = null;
        do {
            ScanRequest.Builder scan = ScanRequest.builder().tableName(tableName);
            if (startKey != null) {
                scan.exclusiveStartKey(startKey);
            }
            ScanRequest request = scan.build();
            ScanResponse page = retry.call("reading targets", () -> dynamo.scan(request));
            for (Map<String, AttributeValue> item : page.items()) {
                try {
                    targets.add(fromItem(item));
                } catch (RuntimeException e) {
                    AttributeValue id = item.get("targetId");
                    problems.add("target " + (id == null ? "(no targetId)" : id.s()) + " skipped: " + e.getMessage());
                }
            }
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                    ? page.lastEvaluatedKey() : null;
        } while (startKey != null);
        return new Loaded(targets, problems);
    }

    static ScalableTarget fromItem(Map<String, AttributeValue> item) {
        String targetId = string(item, "targetId");
        String metricId = item.containsKey("metricId") ? string(item, "metricId") : targetId;
        AttributeValue cw = item.get("cloudWatch");
        Optional<CloudWatchMetric> metric = Optional.empty();
        if (cw != null) {
            if (!cw.hasM()) {
                throw new IllegalArgumentException("cloudWatch must be a map");
            }
            Map<String, AttributeValue> m = cw.m();
            Map<String, String> dimensions = new LinkedHashMap<>();
            if (m.containsKey("dimensions")) {
                m.get("dimensions").m().forEach((k, v) -> dimensions.put(k, v.s()));
            }
            int period = m.containsKey("periodSeconds") ? Integer.parseInt(m.get("periodSeconds").n()) : 60;
            metric = Optional.of(new CloudWatchMetric(string(m, "namespace"), string(m, "name"), dimensions,
                    m.containsKey("stat") ? string(m, "stat") : "Average", period,
                    m.containsKey("expression") ? string(m, "expression") : ""));
        }
        return new ScalableTarget(targetId, metricId, metric);
    }

    private static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        if (v == null || v.s() == null || v.s().isBlank()) {
            throw new IllegalArgumentException(name + " is missing or not a string");
        }
        return v.s();
    }
}
