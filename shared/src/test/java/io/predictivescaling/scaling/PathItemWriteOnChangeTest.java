package io.predictivescaling.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.predictivescaling.aws.ItemSize;
import io.predictivescaling.aws.Retry;
import io.predictivescaling.feedback.MaturedPrediction;
import io.predictivescaling.feedback.PathItem;
import io.predictivescaling.forecast.LoadPrediction;
import io.predictivescaling.planning.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** An hour's path as one item, read back and compared as DynamoDB stores it (numbers trimmed). */
class PathItemWriteOnChangeTest {
    static final Instant MADE = Instant.parse("2026-11-30T12:00:00Z");
    static final Retry RETRY = new Retry(3, Duration.ofMillis(1), Duration.ofMillis(5));

    /**
     * Real DynamoDB trims trailing zeros of numbers ("0.800" is read back as "0.8"), so a stored path item never
     * equals the freshly built one (every number is written with "%.3f"): each rerun within the hour rewrites the
     * path (about 4 write units every 5 minutes instead of once an hour) and pays the GetItem on top. moto keeps
     * numbers as sent, which is why WriteOnChangePredictionStoreIT passes.
     */
    @Test
    void aRerunWithinTheHourWritesNothingOnDynamoDbWhichTrimsTrailingZeros() {
        NumberTrimmingDynamoDb dynamo = new NumberTrimmingDynamoDb();
        var store = new WriteOnChangePredictionStore(dynamo, "predictions", RETRY);

        store.save(path(MADE.plus(Duration.ofMinutes(2))));
        int first = dynamo.itemsWritten.getAndSet(0);
        store.save(path(MADE.plus(Duration.ofMinutes(7))));

        assertThat(first).isEqualTo(1);
        assertThat(dynamo.itemsWritten.get())
                .as("the same 48 predictions 5 minutes later: nothing to write")
                .isZero();
    }

    /**
     * A holiday applied hour by hour (each hour its own multiplier, so its own reason): the path item is about 14 KB (14 write units).
     * The 12 runs of an hour predict the same path; on DynamoDB (numbers trimmed) each rewrites it, 12 x 14 = 168 write
     * units an hour, 3.5 times what the 48 items of the old layout cost (48 write units, written once an hour).
     */
    @Test
    void anHoursRunsOnAnEventDayCostNoMoreWriteUnitsThanThe48ItemsDid() {
        NumberTrimmingDynamoDb dynamo = new NumberTrimmingDynamoDb();
        var store = new WriteOnChangePredictionStore(dynamo, "predictions", RETRY);

        for (int run = 0; run < 12; run++) {
            store.save(holidayPath(MADE.plus(Duration.ofMinutes(2 + 5 * run))));
        }

        assertThat(dynamo.writeUnits.get())
                .as("write units of an hour's 12 runs, against 48 for the old layout's 48 items")
                .isLessThanOrEqualTo(48);
    }

    /** The path of {@link #path} with a holiday applied to every hour, each with its own multiplier. */
    static List<PredictionRecord> holidayPath(Instant createdAt) {
        return path(createdAt).stream()
                .map(r -> {
                    LoadPrediction p = r.prediction();
                    double f = 0.6 + p.horizon().toHours() / 200.0;
                    return new PredictionRecord(
                            r.targetId(),
                            new LoadPrediction(
                                    p.forecastTime(),
                                    p.horizon(),
                                    p.predictedLoad() * f,
                                    p.lower() * f,
                                    p.upper() * f,
                                    p.confidence(),
                                    "weekly pattern: Wednesday 19:00 peak; trend flat; methods: seasonal-ar 50% + "
                                            + "weekly-naive 50%"
                                            + String.format(
                                                    Locale.ROOT,
                                                    "; event: holiday 'Thanksgiving Day' under way: learned hour by "
                                                            + "hour from 2 past holidays (x%.2f)",
                                                    f),
                                    Map.of(
                                            "pattern:seasonal-ar", 0.5,
                                            "pattern:weekly-naive", 0.5,
                                            "event:holiday", Math.round(f * 1000) / 1000.0)),
                            r.predictedCapacity(),
                            r.severity(),
                            r.recommendedAction(),
                            r.createdAt());
                })
                .toList();
    }

