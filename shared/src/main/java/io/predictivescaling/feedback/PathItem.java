package io.predictivescaling.feedback;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The layout of one run-hour's hourly path in the predictions table: the 48 hourly predictions a target's runs make
 * within one hour, stored as <b>one item</b> instead of 48. DynamoDB bills a write unit per started kilobyte of each
 * item written, so 48 items of about 600 bytes cost 48 write units an hour per target, and one item of about 3.3 KB
 * costs 4 (issue 19: the write units were predict-and-scale's largest cost).
 *
 * <p>Sort key {@code path#<hour>} (e.g. {@code path#2026-11-27T20:00:00Z}): {@code fromHour}, the start of the last
 * complete hour of history the path is forecast from, in UTC (runs during 21:xx write {@code path#...T20:00:00Z};
 * its {@code horizonHours} 1 is the hour in progress, 21:00).
 * The {@code path#} prefix sorts after every ISO-8601 time, so a Query on a time range never mixes the two. Each
 * prediction is one position of the parallel lists: forecast time = {@code fromHour} + {@code horizonHours[i]}
 * hours, with {@code predictedLoad[i]}, {@code lowerBound[i]}, {@code upperBound[i]} (load per hour, the hour's P95
 * as {@code statistic} says), {@code predictedCapacity[i]} (units), {@code confidence[i]} (0–1) and
 * {@code severity[i]}. {@code reason} and {@code signals} are the path's usual ones (they rarely differ by hour);
 * an hour whose differ (an event or a social trend applied to it) has them in {@code reasonByHour} and
 * {@code signalsByHour}, keyed by its {@code horizonHours}; so is {@code recommendedAction} (usual) with
 * {@code recommendedActionByHour} (each hour whose action differs, e.g. "raise MinCapacity to 7 by ...").
 *
 * <p>Read back, each position is one {@link MaturedPrediction} whose key is {@code <forecastTime>#<horizon>}, the
 * sort key the same prediction had as an item of its own, so feedback treats both layouts alike.
 */
public final class PathItem {
    /** The sort key prefix of path items. */
    public static final String PREFIX = "path#";

    public static final String FROM_HOUR = "fromHour";
    public static final String HORIZON_HOURS = "horizonHours";
    public static final String PREDICTED_LOAD = "predictedLoad";
    public static final String LOWER_BOUND = "lowerBound";
    public static final String UPPER_BOUND = "upperBound";
    public static final String PREDICTED_CAPACITY = "predictedCapacity";
    public static final String CONFIDENCE = "confidence";
    public static final String SEVERITY = "severity";
    public static final String REASON = "reason";
    public static final String REASON_BY_HOUR = "reasonByHour";
    public static final String SIGNALS = "signals";
    public static final String SIGNALS_BY_HOUR = "signalsByHour";
    public static final String RECOMMENDED_ACTION = "recommendedAction";
    public static final String RECOMMENDED_ACTION_BY_HOUR = "recommendedActionByHour";

    private PathItem() {}

    /** The sort key of the path forecast from {@code hour} (UTC, on the hour). */
    public static String sortKey(Instant hour) {
        return PREFIX + hour;
    }

    /** Whether a predictions-table item is a path item. */
    public static boolean is(Map<String, AttributeValue> item) {
        AttributeValue key = item.get("forecast");
        return key != null && key.s() != null && key.s().startsWith(PREFIX);
    }

    /**
     * The predictions of a path item, in its order (nearest hour first), for scoring.
     *
     * @throws IllegalArgumentException when the item's lists differ in length (a corrupted item: nothing is guessed)
     */
    public static List<MaturedPrediction> predictions(String targetId, Map<String, AttributeValue> item) {
        return rows(item).stream()
                .map(row -> DynamoDbFeedbackStore.parse(targetId, row))
                .toList();
    }

    /**
     * A path item as one row per prediction, each laid out as a short-horizon prediction's item is (sort key
     * {@code <forecastTime>#<horizon>}, {@code forecastTime}, {@code horizon}, {@code predictedLoad}, ...,
     * {@code reason}, {@code signals}, {@code recommendedAction}, {@code createdAt}): what an operator reads, one
     * hour at a time.
     *
     * @throws IllegalArgumentException when the item's lists differ in length (a corrupted item: nothing is guessed)
     */
    public static List<Map<String, AttributeValue>> rows(Map<String, AttributeValue> item) {
        Instant made = Instant.parse(item.get(FROM_HOUR).s());
        List<AttributeValue> hours = item.get(HORIZON_HOURS).l();
        String[] columns = {PREDICTED_LOAD, LOWER_BOUND, UPPER_BOUND, PREDICTED_CAPACITY, CONFIDENCE, SEVERITY};
        for (String column : columns) {
            if (!item.containsKey(column) || item.get(column).l().size() != hours.size()) {
                throw new IllegalArgumentException(
                        "path item " + item.get("forecast").s() + " of "
                                + item.get("targetId").s() + ": " + column + " does not have one value per hour");
            }
        }
        List<Map<String, AttributeValue>> rows = new ArrayList<>(hours.size());
        for (int i = 0; i < hours.size(); i++) {
            String h = hours.get(i).n();
            Duration horizon = Duration.ofHours(Long.parseLong(h));
            Instant forecastTime = made.plus(horizon);
            Map<String, AttributeValue> row = new LinkedHashMap<>();
            row.put("targetId", item.get("targetId"));
            row.put("forecast", AttributeValue.fromS(forecastTime + "#" + horizon));
            row.put("forecastTime", AttributeValue.fromS(forecastTime.toString()));
            row.put("horizon", AttributeValue.fromS(horizon.toString()));
            row.put("resolution", item.get("resolution"));
            row.put("statistic", item.get("statistic"));
            for (String column : columns) {
                row.put(column, item.get(column).l().get(i));
            }
            row.put(REASON, ofHour(item, REASON, REASON_BY_HOUR, h));
            AttributeValue signals = ofHour(item, SIGNALS, SIGNALS_BY_HOUR, h);
            if (signals != null && !signals.m().isEmpty()) {
                // As an item of its own: no signals attribute when there are none (feedback then reads the reason).
                row.put(SIGNALS, signals);
            }
            AttributeValue template = ofHour(item, RECOMMENDED_ACTION, RECOMMENDED_ACTION_BY_HOUR, h);
            if (template != null) {
                row.put(
                        RECOMMENDED_ACTION,
                        AttributeValue.fromS(action(
                                template.s(),
                                item.get(PREDICTED_CAPACITY).l().get(i).n(),
                                forecastTime)));
            }
            row.put("createdAt", item.get("createdAt"));
            row.put("expiresAt", item.get("expiresAt"));
            row.values().removeIf(java.util.Objects::isNull);
            rows.add(row);
        }
        return rows;
    }

    /**
     * An hour's recommended action with its own capacity and forecast time as placeholders (e.g. "raise MinCapacity
     * to {predictedCapacity} by {forecastTime}"), so the hours of a path share one text; {@link #rows} puts them
     * back. Exactly reversible: only whole numbers equal to the capacity and the exact time are replaced.
     */
    public static String actionTemplate(String action, int capacity, Instant forecastTime) {
        return action.replace(forecastTime.toString(), TIME)
                .replaceAll("(?<![\\w.])" + capacity + "(?![\\w.])", CAPACITY);
    }

    private static String action(String template, String capacity, Instant forecastTime) {
        return template.replace(CAPACITY, capacity).replace(TIME, forecastTime.toString());
    }

    private static final String CAPACITY = "{predictedCapacity}";
    private static final String TIME = "{forecastTime}";

    private static AttributeValue ofHour(Map<String, AttributeValue> item, String usual, String byHour, String h) {
        AttributeValue own = item.containsKey(byHour) ? item.get(byHour).m().get(h) : null;
        return own != null ? own : item.get(usual);
    }
}
