package io.predictivescaling.functions.scorefeedback;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.predictivescaling.feedback.Accuracy;
import io.predictivescaling.feedback.DynamoDbFeedbackStore;
import io.predictivescaling.feedback.FeedbackStore;
import io.predictivescaling.feedback.MaturedPrediction;
import io.predictivescaling.feedback.MetricsEmitter;
import io.predictivescaling.feedback.ScoreFeedbackService;
import io.predictivescaling.feedback.SizingTuner;
import io.predictivescaling.forecast.LoadPrediction;
import io.predictivescaling.metrics.LoadSample;
import io.predictivescaling.planning.Severity;
import io.predictivescaling.scaling.PlanInputs;
import io.predictivescaling.scaling.PredictAndScaleService;
import io.predictivescaling.scaling.PredictionRecord;
import io.predictivescaling.targets.ScalableResource;
import io.predictivescaling.targets.TargetItems;
import io.predictivescaling.testing.SyntheticLoad;
import io.predictivescaling.testing.TestContext;
import io.predictivescaling.testing.fakes.FakeCapacityGateway;
import io.predictivescaling.testing.fakes.InMemoryEventStore;
import io.predictivescaling.testing.fakes.InMemoryPatternStore;
import io.predictivescaling.testing.fakes.InMemoryPredictions;
import io.predictivescaling.testing.fakes.InMemorySignalStore;
import io.predictivescaling.testing.fakes.InMemoryTargetRepository;
import io.predictivescaling.testing.fakes.InMemoryTimeSeriesStore;
import io.predictivescaling.testing.fakes.RecordingEventPublisher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What score-feedback learns and how the next plan uses it, on in-memory fakes of the tables and of Application Auto
 * Scaling: a missing actual, a consistently wrong signal, a collapsed forecast, daily sizing. What the tables hold
 * after scoring (the stored attributes) is checked against moto in {@link ScoreFeedbackHandlerIT}.
 */
class ScoreFeedbackServiceTest {
    static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    final Map<String, Map<String, AttributeValue>> targetRows = new LinkedHashMap<>();
    final InMemoryTimeSeriesStore metrics = new InMemoryTimeSeriesStore();
    final InMemoryPredictions predictions = new InMemoryPredictions();
    final InMemoryPredictions feedback = predictions; // one predictions table, read by feedback

    @BeforeEach
    void tables() {
        target("web", "web-rps", "table/web");
        targetRows.get("web").put("unitPricePerHour", n(0.05));
    }

    void target(String id, String metric, String resource) {
        targetRows.put(
                id,
                new HashMap<>(Map.of(
                        "targetId",
                        s(id),
                        "metricId",
                        s(metric),
                        "serviceNamespace",
                        s("dynamodb"),
                        "resourceId",
                        s(resource),
                        "scalableDimension",
                        s("dynamodb:table:ReadCapacityUnits"),
                        "loadPerUnit",
                        n(10),
                        "minCapacity",
                        n(1),
                        "maxCapacity",
                        n(100),
                        "mode",
                        s("ForecastAndScale"),
                        "staleAfterMinutes",
                        n(120)))); // the history here is hourly
    }

    InMemoryTargetRepository targets() {
        InMemoryTargetRepository repository = new InMemoryTargetRepository();
        targetRows.values().forEach(item -> repository.put(TargetItems.parse(item)));
        return repository;
    }

    ScoreFeedbackService.Result score(Instant now) {
        var handler = new ScoreFeedbackHandler(
                new ScoreFeedbackService(targets(), metrics, feedback, MetricsEmitter.NONE),
                Clock.fixed(now, ZoneOffset.UTC));
        ScheduledEvent tick = EventLoader.loadScheduledEvent("events/score-feedback/scheduled.json");
        return handler.handleRequest(tick, new TestContext());
    }

    /** An hourly prediction of {@code predicted} in [lower, upper] with capacity 12, from the named method. */
    void predict(String target, Instant hour, double predicted, double lower, double upper, String method) {
        predictions.save(List.of(new PredictionRecord(
                target,
                new LoadPrediction(
                        hour, Duration.ofHours(3), predicted, lower, upper, 0.9, "methods: " + method + " 100%"),
                12,
                Severity.NORMAL,
                "keep",
                hour.minusSeconds(7200))));
    }

