package io.predictivescaling.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.predictivescaling.aws.ItemSize;
import io.predictivescaling.feedback.MaturedPrediction;
import io.predictivescaling.feedback.PathItem;
import io.predictivescaling.forecast.LoadPrediction;
import io.predictivescaling.planning.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** An hour's 48-hour path is one item of a few write units, and every prediction reads back as it was made. */
class PathItemTest {
    static final Instant MADE = Instant.parse("2026-11-30T12:00:00Z");
    static final String REASON = "weekly pattern: Wednesday 19:00 peak; trend flat; methods: seasonal-ar 30% + "
            + "seasonal-ar-log 26% + weekly-naive 16% + weekly-profile-2 14% + weekly-profile-3 14%";
    static final Map<String, Double> METHODS = Map.of(
            "pattern:seasonal-ar", 0.303,
            "pattern:seasonal-ar-log", 0.264,
            "pattern:weekly-naive", 0.162,
            "pattern:weekly-profile-2", 0.136,
            "pattern:weekly-profile-3", 0.136);

    @Test
    void anHoursPathOf48PredictionsIsOneItemOfAtMostFourWriteUnits() {
        List<PredictionRecord> path = path();

        List<Map<String, AttributeValue>> items = DynamoDbPredictionStore.items(path);

        assertThat(items).hasSize(1);
        assertThat(items.get(0).get("forecast").s()).isEqualTo("path#2026-11-30T12:00:00Z");
        assertThat(ItemSize.writeUnits(items.get(0)))
                .as("one path item instead of 48 items of a write unit each")
                .isLessThanOrEqualTo(4);
    }

    @Test
    void everyPredictionReadsBackWithItsOwnValuesAndAnEventHourWithItsOwnReasonAndSignals() {
        List<PredictionRecord> path = path();

        List<MaturedPrediction> read = PathItem.predictions(
                "orders", DynamoDbPredictionStore.items(path).get(0));

        assertThat(read).hasSize(48);
        for (int i = 0; i < 48; i++) {
            LoadPrediction made = path.get(i).prediction();
            MaturedPrediction back = read.get(i);
            assertThat(back.key()).isEqualTo(DynamoDbPredictionStore.sortKey(made));
            assertThat(back.forecastTime()).isEqualTo(made.forecastTime());
            assertThat(back.horizon()).isEqualTo(made.horizon());
            assertThat(back.resolution()).isEqualTo(Duration.ofHours(1));
            assertThat(back.statistic()).isEqualTo("p95");
            assertThat(back.predicted()).isEqualTo(made.predictedLoad(), org.assertj.core.data.Offset.offset(0.001));
            assertThat(back.lower()).isEqualTo(made.lower(), org.assertj.core.data.Offset.offset(0.001));
            assertThat(back.upper()).isEqualTo(made.upper(), org.assertj.core.data.Offset.offset(0.001));
            assertThat(back.capacity()).isEqualTo(path.get(i).predictedCapacity());
            assertThat(back.signals()).isEqualTo(made.signals());
        }
        assertThat(read.get(30).signals()).containsEntry("event:holiday", 0.72);
        List<Map<String, AttributeValue>> rows =
                PathItem.rows(DynamoDbPredictionStore.items(path).get(0));
        for (int i = 0; i < 48; i++) {
            assertThat(rows.get(i).get("reason").s())
                    .isEqualTo(path.get(i).prediction().reason());
            assertThat(rows.get(i).get("recommendedAction").s())
                    .isEqualTo(path.get(i).recommendedAction());
            assertThat(rows.get(i).get("severity").s()).isEqualTo("critical");
        }
    }

    @Test
    void shortHorizonsStayItemsOfTheirOwn() {
        LoadPrediction fiveMinutes = new LoadPrediction(
                MADE.plus(Duration.ofMinutes(65)), Duration.ofMinutes(5), 100, 90, 110, 0.9, REASON, METHODS);
        PredictionRecord shortOne =
                new PredictionRecord("orders", fiveMinutes, 3, Severity.NORMAL, "keep MinCapacity 3", MADE);
        List<PredictionRecord> records = new ArrayList<>(path());
        records.add(shortOne);

        List<Map<String, AttributeValue>> items = DynamoDbPredictionStore.items(records);

        assertThat(items)
                .extracting(i -> i.get("forecast").s())
                .containsExactlyInAnyOrder("2026-11-30T13:05:00Z#PT5M", "path#2026-11-30T12:00:00Z");
    }

    /** A realistic path made in hour 12:00: 48 hours ahead, hour 31 with a holiday applied. */
    static List<PredictionRecord> path() {
        List<PredictionRecord> records = new ArrayList<>();
        for (int k = 1; k <= 48; k++) {
            double load = 9000 + 1274.282 * Math.sin(k / 3.0);
            boolean holiday = k == 31;
            LoadPrediction p = new LoadPrediction(
                    MADE.plus(Duration.ofHours(k)),
                    Duration.ofHours(k),
                    holiday ? load * 0.72 : load,
                    load * 0.97,
                    load * 1.033,
                    0.971,
                    holiday ? REASON + "; event: holiday 'Thanksgiving' (x0.72)" : REASON,
                    holiday ? withHoliday() : METHODS);
            int capacity = (int) Math.ceil(load / 941.5);
            records.add(new PredictionRecord(
                    "orders",
                    p,
                    capacity,
                    Severity.CRITICAL,
                    capacity == 9
                            ? "keep MinCapacity 9"
                            : "raise MinCapacity to " + capacity + " by " + p.forecastTime(),
                    MADE.plus(Duration.ofMinutes(1))));
        }
        return records;
    }

    private static Map<String, Double> withHoliday() {
        Map<String, Double> signals = new java.util.HashMap<>(METHODS);
        signals.put("event:holiday", 0.72);
        return signals;
    }
}
