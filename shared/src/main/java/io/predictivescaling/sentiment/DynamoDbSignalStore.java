package io.predictivescaling.sentiment;

import io.predictivescaling.aws.Retry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The signals table: partition {@code keyword}, sort key {@code interval} (ISO-8601 start), kept 30 days. */
public final class DynamoDbSignalStore implements SignalStore {
    static final Duration KEEP = Duration.ofDays(30);
    private final DynamoDbClient dynamo;
    private final String table;
    private final Retry retry;

    public DynamoDbSignalStore(DynamoDbClient dynamo, String table, Retry retry) {
        this.dynamo = dynamo;
        this.table = table;
        this.retry = retry;
    }

    @Override
    public void save(Signal s) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("keyword", AttributeValue.fromS(s.keyword()));
        item.put("interval", AttributeValue.fromS(s.intervalStart().toString()));
        item.put("volume", AttributeValue.fromN(Integer.toString(s.volume())));
        item.put("meanSentiment", n(s.meanSentiment()));
        item.put("positiveShare", n(s.positiveShare()));
        item.put("hype", n(s.hype()));
        item.put("trending", AttributeValue.fromBool(s.trending()));
        item.put("fired", AttributeValue.fromBool(s.fired()));
        item.put("baselineMultiple", n(s.baselineMultiple()));
        Map<String, AttributeValue> bySource = new LinkedHashMap<>();
        s.bySource().forEach((k, v) -> bySource.put(k, AttributeValue.fromN(Integer.toString(v))));
        item.put("bySource", AttributeValue.fromM(bySource));
        if (!s.failedSources().isEmpty()) {
            item.put("failedSources", AttributeValue.fromSs(s.failedSources()));
        }
        item.put(
                "expiresAt",
                AttributeValue.fromN(Long.toString(s.intervalStart().plus(KEEP).getEpochSecond())));
        retry.run(
                "saving signal " + s.keyword(),
                () -> dynamo.putItem(r -> r.tableName(table).item(item)));
    }

    @Override
    public List<Signal> read(String keyword, Instant from, Instant to) {
        List<Signal> out = new ArrayList<>();
        var pages = dynamo.queryPaginator(r -> r.tableName(table)
                .keyConditionExpression("keyword = :k AND #i BETWEEN :a AND :b")
                .expressionAttributeNames(Map.of("#i", "interval"))
                .expressionAttributeValues(Map.of(
                        ":k",
                        AttributeValue.fromS(keyword),
                        ":a",
                        AttributeValue.fromS(from.toString()),
                        ":b",
                        AttributeValue.fromS(to.toString()))));
        for (var item : pages.items()) {
            Instant start = Instant.parse(item.get("interval").s());
            if (!start.isBefore(to)) {
                continue;
            }
            Map<String, Integer> bySource = new LinkedHashMap<>();
            if (item.containsKey("bySource")) {
                item.get("bySource").m().forEach((k, v) -> bySource.put(k, Integer.parseInt(v.n())));
            }
            out.add(new Signal(
                    keyword,
                    start,
                    Integer.parseInt(item.get("volume").n()),
                    num(item, "meanSentiment"),
                    num(item, "positiveShare"),
                    num(item, "hype"),
                    item.get("trending").bool(),
                    item.get("fired").bool(),
                    num(item, "baselineMultiple"),
                    bySource,
                    item.containsKey("failedSources")
                            ? item.get("failedSources").ss()
                            : List.of()));
        }
        return out;
    }

    private static double num(Map<String, AttributeValue> item, String name) {
        return item.containsKey(name) ? Double.parseDouble(item.get(name).n()) : 0;
    }

    private static AttributeValue n(double v) {
        return AttributeValue.fromN(String.format(Locale.ROOT, "%.4f", Double.isFinite(v) ? v : 0));
    }
}