    void load(String metric, Instant at, double value) {
        metrics.append(List.of(new LoadSample(metric, at, value, "", "test")));
    }

    /**
     * Every hourly run reads back the day it scores, not 3 days (issue 19: each prediction was read 72 times, about
     * $0.029 per target-month in read units).
     */
    @Test
    void anHourlyRunReadsBackOneDayOfPredictionsNotThree() {
        targetRows.get("web").put("sizing", s("fixed")); // no daily sizing read of the week
        for (int h = 72; h > 0; h--) {
            Instant hour = T0.minus(Duration.ofHours(h));
            predict("web", hour, 100, 90, 110, "daily-naive");
            load("web-rps", hour.plus(Duration.ofMinutes(30)), 100);
        }
        score(T0);
        int before = predictions.itemsRead();

        ScoreFeedbackService.Result next = score(T0.plus(Duration.ofHours(1)));

        assertThat(predictions.itemsRead() - before)
                .as("items read by one hourly run: a day of predictions and the actual of each hour")
                .isBetween(2 * 24, 2 * 26);
        assertThat(next.problems()).isEmpty();
    }

    /**
     * Issue 19: predict-and-scale archives about 72 predictions per target-hour (the 48-hour path's hour forecast at
     * every horizon, and the short horizons of every run), and annotating each cost a write unit. An hourly run now
     * writes one actual per interval: the hour and its twelve 5-minute intervals.
     */
    @Test
    void anHourlyRunWritesOneActualPerIntervalNotOnePerPrediction() {
        targetRows.get("web").put("sizing", s("fixed"));
        Instant hour = T0.minus(Duration.ofHours(2));
        List<PredictionRecord> records = new ArrayList<>();
        for (int h = 1; h <= 48; h++) {
            records.add(record(hour, Duration.ofHours(h)));
        }
        for (int m = 0; m < 60; m += 5) {
            records.add(record(hour.plus(Duration.ofMinutes(m)), Duration.ofMinutes(5)));
            records.add(record(hour.plus(Duration.ofMinutes(m)), Duration.ofMinutes(30)));
            load("web-rps", hour.plus(Duration.ofMinutes(m + 1)), 95);
        }
        predictions.save(records);

        ScoreFeedbackService.Result result = score(T0);

        assertThat(result.scored()).isEqualTo(72);
        assertThat(predictions.actualWrites()).as("actual items written").isEqualTo(13);
        assertThat(predictions.actual("web", hour + "#PT17H")).contains(95.0);
        assertThat(predictions.actual("web", hour.plus(Duration.ofMinutes(35)) + "#PT30M"))
                .contains(95.0);
        assertThat(score(T0.plus(Duration.ofHours(1))).scored())
                .as("every prediction of a scored interval reads its actual back")
                .isZero();
        assertThat(predictions.actualWrites()).isEqualTo(13);
    }

