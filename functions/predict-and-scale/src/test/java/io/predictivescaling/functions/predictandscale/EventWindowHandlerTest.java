package io.predictivescaling.functions.predictandscale;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.predictivescaling.events.KnownEvent;
import io.predictivescaling.metrics.LoadSample;
import io.predictivescaling.scaling.PlanInputs;
import io.predictivescaling.scaling.PredictAndScaleService;
import io.predictivescaling.targets.ScalableResource;
import io.predictivescaling.targets.TargetItems;
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
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Events act over their own window in predict-and-scale (issue 12, finding 6), on in-memory fakes of the stores and
 * of Application Auto Scaling (the adapters are tested against moto in their own ITs): an ECS service (min 2, max
 * 40, 50 per task, sizing fixed) over 28 days of 5-minute load, about 100 at night and a smooth peak of about 1000
 * at 15:00 UTC with 3% noise. The service runs behind the real handler, as the Lambda runs it.
 */
class EventWindowHandlerTest {
    static final Instant NOW = Instant.parse("2026-11-27T20:02:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final String CLUSTER = "ew";
    static final ScalableResource SHOP =
            new ScalableResource("ecs", "service/" + CLUSTER + "/shop", "ecs:service:DesiredCount");
    // One metrics and patterns table, one scalable target and one bus across runs, as in the account.
    static final InMemoryTimeSeriesStore METRICS = new InMemoryTimeSeriesStore();
    static final InMemoryPatternStore PATTERNS = new InMemoryPatternStore();
    static final FakeCapacityGateway AAS = new FakeCapacityGateway(CLOCK);
    static final RecordingEventPublisher BUS = new RecordingEventPublisher();
    static Map<Instant, Integer> plain;

    @BeforeAll
    static void seedFourWeeksOfLoadPeakingAt1500() {
        Random noise = new Random(14);
        List<LoadSample> samples = new ArrayList<>();
        for (Instant t = NOW.minus(Duration.ofDays(28)); t.isBefore(NOW); t = t.plus(Duration.ofMinutes(5))) {
            double hour = t.atZone(ZoneOffset.UTC).getHour()
                    + t.atZone(ZoneOffset.UTC).getMinute() / 60.0;
            double load = 100 + 900 * Math.exp(-Math.pow(hour - 15, 2) / 8);
            samples.add(new LoadSample("shop-rps", t, load * (1 + 0.03 * noise.nextGaussian()), "Count", "test"));
        }
        METRICS.append(samples);
        AAS.register(SHOP, 2, 40);
        plain = capacityWith();
    }

    /** One run with only {@code events} known (fresh targets, predictions and events tables); each hour's capacity. */
    static Map<Instant, Integer> capacityWith(KnownEvent... events) {
        Map<String, AttributeValue> item = new HashMap<>(Map.of(
                "targetId",
                s("shop"),
                "metricId",
                s("shop-rps"),
                "serviceNamespace",
                s("ecs"),
                "resourceId",
                s("service/" + CLUSTER + "/shop"),
                "scalableDimension",
                s("ecs:service:DesiredCount"),
                "loadPerUnit",
                n(50),
                "minCapacity",
                n(2),
                "maxCapacity",
                n(40),
                "warmupSeconds",
                n(300),
                "mode",
                s("ForecastAndScale")));
        item.put("sizing", s("fixed"));
        InMemoryEventStore known = new InMemoryEventStore();
        for (KnownEvent e : events) {
            known.addIfNew(e, NOW);
        }
        InMemoryPredictions predictions = new InMemoryPredictions();
        var handler = new PredictAndScaleHandler(
                PredictAndScaleService.builder()
                        .targets(new InMemoryTargetRepository().put(TargetItems.parse(item)))
                        .metrics(METRICS)
                        .patterns(PATTERNS)
                        .predictions(predictions)
                        .gateway(AAS)
                        .publisher(BUS)
                        .inputs(new PlanInputs(predictions, new InMemorySignalStore(), known))
                        .history(Duration.ofDays(28))
                        .threads(2)
                        .build(),
                CLOCK);
        ScheduledEvent tick = EventLoader.loadScheduledEvent("events/predict-and-scale/scheduled.json");
        var result = handler.handleRequest(tick, new TestContext());
        assertThat(result.problems()).isEmpty();
        return predictions.hourlyCapacity("shop");
    }

    static KnownEvent event(String type, String from, String to) {
        return new KnownEvent(type, type + " " + from, Instant.parse(from), Instant.parse(to), "manual", 1.0);
    }

    @Test
    void aTwoHourEventRaisesItsOwnHoursAndNotTheAfternoonAfterIt() {
        Map<Instant, Integer> withStream =
                capacityWith(event("stream", "2026-11-28T02:00:00Z", "2026-11-28T04:00:00Z"));

        Instant during = Instant.parse("2026-11-28T02:00:00Z");
        Instant afternoon = Instant.parse("2026-11-28T14:00:00Z");
        assertThat(plain.get(afternoon)).as("the peak needs about 21 tasks").isBetween(18, 25);
        assertThat(withStream.get(during)).as("+100% while it runs").isGreaterThan(plain.get(during));
        assertThat(withStream.get(afternoon)).as("ten hours after it ended").isEqualTo(plain.get(afternoon));
    }

    @Test
    void aFortyHourEventRaisesAllOfItsHoursNotOnlyTheFirstDay() {
        Map<Instant, Integer> withFestival =
                capacityWith(event("festival", "2026-11-28T00:00:00Z", "2026-11-29T16:00:00Z"));

        Instant hour30 = Instant.parse("2026-11-29T06:00:00Z");
        Instant hour38 = Instant.parse("2026-11-29T14:00:00Z");
        Instant after = Instant.parse("2026-11-29T18:00:00Z");
        assertThat(withFestival.get(hour30)).isGreaterThan(plain.get(hour30));
        assertThat(withFestival.get(hour38)).isGreaterThan(plain.get(hour38));
        assertThat(withFestival.get(after)).isEqualTo(plain.get(after));
    }

    @Test
    void scalingPlannedIsPublishedWhenTheActionsChangeAndNotForARunThatChangesNothing() {
        capacityWith(); // whatever other tests left on the target, back to the plain plan
        int before = BUS.ofType("ScalingPlanned").size();

        capacityWith();
        assertThat(BUS.ofType("ScalingPlanned"))
                .as("a second run with every action already in place")
                .hasSize(before);

        capacityWith(event("stream", "2026-11-28T02:00:00Z", "2026-11-28T04:00:00Z"));
        assertThat(BUS.ofType("ScalingPlanned"))
                .as("the event raised two hours: actions put")
                .hasSize(before + 1);
        assertThat(BUS.ofType("ScalingPlanned").get(before).detail()).containsKey("actionsPut");
    }

    static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    static AttributeValue n(double v) {
        return AttributeValue.fromN(Double.toString(v));
    }
}
