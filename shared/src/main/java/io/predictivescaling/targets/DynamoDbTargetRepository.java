package io.predictivescaling.targets;

import io.predictivescaling.aws.Retry;
import io.predictivescaling.common.TimeWindow;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
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
            startKey =
                    page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null);
        return new Loaded(targets, problems);
    }

    /** BatchGetItem, 100 keys per call, unprocessed keys resent: about half a read unit per target. */
    @Override
    public Loaded load(java.util.Collection<String> targetIds) {
        List<String> ids = targetIds.stream().distinct().sorted().toList();
        List<Map<String, AttributeValue>> items = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < ids.size(); i += 100) {
            List<Map<String, AttributeValue>> keys = ids.subList(i, Math.min(ids.size(), i + 100)).stream()
                    .map(id -> Map.of("targetId", AttributeValue.fromS(id)))
                    .toList();
            retry.untilDone("reading targets by key", keys, batch -> {
                var response = dynamo.batchGetItem(r -> r.requestItems(Map.of(
                        tableName,
                        software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes.builder()
                                .keys(batch)
                                .build())));
                items.addAll(response.responses().getOrDefault(tableName, List.of()));
                var left = response.unprocessedKeys().get(tableName);
                return left == null ? List.of() : left.keys();
            });
        }
        List<ScalableTarget> targets = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Map<String, AttributeValue> item : items) {
            AttributeValue id = item.get("targetId");
            seen.add(id.s());
            try {
                targets.add(fromItem(item));
            } catch (RuntimeException e) {
                problems.add("target " + id.s() + " skipped: " + e.getMessage());
            }
        }
        ids.stream().filter(id -> !seen.contains(id)).forEach(id -> problems.add(TargetRepository.missing(id)));
        targets.sort(java.util.Comparator.comparing(ScalableTarget::targetId));
        return new Loaded(targets, problems);
    }

    static ScalableTarget fromItem(Map<String, AttributeValue> item) {
        String targetId = string(item, "targetId");
        String metricId = item.containsKey("metricId") ? string(item, "metricId") : targetId;
        fitsKey("metricId", metricId);
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
            int period = m.containsKey("periodSeconds")
                    ? Integer.parseInt(m.get("periodSeconds").n())
                    : 60;
            metric = Optional.of(new CloudWatchMetric(
                    string(m, "namespace"),
                    string(m, "name"),
                    dimensions,
                    m.containsKey("stat") ? string(m, "stat") : "Average",
                    period,
                    m.containsKey("expression") ? string(m, "expression") : "",
                    m.containsKey("missingData")
                            ? CloudWatchMetric.MissingData.parse(string(m, "missingData"))
                            : null));
        }
        ZoneId zone = item.containsKey("timeZone") ? ZoneId.of(string(item, "timeZone")) : ZoneOffset.UTC;
        List<TimeWindow> excluded = new ArrayList<>();
        AttributeValue windows = item.get("excludeFromLearning");
        if (windows != null) {
            if (!windows.hasL()) {
                throw new IllegalArgumentException("excludeFromLearning must be a list of \"start/end\" strings");
            }
            for (AttributeValue w : windows.l()) {
                excluded.add(window(w.s()));
            }
        }
        List<String> keywords = new ArrayList<>();
        AttributeValue social = item.get("socialKeywords");
        if (social != null) {
            if (social.hasSs()) {
                keywords.addAll(social.ss());
            } else if (social.hasL()) {
                social.l().forEach(v -> keywords.add(v.s()));
            } else {
                throw new IllegalArgumentException("socialKeywords must be a list or string set of keywords");
            }
        }
        return new ScalableTarget(
                targetId, metricId, metric, zone, List.copyOf(excluded), scaling(item), List.copyOf(keywords));
    }

    /** The scaling attributes; a target without {@code serviceNamespace} is recorded but not scaled. */
    private static Optional<ScalingConfig> scaling(Map<String, AttributeValue> item) {
        if (!item.containsKey("serviceNamespace")) {
            return Optional.empty();
        }
        ScalableResource resource = new ScalableResource(
                string(item, "serviceNamespace"),
                string(item, "resourceId"),
                item.containsKey("scalableDimension") ? string(item, "scalableDimension") : null);
        if (!item.containsKey("loadPerUnit")) {
            throw new IllegalArgumentException("loadPerUnit is missing: the load one capacity unit serves");
        }
        String mode = item.containsKey("mode") ? string(item, "mode") : ScalingPolicy.Mode.ForecastOnly.name();
        ScalingPolicy.Mode parsedMode;
        try {
            parsedMode = ScalingPolicy.Mode.valueOf(mode);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mode must be ForecastOnly or ForecastAndScale, got '" + mode + "'");
        }
        String ceilingPolicy = item.containsKey("ceilingPolicy") ? string(item, "ceilingPolicy") : "honour";
        if (!ceilingPolicy.equals("honour") && !ceilingPolicy.equals("raise")) {
            throw new IllegalArgumentException("ceilingPolicy must be honour or raise, got '" + ceilingPolicy + "'");
        }
        ScalingPolicy policy = new ScalingPolicy(
                number(item, "loadPerUnit", 1),
                (int) number(item, "minCapacity", -1),
                (int) number(item, "maxCapacity", -1),
                java.time.Duration.ofSeconds(
                        (long) number(item, "warmupSeconds", ScalingPolicy.DEFAULT_WARMUP.getSeconds())),
                parsedMode,
                ceilingPolicy.equals("raise"),
                number(
                        item,
                        "ceilingBufferPercent",
                        ceilingPolicy.equals("raise") ? ScalingPolicy.DEFAULT_RAISED_CEILING_BUFFER_PERCENT : 0),
                number(item, "capacityQuantile", ScalingPolicy.DEFAULT_CAPACITY_QUANTILE),
                number(item, "highUtilization", ScalingPolicy.DEFAULT_HIGH_UTILIZATION),
                number(item, "criticalUtilization", ScalingPolicy.DEFAULT_CRITICAL_UTILIZATION),
                number(item, "aggressiveConfidence", ScalingPolicy.DEFAULT_AGGRESSIVE_CONFIDENCE),
                number(item, "gradualConfidence", ScalingPolicy.DEFAULT_GRADUAL_CONFIDENCE),
                number(item, "gradualStepPercent", ScalingPolicy.DEFAULT_GRADUAL_STEP_PERCENT),
                number(item, "scaleInStepPercent", ScalingPolicy.DEFAULT_SCALE_IN_STEP_PERCENT),
                java.time.Duration.ofMinutes(
                        (long) number(item, "staleAfterMinutes", ScalingPolicy.DEFAULT_STALE_AFTER.toMinutes())),
                0); // spare units: only feedback's sizing tuner adds them, through the tuned sizing
        String sizing = item.containsKey("sizing") ? string(item, "sizing") : "tuned";
        if (!sizing.equals("tuned") && !sizing.equals("fixed")) {
            throw new IllegalArgumentException("sizing must be tuned or fixed, got '" + sizing + "'");
        }
        OptionalDouble price = item.containsKey("unitPricePerHour")
                ? OptionalDouble.of(number(item, "unitPricePerHour", 0))
                : OptionalDouble.empty();
        return Optional.of(new ScalingConfig(
                resource,
                policy,
                price,
                sizing.equals("tuned"),
                number(item, "targetUtilization", ScalingConfig.DEFAULT_TARGET_UTILIZATION)));
    }

    private static double number(Map<String, AttributeValue> item, String name, double fallback) {
        AttributeValue v = item.get(name);
        if (v == null) {
            if (fallback < 0) {
                throw new IllegalArgumentException(name + " is missing");
            }
            return fallback;
        }
        String text = v.n() != null ? v.n() : v.s();
        try {
            double value = Double.parseDouble(text);
            if (!Double.isFinite(value)) {
                throw new NumberFormatException();
            }
            return value;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(name + " must be a number, got '" + text + "'");
        }
    }

    /** "2026-03-01T00:00:00Z/2026-03-02T00:00:00Z", the ISO-8601 interval form. */
    private static TimeWindow window(String text) {
        String[] parts = text == null ? new String[0] : text.split("/");
        if (parts.length != 2) {
            throw new IllegalArgumentException("excluded window '" + text + "' is not start/end in ISO-8601");
        }
        try {
            return new TimeWindow(Instant.parse(parts[0].trim()), Instant.parse(parts[1].trim()));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("excluded window '" + text + "' is not start/end in ISO-8601", e);
        }
    }

    /** DynamoDB's limit for a partition key: metricId keys the metrics and patterns tables. */
    static final int MAX_KEY_BYTES = 2048;

    /** Rejects a value that could not key a table it will key, at reading time rather than at every write. */
    private static void fitsKey(String name, String value) {
        int bytes = value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (bytes > MAX_KEY_BYTES) {
            throw new IllegalArgumentException(name + " is " + bytes + " bytes long: DynamoDB keys hold at most "
                    + MAX_KEY_BYTES + " bytes; use a shorter id");
        }
        if (value.isEmpty()) {
            throw new IllegalArgumentException(name + " is empty");
        }
    }

    private static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        if (v == null || v.s() == null || v.s().isBlank()) {
            throw new IllegalArgumentException(name + " is missing or not a string");
        }
        return v.s();
    }
}