    /**
     * A target switched from predicting each hour's P95 to its mean mid-day: the hour before the switch was forecast
     * 3 hours ahead as a P95 and, after it, 1 hour ahead as a mean. Both forecasts were exact; scored each against its
     * own statistic, both are right in the run that scores them and in every later run that reads them back (the
     * store keeps one actual per interval, of one statistic).
     */
    @Test
    void aTargetWhoseStatisticChangedMidDayHasEachPredictionScoredAgainstItsOwnStatistic() {
        targetRows.get("web").put("sizing", s("fixed"));
        Instant hour = T0.minus(Duration.ofHours(2));
        List<LoadSample> samples = new ArrayList<>();
        for (int m = 0; m < 60; m += 5) {
            samples.add(new LoadSample("web-rps", hour.plus(Duration.ofMinutes(m)), m == 30 ? 400 : 100, "", "test"));
        }
        metrics.append(samples);
        var rollup = io.predictivescaling.metrics.Rollups.of(samples, Duration.ofHours(1))
                .get(0);
        assertThat(rollup.p95()).isGreaterThan(1.5 * rollup.mean());
        OneActualPerInterval store = new OneActualPerInterval();
        store.add(matured(hour, Duration.ofHours(3), "p95", rollup.p95(), "daily-naive"));
        store.add(matured(hour, Duration.ofHours(1), "mean", rollup.mean(), "daily-naive"));
        ScoreFeedbackService service = new ScoreFeedbackService(targets(), metrics, store, MetricsEmitter.NONE);

        for (Instant now : List.of(T0, T0.plus(Duration.ofHours(1)), T0.plus(Duration.ofHours(2)))) {
            ScoreFeedbackService.Result result = service.run(now);

            assertThat(result.problems()).as("at " + now).isEmpty();
            for (String scope : List.of("last24h#all", "last24h#horizon=PT1H", "last24h#horizon=PT6H")) {
                Accuracy accuracy = store.accuracy("web", scope).orElseThrow();
                assertThat(accuracy.smape()).as(scope + " at " + now).isZero();
                assertThat(accuracy.count()).as(scope + " at " + now).isEqualTo(scope.endsWith("all") ? 2 : 1);
            }
            assertThat(store.signalConfidence("web"))
                    .as("exact predictions keep full confidence at " + now)
                    .containsEntry("pattern:daily-naive", 1.0);
        }
        assertThat(store.actualWrites).as("the hour's actual is written once").isEqualTo(1);
    }

    static MaturedPrediction matured(Instant at, Duration horizon, String statistic, double predicted, String method) {
        return new MaturedPrediction(
                "web",
                at + "#" + horizon,
                at,
                horizon,
                Duration.ofHours(1),
                statistic,
                predicted,
                0.9 * predicted,
                1.1 * predicted,
                100,
                Map.of("pattern:" + method, 1.0),
                null);
    }

    /**
     * The feedback tables as {@code DynamoDbFeedbackStore} keeps them: predictions of any statistic, and one actual
     * per target, forecast time and resolution that every prediction of the interval reads back.
     */
    static final class OneActualPerInterval implements FeedbackStore {
        final List<MaturedPrediction> predictions = new ArrayList<>();
        final Map<String, Double> actuals = new HashMap<>();
        final Map<String, Accuracy> accuracy = new HashMap<>();
        Map<String, Double> confidence = Map.of();
        int actualWrites;

        void add(MaturedPrediction p) {
            predictions.add(p);
        }

        @Override
        public List<MaturedPrediction> predictions(String targetId, Instant from, Instant to) {
            return predictions.stream()
                    .filter(p -> p.targetId().equals(targetId)
                            && !p.forecastTime().isBefore(from)
                            && p.forecastTime().isBefore(to))
                    .map(p -> {
                        Double actual = actuals.get(
                                targetId + "|" + DynamoDbFeedbackStore.actualKey(p.forecastTime(), p.resolution()));
                        return actual == null ? p : p.withActual(actual);
                    })
                    .toList();
        }

        @Override
        public void recordActual(List<MaturedPrediction> scored, Instant at) {
            MaturedPrediction first = scored.get(0);
            actualWrites++;
            actuals.put(
                    first.targetId() + "|" + DynamoDbFeedbackStore.actualKey(first.forecastTime(), first.resolution()),
                    first.actual());
        }

        @Override
        public void saveAccuracy(String targetId, String scope, Accuracy a, Instant at) {
            accuracy.put(targetId + "|" + scope, a);
        }

        @Override
        public Optional<Accuracy> accuracy(String targetId, String scope) {
            return Optional.ofNullable(accuracy.get(targetId + "|" + scope));
        }

        @Override
        public Map<String, Accuracy> accuracies(String targetId) {
            return Map.of();
        }

        @Override
        public Map<String, Double> signalConfidence(String targetId) {
            return confidence;
        }

        @Override
        public void saveSignalConfidence(String targetId, Map<String, Double> values, Instant at) {
            confidence = Map.copyOf(values);
        }

        @Override
        public Optional<SizingTuner.TunedSizing> sizing(String targetId) {
            return Optional.empty();
        }

        @Override
        public void saveSizing(String targetId, SizingTuner.TunedSizing sizing) {}
    }

