package io.predictivescaling.patterns;

import io.predictivescaling.aws.Retry;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.Month;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The patterns table: one item per metric and pattern kind, readable in the DynamoDB console, e.g.
 * {@code metricId=checkout-rps, kind=hourOfDay, profile={"15": 1.0, "20": 0.8, "2": 0.2}} or
 * {@code kind=dayOfWeek, profile={"friday": 0.8, "saturday": 1.0}}. Each item records what it was learned
 * from ({@code learnedFromHours}, {@code historyFrom}, {@code historyTo}) and when.
 */
public final class DynamoDbPatternStore implements PatternStore {
    static final List<String> KINDS = List.of("summary", "hourOfDay", "dayOfWeek", "hourOfWeek", "monthOfYear");
    /** Patterns of a metric that is no longer analysed disappear after this. */
    static final Duration KEEP = Duration.ofDays(30);

    private final DynamoDbClient dynamo;
    private final String tableName;
    private final Retry retry;

    public DynamoDbPatternStore(DynamoDbClient dynamo, String tableName, Retry retry) {
        this.dynamo = dynamo;
        this.tableName = tableName;
        this.retry = retry;
    }

    @Override
    public void save(String metricId, LoadPatterns p, Instant learnedAt) {
        Map<String, AttributeValue> summary = new LinkedHashMap<>();
        summary.put("peak", s(p.peakDescription()));
        summary.put("peakLoad", n(p.peakLoad()));
        summary.put("trend", s(p.trendDescription()));
        summary.put("trendPerWeek", n(p.trendPerWeek()));
        summary.put("residualSpread", n(p.residualSpread()));
        summary.put("timeZone", s(p.zone().getId()));
        put(metricId, "summary", summary, p, learnedAt);

        Map<String, AttributeValue> hours = new TreeMap<>();
        p.hourOfDay().forEach((h, v) -> hours.put(Integer.toString(h), n(v)));
        put(metricId, "hourOfDay", Map.of("profile", AttributeValue.fromM(hours)), p, learnedAt);

        Map<String, AttributeValue> days = new LinkedHashMap<>();
        p.dayOfWeek().forEach((d, v) -> days.put(d.name().toLowerCase(Locale.ROOT), n(v)));
        put(metricId, "dayOfWeek", Map.of("profile", AttributeValue.fromM(days)), p, learnedAt);

        Map<String, AttributeValue> week = new LinkedHashMap<>();
        for (int h = 0; h < 168; h++) {
            week.put(LoadPatterns.describeHourOfWeek(h).toLowerCase(Locale.ROOT), n(p.hourOfWeek()[h]));
        }
        put(metricId, "hourOfWeek", Map.of("profile", AttributeValue.fromM(week)), p, learnedAt);

        if (!p.monthOfYear().isEmpty()) {
            Map<String, AttributeValue> months = new LinkedHashMap<>();
            p.monthOfYear().forEach((m, v) -> months.put(m.name().toLowerCase(Locale.ROOT), n(v)));
            put(metricId, "monthOfYear", Map.of("profile", AttributeValue.fromM(months)), p, learnedAt);
        }
    }

    private void put(
            String metricId, String kind, Map<String, AttributeValue> attributes, LoadPatterns p, Instant learnedAt) {
        Map<String, AttributeValue> item = new HashMap<>(attributes);
        item.put("metricId", s(metricId));
        item.put("kind", s(kind));
        item.put("learnedFromHours", AttributeValue.fromN(Integer.toString(p.hoursLearned())));
        item.put("historyFrom", s(p.from().toString()));
        item.put("historyTo", s(p.to().toString()));
        item.put("updatedAt", s(learnedAt.toString()));
        item.put(
                "expiresAt",
                AttributeValue.fromN(Long.toString(learnedAt.plus(KEEP).getEpochSecond())));
        retry.run(
                "saving " + kind + " patterns of " + metricId,
                () -> dynamo.putItem(r -> r.tableName(tableName).item(item)));
    }

    @Override
    public Optional<LoadPatterns> load(String metricId) {
        var response = retry.call(
                "reading patterns of " + metricId,
                () -> dynamo.query(r -> r.tableName(tableName)
                        .keyConditionExpression("metricId = :m")
                        .expressionAttributeValues(Map.of(":m", s(metricId)))));
        Map<String, Map<String, AttributeValue>> byKind = new HashMap<>();
        response.items().forEach(item -> byKind.put(item.get("kind").s(), item));
        Map<String, AttributeValue> summary = byKind.get("summary");
        if (summary == null || !byKind.containsKey("hourOfWeek")) {
            return Optional.empty();
        }
        Map<Integer, Double> hourOfDay = new TreeMap<>();
        profile(byKind.get("hourOfDay")).forEach((k, v) -> hourOfDay.put(Integer.parseInt(k), v));
        Map<DayOfWeek, Double> dayOfWeek = new EnumMap<>(DayOfWeek.class);
        profile(byKind.get("dayOfWeek"))
                .forEach((k, v) -> dayOfWeek.put(DayOfWeek.valueOf(k.toUpperCase(Locale.ROOT)), v));
        Map<String, Double> weekProfile = profile(byKind.get("hourOfWeek"));
        double[] hourOfWeek = new double[168];
        for (int h = 0; h < 168; h++) {
            hourOfWeek[h] =
                    weekProfile.getOrDefault(LoadPatterns.describeHourOfWeek(h).toLowerCase(Locale.ROOT), 0.0);
        }
        Map<Month, Double> months = new EnumMap<>(Month.class);
        profile(byKind.get("monthOfYear")).forEach((k, v) -> months.put(Month.valueOf(k.toUpperCase(Locale.ROOT)), v));
        return Optional.of(new LoadPatterns(
                ZoneId.of(summary.get("timeZone").s()),
                hourOfDay,
                dayOfWeek,
                hourOfWeek,
                months,
                number(summary, "peakLoad"),
                number(summary, "trendPerWeek"),
                number(summary, "residualSpread"),
                Integer.parseInt(summary.get("learnedFromHours").n()),
                Instant.parse(summary.get("historyFrom").s()),
                Instant.parse(summary.get("historyTo").s())));
    }

    private static Map<String, Double> profile(Map<String, AttributeValue> item) {
        Map<String, Double> values = new HashMap<>();
        if (item != null && item.containsKey("profile")) {
            item.get("profile").m().forEach((k, v) -> values.put(k, Double.parseDouble(v.n())));
        }
        return values;
    }

    private static double number(Map<String, AttributeValue> item, String name) {
        return Double.parseDouble(item.get(name).n());
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    /** Rounded so the console shows 0.83, not 0.8312904871. */
    private static AttributeValue n(double value) {
        return AttributeValue.fromN(String.format(Locale.ROOT, "%.4f", Double.isFinite(value) ? value : 0));
    }
}