    /**
     * An event (or several) applied hour by hour gives each hour its own reason (its own multiplier "(x0.87)"), all
     * carrying the event's name, which nothing bounds. As 48 items each hour's reason had 400 KB to itself; in one
     * path item the 48 reasons share 400 KB, so an event named with 8.5 KB of text (a feed entry's title with its
     * description) makes the item too large: DynamoDB rejects the whole BatchWriteItem with a ValidationException,
     * and since PredictAndScaleService saves the predictions before it applies the plan, the target is not scaled.
     */
    @Test
    void aPathWhoseEveryHourNamesALongEventStillFitsOneDynamoDbItem() {
        List<PredictionRecord> records = longEventPath();

        long largestOldItem = records.stream()
                .mapToLong(r -> ItemSize.bytes(DynamoDbPredictionStore.item(r)))
                .max()
                .orElseThrow();
        Map<String, AttributeValue> item =
                DynamoDbPredictionStore.items(records).get(0);

        assertThat(largestOldItem).as("each hour as an item of its own").isLessThan(400 * 1024);
        assertThat(ItemSize.bytes(item))
                .as("DynamoDB's item size limit (400 KB)")
                .isLessThanOrEqualTo(400 * 1024);
    }

    /**
     * Everything a run makes, through the store and back as DynamoDB returns it: hours with their own reason and
     * signals, empty signals, actions whose numbers include the capacity elsewhere, a path that starts at 3 h and
     * has gaps (a daylight-saving day), two made hours of one target in one save.
     */
    @Test
    void everyHourOfEveryPathReadsBackExactlyAsMadeThroughAStoreThatTrimsNumbers() {
        NumberTrimmingDynamoDb dynamo = new NumberTrimmingDynamoDb();
        var store = new WriteOnChangePredictionStore(dynamo, "predictions", RETRY);
        Instant created = MADE.plus(Duration.ofMinutes(2));
        List<PredictionRecord> made = new ArrayList<>();
        long[] hours = {3, 4, 5, 7, 8, 11, 24, 48};
        String[] actions = {
            "hold: metrics stale (last sample 2026-11-30T11:05:00Z): no new raise; 5 steps over 5 h, peak 5",
            "keep MinCapacity 5",
            "would raise (ForecastOnly) MinCapacity to 7 by 2026-11-30T16:00:00Z",
            "raise MinCapacity to 15 by 2026-11-30T19:00:00Z",
            "lower MinCapacity to 2",
            "hold: 3 steps over 48 h, peak capacity 12 (now 5), raising to 12 now, 12.5% above 1.2",
            "keep MinCapacity 5",
            "keep MinCapacity 5"
        };
        int[] capacity = {5, 5, 7, 15, 2, 12, 5, 5};
        for (int i = 0; i < hours.length; i++) {
            Map<String, Double> signals = i == 6
                    ? Map.of()
                    : i == 3 ? Map.of("pattern:daily-naive", 0.5, "sentiment:yourgame", 1.0) : Map.of("pattern:a", 1.0);
            String reason =
                    i == 3 ? "methods: daily-naive 50%; social: yourgame mentions x3 over 7 d" : "methods: a 100%";
            made.add(record("orders", MADE, hours[i], 100.125 + i, reason, signals, capacity[i], actions[i], created));
        }
        // The same target's next hour, in the same save (a run that overran the hour's turn).
        made.add(record(
                "orders", MADE.plus(Duration.ofHours(1)), 1, 80, "", Map.of(), 3, "keep MinCapacity 3", created));

        store.save(made);

        assertThat(dynamo.items.keySet())
                .containsExactlyInAnyOrder("orders|path#2026-11-30T12:00:00Z", "orders|path#2026-11-30T13:00:00Z");
        List<Map<String, AttributeValue>> rows = new ArrayList<>();
        List<MaturedPrediction> read = new ArrayList<>();
        for (String key : List.of("orders|path#2026-11-30T12:00:00Z", "orders|path#2026-11-30T13:00:00Z")) {
            rows.addAll(PathItem.rows(dynamo.items.get(key)));
            read.addAll(PathItem.predictions("orders", dynamo.items.get(key)));
        }
        assertThat(rows).hasSize(made.size());
        for (int i = 0; i < made.size(); i++) {
            PredictionRecord r = made.get(i);
            LoadPrediction p = r.prediction();
            Map<String, AttributeValue> row = rows.get(i);
            MaturedPrediction back = read.get(i);
            assertThat(row.get("forecast").s()).isEqualTo(DynamoDbPredictionStore.sortKey(p));
            assertThat(row.get("reason").s()).isEqualTo(p.reason());
            assertThat(row.get("recommendedAction").s()).isEqualTo(r.recommendedAction());
            assertThat(row.get("severity").s()).isEqualTo(r.severity().name().toLowerCase(Locale.ROOT));
            assertThat(row.containsKey("signals")).isEqualTo(!p.signals().isEmpty());
            assertThat(back.forecastTime()).isEqualTo(p.forecastTime());
            assertThat(back.horizon()).isEqualTo(p.horizon());
            assertThat(back.capacity()).isEqualTo(r.predictedCapacity());
            assertThat(back.predicted()).isCloseTo(p.predictedLoad(), Offset.offset(0.0005));
            if (!p.signals().isEmpty()) {
                assertThat(back.signals()).isEqualTo(p.signals());
            }
        }
    }