    private static PredictionRecord record(Instant at, Duration horizon) {
        return new PredictionRecord(
                "web",
                new LoadPrediction(at, horizon, 100, 90, 110, 0.9, "methods: daily-naive 100%"),
                12,
                Severity.NORMAL,
                "keep",
                at.minus(horizon));
    }

    @Test
    void aMissingActualIsReportedNotScoredAsZero() {
        predict("web", T0, 100, 90, 110, "daily-naive");
        load("web-rps", T0.plus(Duration.ofHours(2)), 50); // data around it, none in its hour

        ScoreFeedbackService.Result result = score(T0.plus(Duration.ofHours(3)));

        assertThat(result.scored()).isZero();
        assertThat(result.missing()).isEqualTo(1);
        assertThat(result.problems())
                .anySatisfy(p -> assertThat(p).contains("1 matured predictions have no actual load"));
        assertThat(predictions.of("web"))
                .extracting(r -> r.prediction().forecastTime())
                .containsExactly(T0);
        assertThat(predictions.actual("web", T0 + "#PT3H"))
                .as("no actualLoad on the row")
                .isEmpty();
    }

    @Test
    void aConsistentlyWrongSignalLosesWeightAndACollapsedForecastStopsRaisingCapacity() {
        // Ten days of history so predict-and-scale has something to forecast from.
        var history = SyntheticLoad.series(10 * 24, Duration.ofHours(1), 0, 0.03, 3);
        List<LoadSample> samples = new ArrayList<>();
        for (int i = 0; i < history.size(); i++) {
            samples.add(new LoadSample("web-rps", history.time(i), history.values()[i], "", "test"));
        }
        metrics.append(samples);
        Instant end = history.end();
        List<Double> confidence = new ArrayList<>();
        for (int run = 0; run < 3; run++) {
            Instant now = end.minus(Duration.ofHours(12 - 4L * run));
            for (int h = 1; h <= 4; h++) {
                Instant hour = now.minus(Duration.ofHours(h));
                double truth = history.values()[
                        (int) Duration.between(history.start(), hour).toHours()];
                predict("web", hour, 3 * truth, 2.8 * truth, 3.2 * truth, "daily-naive");
            }
            score(now);
            confidence.add(feedback.signalConfidence("web").get("pattern:daily-naive"));
        }
        assertThat(confidence).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(confidence.get(2)).isLessThan(0.6); // 1 -> 0.80 -> 0.66 -> 0.56 toward a skill of 1/3
        assertThat(feedback.accuracy("web", "last24h#all").orElseThrow().smape())
                .isGreaterThan(60);

        target("fresh", "web-rps", "table/fresh");
        feedback.saveSignalConfidence(
                "web",
                Map.of(
                        "pattern:daily-naive",
                        0.05,
                        "pattern:weekly-naive",
                        0.05,
                        "pattern:daily-profile-3",
                        0.05,
                        "pattern:double-seasonal-log",
                        0.05),
                end);

        PredictAndScaleService.Result result =
                predictAndScale(end.plusSeconds(60), List.of("web", "fresh")).run(end.plusSeconds(60));

        assertThat(result.lines())
                .anySatisfy(l -> assertThat(l)
                        .startsWith("web (ForecastAndScale): forecast unhealthy " + "(accuracy collapsed: sMAPE")
                        .contains("no new raise"));
        assertThat(result.lines())
                .anySatisfy(l ->
                        assertThat(l).startsWith("fresh (ForecastAndScale): ").doesNotContain("unhealthy"));
        String distrusted = reasonOf("web", end);
        String trusted = reasonOf("fresh", end);
        assertThat(trusted).contains("methods: ");
        assertThat(distrusted).isNotEqualTo(trusted);
        for (String method : List.of("daily-naive ", "weekly-naive ", "daily-profile-3 ", "double-seasonal-log ")) {
            assertThat(distrusted).doesNotContain(method);
        }
    }

