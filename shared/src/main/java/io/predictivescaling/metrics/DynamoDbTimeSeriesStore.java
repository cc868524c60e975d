package io.predictivescaling.metrics;

import io.predictivescaling.aws.Retry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The time series in DynamoDB, packed one item per metric and hour.
 *
 * <p>Key: {@code metricId} (partition) and {@code hour} (sort, ISO-8601 hour start such as
 * {@code 2026-11-27T20:00:00Z}). Each sample is an attribute named {@code p<mm><ss>} (its minute and
 * second within the hour), so writing the same sample twice sets the same attribute (idempotent) and a
 * late sample lands in its own hour whatever the order of arrival. Reading a year of per-minute history
 * reads 8,760 items of about 1 KB instead of 525,600 items.
 *
 * <p>A sample's source is kept with it: the attribute is a list {@code [value, source]} (a bare number when
 * the source is empty, and in items written before sources were kept per sample, whose {@code sources} set
 * labels the whole hour). So an item grows only with its samples (at most 3,600, with sources of at most
 * {@value SampleValidator#MAX_SOURCE_BYTES} bytes: under DynamoDB's 400 KB), and when two
 * sources write the same metric and second, the later write wins with its own source. {@code expiresAt}
 * (TTL) is the end of the hour plus the retention, so no sample expires before its own time plus the
 * retention.
 */
public final class DynamoDbTimeSeriesStore implements TimeSeriesStore, HistoryDigests {
    static final String METRIC_ID = "metricId";
    static final String HOUR = "hour";
    /** The sort key of a metric's "last successful pull" item; sorts after every ISO-8601 hour. */
    static final String PULLED = "pulled";
    /** The sort key of a metric's history digest ({@link HistoryDigests}); sorts after {@link #PULLED}. */
    static final String DIGEST = "rollup";
    /** The sort key of a metric's revision, bumped when samples land in a settled hour. */
    static final String REVISION = "rollup#rev";
    /** UpdateExpression is limited to 4 KB: this many points fit comfortably in one update. */
    private static final int POINTS_PER_UPDATE = 100;

    private final DynamoDbClient dynamo;
    private final String tableName;
    private final Duration retention;
    private final Retry retry;
    private final java.time.Clock clock;
    private final AtomicLong itemsRead = new AtomicLong();

    public DynamoDbTimeSeriesStore(DynamoDbClient dynamo, String tableName, Duration retention, Retry retry) {
        this(dynamo, tableName, retention, retry, java.time.Clock.systemUTC());
    }

    /** @param clock what decides whether a written hour is settled ({@link HistoryDigests#settled}) */
    public DynamoDbTimeSeriesStore(
            DynamoDbClient dynamo, String tableName, Duration retention, Retry retry, java.time.Clock clock) {
        this.dynamo = dynamo;
        this.tableName = tableName;
        this.retention = retention;
        this.retry = retry;
        this.clock = clock;
    }

    @Override
    public int append(Collection<LoadSample> samples) {
        // Group by item; within an item the last sample for a second wins (duplicates collapse here too).
        Map<String, Map<String, Map<Instant, LoadSample>>> byMetricAndHour = new TreeMap<>();
        for (LoadSample s : samples) {
            Instant second = s.timestamp().truncatedTo(ChronoUnit.SECONDS);
            byMetricAndHour
                    .computeIfAbsent(s.metricId(), k -> new TreeMap<>())
                    .computeIfAbsent(hourKey(second), k -> new TreeMap<>())
                    .put(second, s);
        }
        int written = 0;
        Instant now = clock.instant();
        for (var metric : byMetricAndHour.entrySet()) {
            boolean late = false;
            for (var hour : metric.getValue().entrySet()) {
                List<LoadSample> points = new ArrayList<>(hour.getValue().values());
                for (int i = 0; i < points.size(); i += POINTS_PER_UPDATE) {
                    writePoints(
                            metric.getKey(),
                            hour.getKey(),
                            points.subList(i, Math.min(points.size(), i + POINTS_PER_UPDATE)));
                }
                written += points.size();
                late |= HistoryDigests.settled(Instant.parse(hour.getKey()), now);
            }
            if (late) {
                // After the samples: a digest built before this bump is never handed out again.
                bumpRevision(metric.getKey());
            }
        }
        return written;
    }

    /** Marks the metric's history changed in a settled hour: digests built before are stale. */
    private void bumpRevision(String metricId) {
        long expiresAt = clock.instant().plus(retention).getEpochSecond();
        try {
            retry.call(
                    "marking the history of " + metricId + " changed",
                    () -> dynamo.updateItem(r -> r.tableName(tableName)
                            .key(Map.of(
                                    METRIC_ID, AttributeValue.fromS(metricId), HOUR, AttributeValue.fromS(REVISION)))
                            .updateExpression("ADD #rev :one SET #expiresAt = :expiresAt")
                            .expressionAttributeNames(Map.of("#rev", "rev", "#expiresAt", "expiresAt"))
                            .expressionAttributeValues(Map.of(
                                    ":one",
                                    AttributeValue.fromN("1"),
                                    ":expiresAt",
                                    AttributeValue.fromN(Long.toString(expiresAt))))));
        } catch (RuntimeException e) {
            throw new StoreWriteException(
                    "stored late samples of " + metricId + " but could not mark its digest "
                            + "stale (the write is retried whole): " + e.getMessage(),
                    e);
        }
    }

    /** One Query for everything after the hours: the last empty pull, the digest and the revision. */
    @Override
    public Loaded load(String metricId) {
        QueryRequest request = QueryRequest.builder()
                .tableName(tableName)
                .keyConditionExpression("#m = :m AND #h >= :pulled")
                .expressionAttributeNames(Map.of("#m", METRIC_ID, "#h", HOUR))
                .expressionAttributeValues(
                        Map.of(":m", AttributeValue.fromS(metricId), ":pulled", AttributeValue.fromS(PULLED)))
                .build();
        QueryResponse page = retry.call("reading the digest of " + metricId, () -> dynamo.query(request));
        itemsRead.addAndGet(page.scannedCount());
        Optional<Instant> pulled = Optional.empty();
        Map<String, AttributeValue> digest = null;
        long revision = 0;
        for (Map<String, AttributeValue> item : page.items()) {
            switch (item.get(HOUR).s()) {
                case PULLED ->
                    pulled = item.containsKey("at")
                            ? Optional.of(Instant.parse(item.get("at").s()))
                            : Optional.empty();
                case DIGEST -> digest = item;
                case REVISION ->
                    revision = item.containsKey("rev")
                            ? Long.parseLong(item.get("rev").n())
                            : 0;
                default -> {}
            }
        }
        boolean current = digest != null
                && digest.containsKey("data")
                && digest.containsKey("dataRev")
                && Long.parseLong(digest.get("dataRev").n()) == revision;
        return new Loaded(
                current ? Optional.of(digest.get("data").b().asByteArray()) : Optional.empty(), revision, pulled);
    }

    @Override
    public void save(String metricId, byte[] digest, long revision) {
        long expiresAt = clock.instant().plus(retention).getEpochSecond();
        retry.call(
                "storing the digest of " + metricId,
                () -> dynamo.putItem(r -> r.tableName(tableName)
                        .item(Map.of(
                                METRIC_ID,
                                AttributeValue.fromS(metricId),
                                HOUR,
                                AttributeValue.fromS(DIGEST),
                                "data",
                                AttributeValue.fromB(software.amazon.awssdk.core.SdkBytes.fromByteArray(digest)),
                                "dataRev",
                                AttributeValue.fromN(Long.toString(revision)),
                                "expiresAt",
                                AttributeValue.fromN(Long.toString(expiresAt))))));
    }

    /**
     * Bulk import of history into hours that hold nothing yet (a first import, a test fixture): each hour is put
     * whole, 25 hours per BatchWriteItem, instead of one update per hour. An hour that already held samples is
     * replaced, not merged: use {@link #append} for live data.
     */
    public int importHistory(Collection<LoadSample> samples) {
        Map<String, Map<String, AttributeValue>> items = new LinkedHashMap<>();
        for (LoadSample p : samples) {
            Instant second = p.timestamp().truncatedTo(ChronoUnit.SECONDS);
            String hour = hourKey(second);
            Map<String, AttributeValue> item = items.computeIfAbsent(p.metricId() + "|" + hour, k -> {
                Map<String, AttributeValue> fresh = new HashMap<>();
                fresh.put(METRIC_ID, AttributeValue.fromS(p.metricId()));
                fresh.put(HOUR, AttributeValue.fromS(hour));
                fresh.put(
                        "expiresAt",
                        AttributeValue.fromN(Long.toString(
                                Instant.parse(hour).plus(retention).getEpochSecond())));
                return fresh;
            });
            item.put("unit", AttributeValue.fromS(p.unit()));
            item.put(pointAttribute(second), AttributeValue.fromN(Double.toString(p.value())));
            if (!p.source().isEmpty()) {
                java.util.Set<String> sources = new java.util.TreeSet<>(
                        item.containsKey("sources") ? item.get("sources").ss() : List.of());
                sources.add(p.source());
                item.put("sources", AttributeValue.fromSs(List.copyOf(sources)));
            }
        }
        List<Map<String, AttributeValue>> all = new ArrayList<>(items.values());
        for (int i = 0; i < all.size(); i += 25) {
            List<software.amazon.awssdk.services.dynamodb.model.WriteRequest> batch =
                    all.subList(i, Math.min(all.size(), i + 25)).stream()
                            .map(item -> software.amazon.awssdk.services.dynamodb.model.WriteRequest.builder()
                                    .putRequest(r -> r.item(item))
                                    .build())
                            .toList();
            retry.untilDone("importing history into " + tableName, batch, send -> {
                var response = dynamo.batchWriteItem(r -> r.requestItems(Map.of(tableName, send)));
                return response.hasUnprocessedItems()
                                && response.unprocessedItems().containsKey(tableName)
                        ? response.unprocessedItems().get(tableName)
                        : List.of();
            });
        }
        // Whole hours were replaced: any digest of these metrics is stale.
        samples.stream().map(LoadSample::metricId).distinct().forEach(this::bumpRevision);
        return samples.size();
    }

    private void writePoints(String metricId, String hour, List<LoadSample> points) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        StringBuilder set = new StringBuilder("SET #unit = :unit, #expiresAt = :expiresAt");
        names.put("#unit", "unit");
        names.put("#expiresAt", "expiresAt");
        LoadSample newest = points.get(points.size() - 1);
        values.put(":unit", AttributeValue.fromS(newest.unit()));
        long expiresAt =
                Instant.parse(hour).plus(Duration.ofHours(1)).plus(retention).getEpochSecond();
        values.put(":expiresAt", AttributeValue.fromN(Long.toString(expiresAt)));
        for (int i = 0; i < points.size(); i++) {
            LoadSample p = points.get(i);
            names.put("#p" + i, pointAttribute(p.timestamp()));
            AttributeValue value = AttributeValue.fromN(Double.toString(p.value()));
            // Bounded whatever the path (pushed samples longer than this are rejected by SampleValidator).
            String source = bounded(p.source());
            values.put(
                    ":v" + i,
                    source.isEmpty() ? value : AttributeValue.fromL(List.of(value, AttributeValue.fromS(source))));
            set.append(", #p").append(i).append(" = :v").append(i);
        }
        UpdateItemRequest request = UpdateItemRequest.builder()
                .tableName(tableName)
                .key(Map.of(METRIC_ID, AttributeValue.fromS(metricId), HOUR, AttributeValue.fromS(hour)))
                .updateExpression(set.toString())
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .build();
        try {
            retry.call(
                    "writing " + points.size() + " samples of " + metricId + " at " + hour,
                    () -> dynamo.updateItem(request));
        } catch (RuntimeException e) {
            throw new StoreWriteException(
                    "could not store " + points.size() + " samples of " + metricId + " in hour " + hour + ": "
                            + e.getMessage(),
                    e);
        }
    }

    @Override
    public List<LoadSample> read(String metricId, Instant from, Instant to) {
        List<LoadSample> samples = new ArrayList<>();
        if (!from.isBefore(to)) {
            return samples;
        }
        Map<String, AttributeValue> startKey = null;
        do {
            QueryRequest.Builder query = QueryRequest.builder()
                    .tableName(tableName)
                    .keyConditionExpression("#m = :m AND #h BETWEEN :from AND :to")
                    .expressionAttributeNames(Map.of("#m", METRIC_ID, "#h", HOUR))
                    .expressionAttributeValues(Map.of(
                            ":m", AttributeValue.fromS(metricId),
                            ":from", AttributeValue.fromS(hourKey(from)),
                            ":to", AttributeValue.fromS(hourKey(to.minusSeconds(1)))));
            if (startKey != null) {
                query.exclusiveStartKey(startKey);
            }
            QueryRequest request = query.build();
            QueryResponse page = retry.call("reading " + metricId, () -> dynamo.query(request));
            itemsRead.addAndGet(page.scannedCount());
            for (Map<String, AttributeValue> item : page.items()) {
                samples.addAll(pointsOf(metricId, item, from, to));
            }
            startKey =
                    page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null);
        samples.sort(Comparator.comparing(LoadSample::timestamp));
        return samples;
    }

    @Override
    public List<Rollup> rollup(String metricId, Instant from, Instant to, Duration resolution) {
        return Rollups.of(read(metricId, from, to), resolution);
    }

    @Override
    public Optional<Instant> latestTimestamp(String metricId) {
        QueryRequest request = QueryRequest.builder()
                .tableName(tableName)
                .keyConditionExpression("#m = :m AND #h < :notAnHour")
                .expressionAttributeNames(Map.of("#m", METRIC_ID, "#h", HOUR))
                .expressionAttributeValues(
                        Map.of(":m", AttributeValue.fromS(metricId), ":notAnHour", AttributeValue.fromS(PULLED)))
                .scanIndexForward(false)
                .limit(1)
                .build();
        QueryResponse page = retry.call("reading latest of " + metricId, () -> dynamo.query(request));
        itemsRead.addAndGet(page.scannedCount());
        return page.items().stream()
                .flatMap(item -> pointsOf(metricId, item, Instant.MIN, Instant.MAX).stream())
                .map(LoadSample::timestamp)
                .max(Comparator.naturalOrder());
    }

    @Override
    public void markPulled(String metricId, Instant at) {
        long expiresAt = at.plus(retention).getEpochSecond();
        retry.call(
                "marking " + metricId + " pulled",
                () -> dynamo.updateItem(r -> r.tableName(tableName)
                        .key(Map.of(METRIC_ID, AttributeValue.fromS(metricId), HOUR, AttributeValue.fromS(PULLED)))
                        .updateExpression("SET #at = :at, #expiresAt = :expiresAt")
                        .expressionAttributeNames(Map.of("#at", "at", "#expiresAt", "expiresAt"))
                        .expressionAttributeValues(Map.of(
                                ":at",
                                AttributeValue.fromS(at.toString()),
                                ":expiresAt",
                                AttributeValue.fromN(Long.toString(expiresAt))))));
    }

    @Override
    public Optional<Instant> lastPulled(String metricId) {
        var item = retry.call(
                        "reading when " + metricId + " was pulled",
                        () -> dynamo.getItem(r -> r.tableName(tableName)
                                .key(Map.of(
                                        METRIC_ID,
                                        AttributeValue.fromS(metricId),
                                        HOUR,
                                        AttributeValue.fromS(PULLED)))))
                .item();
        itemsRead.incrementAndGet();
        return item == null || !item.containsKey("at")
                ? Optional.empty()
                : Optional.of(Instant.parse(item.get("at").s()));
    }

    /** Items read from the table since this store was built: what read capacity is paid for. */
    public long itemsRead() {
        return itemsRead.get();
    }

    private static List<LoadSample> pointsOf(
            String metricId, Map<String, AttributeValue> item, Instant from, Instant to) {
        Instant hour = Instant.parse(item.get(HOUR).s());
        String unit = item.containsKey("unit") ? item.get("unit").s() : "";
        String hourSource = item.containsKey("sources") && item.get("sources").hasSs()
                ? String.join(",", item.get("sources").ss())
                : "";
        Map<Instant, LoadSample> points = new LinkedHashMap<>();
        for (var attribute : item.entrySet()) {
            String name = attribute.getKey();
            if (name.length() == 5 && name.charAt(0) == 'p') {
                int minute = Integer.parseInt(name.substring(1, 3));
                int second = Integer.parseInt(name.substring(3, 5));
                Instant t = hour.plusSeconds(minute * 60L + second);
                if (!t.isBefore(from) && t.isBefore(to)) {
                    AttributeValue v = attribute.getValue();
                    boolean withSource = v.hasL() && v.l().size() == 2;
                    points.put(
                            t,
                            new LoadSample(
                                    metricId,
                                    t,
                                    Double.parseDouble(withSource ? v.l().get(0).n() : v.n()),
                                    unit,
                                    withSource ? v.l().get(1).s() : hourSource));
                }
            }
        }
        return new ArrayList<>(points.values());
    }

    /** The source cut to {@link SampleValidator#MAX_SOURCE_BYTES} UTF-8 bytes, never inside a character. */
    static String bounded(String source) {
        String s = source;
        while (s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > SampleValidator.MAX_SOURCE_BYTES) {
            s = s.substring(0, s.offsetByCodePoints(0, s.codePointCount(0, s.length()) - 1));
        }
        return s;
    }

    static String hourKey(Instant t) {
        return t.truncatedTo(ChronoUnit.HOURS).toString();
    }

    static String pointAttribute(Instant t) {
        long secondOfHour = t.getEpochSecond() - t.truncatedTo(ChronoUnit.HOURS).getEpochSecond();
        return String.format("p%02d%02d", secondOfHour / 60, secondOfHour % 60);
    }
}