    static PredictionRecord record(
            String target,
            Instant madeHour,
            long horizonHours,
            double load,
            String reason,
            Map<String, Double> signals,
            int capacity,
            String action,
            Instant created) {
        Duration h = Duration.ofHours(horizonHours);
        return new PredictionRecord(
                target,
                new LoadPrediction(madeHour.plus(h), h, load, load * 0.9, load * 1.1, 0.8, reason, signals),
                capacity,
                capacity > 10 ? Severity.HIGH : Severity.NORMAL,
                action,
                created);
    }

    /** A 48-hour path made in hour 12:00 whose every hour applies an event named with about 8.5 KB of text. */
    static List<PredictionRecord> longEventPath() {
        String name = "Winter Sale: " + "everything must go, ".repeat(420);
        List<PredictionRecord> records = new ArrayList<>();
        for (PredictionRecord r : path(MADE.plus(Duration.ofMinutes(2)))) {
            LoadPrediction p = r.prediction();
            String reason = p.reason()
                    + String.format(
                            Locale.ROOT,
                            "; event: sale '%s' in 2 h: learned from 3 past sales (x%.2f)",
                            name,
                            1 + p.horizon().toHours() / 100.0);
            records.add(new PredictionRecord(
                    r.targetId(),
                    new LoadPrediction(
                            p.forecastTime(),
                            p.horizon(),
                            p.predictedLoad(),
                            p.lower(),
                            p.upper(),
                            p.confidence(),
                            reason,
                            p.signals()),
                    r.predictedCapacity(),
                    r.severity(),
                    r.recommendedAction(),
                    r.createdAt()));
        }

        return records;
    }

    /** 48 hourly predictions made in hour 12:00, with typical values (written "%.3f", so with trailing zeros). */
    static List<PredictionRecord> path(Instant createdAt) {
        List<PredictionRecord> records = new ArrayList<>();
        for (int k = 1; k <= 48; k++) {
            records.add(record(
                    "orders",
                    MADE,
                    k,
                    100 + k / 2.0,
                    "methods: seasonal-ar 50% + weekly-naive 50%",
                    Map.of("pattern:seasonal-ar", 0.5, "pattern:weekly-naive", 0.5),
                    2,
                    "keep MinCapacity 2",
                    createdAt));
        }
        return records;
    }
}