    @Test
    void onceADayFeedbackTunesHowFloorsAreSizedAndTheNextPlanUsesIt() {
        // Three days of 5-minute load (a daily curve), and the hourly predictions made for it 3 h ahead.
        Instant start = T0.minus(Duration.ofDays(3));
        List<LoadSample> samples = new ArrayList<>();
        for (int i = 0; i < 3 * 288; i++) {
            Instant at = start.plus(Duration.ofMinutes(5L * i));
            samples.add(new LoadSample("web-rps", at, truth(at), "", "test"));
        }
        metrics.append(samples);
        for (int h = 0; h < 72; h++) {
            Instant hour = start.plus(Duration.ofHours(h));
            double mean = truth(hour.plus(Duration.ofMinutes(30)));
            predict("web", hour, mean, 0.9 * mean, 1.1 * mean, "daily-profile-3");
        }
        target("pinned", "web-rps", "table/pinned");
        targetRows.get("pinned").put("sizing", s("fixed"));

        ScoreFeedbackService.Result first = score(T0);

        var tuned = feedback.sizing("web").orElseThrow();
        // loadPerUnit 10 at 70% target tracking: a unit serves 14.29; floors sized at 70%, 80%, 90% or 100% of that,
        // with the spare units of the candidate the reason names, as saved and read back.
        var candidate = io.predictivescaling.simulation.Sizing.candidates(0.7).stream()
                .filter(z -> tuned.reason().startsWith(z.label() + " ("))
                .findFirst()
                .orElseThrow();
        assertThat(tuned.capacityQuantile()).isEqualTo(candidate.quantile());
        assertThat(tuned.loadPerUnit())
                .isCloseTo(10 / 0.7 * candidate.floorUtilization(), org.assertj.core.data.Offset.offset(1e-6));
        assertThat(tuned.spareUnits()).isEqualTo(candidate.spare());
        assertThat(tuned.reason()).contains("under-provisioned").contains("target tracking alone");
        assertThat(first.lines()).anySatisfy(l -> assertThat(l).startsWith("web: floors now sized P"));
        assertThat(feedback.sizing("pinned"))
                .as("sizing fixed by the operator is left alone")
                .isEmpty();
        score(T0.plus(Duration.ofHours(1)));
        assertThat(feedback.sizing("web").orElseThrow().tunedAt())
                .as("once a day")
                .isEqualTo(T0);

        PredictAndScaleService.Result plan =
                predictAndScale(T0.plusSeconds(60), List.of("web", "pinned")).run(T0.plusSeconds(60));

        assertThat(plan.lines())
                .anySatisfy(l ->
                        assertThat(l).startsWith("web (ForecastAndScale): ").contains("(tuned by feedback)"));
        assertThat(plan.lines())
                .anySatisfy(l ->
                        assertThat(l).startsWith("pinned (ForecastAndScale): ").doesNotContain("tuned"));
    }

    static double truth(Instant at) {
        double day = (at.getEpochSecond() % 86400) / 86400.0;
        return 300 + 200 * Math.sin(2 * Math.PI * day);
    }

    /** predict-and-scale over the same tables, with each of {@code registered} registered at min 1, max 100. */
    PredictAndScaleService predictAndScale(Instant now, List<String> registered) {
        FakeCapacityGateway aas = new FakeCapacityGateway(Clock.fixed(now, ZoneOffset.UTC));
        for (String t : registered) {
            aas.register(
                    new ScalableResource(
                            "dynamodb", targetRows.get(t).get("resourceId").s(), "dynamodb:table:ReadCapacityUnits"),
                    1,
                    100);
        }
        return PredictAndScaleService.builder()
                .targets(targets())
                .metrics(metrics)
                .patterns(new InMemoryPatternStore())
                .predictions(predictions)
                .gateway(aas)
                .publisher(new RecordingEventPublisher())
                .inputs(new PlanInputs(feedback, new InMemorySignalStore(), new InMemoryEventStore()))
                .history(Duration.ofDays(10))
                .threads(2)
                .build();
    }

    String reasonOf(String target, Instant end) {
        String key = end.plus(Duration.ofHours(5)) + "#PT6H";
        return predictions.of(target).stream()
                .filter(r ->
                        (r.prediction().forecastTime() + "#" + r.prediction().horizon()).equals(key))
                .findFirst()
                .orElseThrow()
                .prediction()
                .reason();
    }

    static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    static AttributeValue n(double v) {
        return AttributeValue.fromN(Double.toString(v));
    }
}
