package io.predictivescaling.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.predictivescaling.metrics.LoadSample;
import io.predictivescaling.targets.ScalableResource;
import io.predictivescaling.targets.TargetItems;
import io.predictivescaling.testing.fakes.FakeCapacityGateway;
import io.predictivescaling.testing.fakes.InMemoryEventStore;
import io.predictivescaling.testing.fakes.InMemoryPatternStore;
import io.predictivescaling.testing.fakes.InMemoryPredictions;
import io.predictivescaling.testing.fakes.InMemorySignalStore;
import io.predictivescaling.testing.fakes.InMemoryTargetRepository;
import io.predictivescaling.testing.fakes.MutableClock;
import io.predictivescaling.testing.fakes.RecordingEventPublisher;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The planner on a target whose configuration or owner changes between runs, on in-memory fakes: a load that peaks at
 * about 1,000 at 15:00 UTC against a floor of 2 tasks of 50, so tomorrow's peak needs raises.
 */
class PlannerStaysAGuestTest {
    static final Instant NOW = Instant.parse("2026-11-27T20:02:00Z");
    static final ScalableResource SHOP = new ScalableResource("ecs", "service/g/shop", "ecs:service:DesiredCount");

    final MutableClock clock = new MutableClock(NOW);
    final InMemoryTimeSeriesStoreHolder history = new InMemoryTimeSeriesStoreHolder();
    final FakeCapacityGateway aas = new FakeCapacityGateway(clock).register(SHOP, 2, 40);

    static final class InMemoryTimeSeriesStoreHolder {
        final io.predictivescaling.testing.fakes.InMemoryTimeSeriesStore metrics =
                new io.predictivescaling.testing.fakes.InMemoryTimeSeriesStore();

        InMemoryTimeSeriesStoreHolder() {
            Random noise = new Random(14);
            List<LoadSample> samples = new ArrayList<>();
            for (Instant t = NOW.minus(Duration.ofDays(28)); t.isBefore(NOW); t = t.plus(Duration.ofMinutes(5))) {
                double hour = t.atZone(ZoneOffset.UTC).getHour()
                        + t.atZone(ZoneOffset.UTC).getMinute() / 60.0;
                double load = 100 + 900 * Math.exp(-Math.pow(hour - 15, 2) / 8);
                samples.add(new LoadSample("shop-rps", t, load * (1 + 0.03 * noise.nextGaussian()), "Count", "test"));
            }
            metrics.append(samples);
        }
    }

    @Test
    void switchedBackToForecastOnlyItsPendingRaisesAreWithdrawnAndItsFloorRestored() {
        run(NOW, "ForecastAndScale");
        assertThat(aas.scheduledActions(SHOP))
                .as("tomorrow's spike is scheduled")
                .anySatisfy(a -> assertThat(a.minCapacity()).isGreaterThan(2));
        Instant later = NOW.plus(Duration.ofMinutes(5));
        aas.runDueActions(SHOP, NOW, later);

        PredictAndScaleService.Result result = run(later, "ForecastOnly");

        assertThat(result.problems()).isEmpty();
        // From the restore two minutes on, ForecastOnly leaves the capacity alone: MinCapacity stays at the floor.
        Instant restored = later.plus(Duration.ofMinutes(3));
        aas.runDueActions(SHOP, later, restored);
        assertThat(aas.minCapacity(SHOP)).as("the raise in force is restored").isEqualTo(2);
        List<Integer> seen = new ArrayList<>();
        for (Instant t = restored; t.isBefore(NOW.plus(Duration.ofDays(3))); t = t.plus(Duration.ofMinutes(30))) {
            aas.runDueActions(SHOP, t, t.plus(Duration.ofMinutes(30)));
            seen.add(aas.minCapacity(SHOP));
        }
        assertThat(seen).as("MinCapacity every half hour over 3 days").containsOnly(2);
        assertThat(result.lines()).singleElement().asString().contains("withdrew ");
    }

    /**
     * ForecastOnly (the default) on a target we once scaled reads its actions once, with its state: the withdraw and
     * the repair reuse that read rather than list the target's scheduled actions again every run.
     */
    @Test
    void aForecastOnlyRunListsTheTargetsActionsOnceWithItsState() {
        run(NOW, "ForecastAndScale");
        Instant later = NOW.plus(Duration.ofMinutes(5));
        int before = aas.calls().size();

        run(later, "ForecastOnly");
        run(later.plus(Duration.ofMinutes(5)), "ForecastOnly");

        assertThat(aas.calls().subList(before, aas.calls().size()))
                .as("two ForecastOnly runs: one state read each, then the withdraw's deletes and restore")
                .filteredOn("DescribeScheduledActions"::equals)
                .hasSize(2);
    }

    /** Only a name of our exact form is ours: a person's action that merely starts with our prefix is theirs. */
    @Test
    void aPersonsActionNamedWithOurPrefixIsNeverDeletedNorUndercut() {
        aas.putOthers(SHOP, "predictive-scaling-sale", "at(2026-11-28T09:00:00)", 30, null);

        PredictAndScaleService.Result result = run(NOW, "ForecastAndScale");

        assertThat(result.problems()).isEmpty();
        assertThat(aas.allActions(SHOP))
                .as("their action is still there as they wrote it")
                .anySatisfy(a -> {
                    assertThat(a.name()).isEqualTo("predictive-scaling-sale");
                    assertThat(a.schedule()).isEqualTo("at(2026-11-28T09:00:00)");
                    assertThat(a.minCapacity()).isEqualTo(30);
                });
        // Their 30 from 09:00 is a floor: none of ours after it sets less (until a restore of theirs, none here).
        assertThat(aas.scheduledActions(SHOP))
                .filteredOn(a -> a.schedule().compareTo("at(2026-11-28T09:00:00)") > 0)
                .allSatisfy(a -> assertThat(a.minCapacity()).isGreaterThanOrEqualTo(30));
    }

    /** With ceilingPolicy raise, the registered MaxCapacity our raise lifted is set back, by whichever run planned last. */
    @Test
    void aMaxCapacityWeRaisedIsSetBackEvenWhenARunPlansWhileTheRaiseIsInForce() {
        aas.register(SHOP, 2, 10);
        Map<String, AttributeValue> raise = Map.of("maxCapacity", n(10), "ceilingPolicy", s("raise"));
        List<Integer> maxSeen = new ArrayList<>();
        Instant end = NOW.plus(Duration.ofDays(3));
        for (Instant t = NOW; t.isBefore(end); t = t.plus(Duration.ofMinutes(30))) {
            // Runs every half hour for the first day, then none: what is left must restore by itself.
            if (t.isBefore(NOW.plus(Duration.ofDays(1)))) {
                assertThat(run(t, "ForecastAndScale", raise).problems()).isEmpty();
            }
            aas.runDueActions(SHOP, t, t.plus(Duration.ofMinutes(30)));
            maxSeen.add(aas.maxCapacity(SHOP));
        }
        assertThat(maxSeen)
                .as("the peak needed more than 10")
                .anySatisfy(m -> assertThat(m).isGreaterThan(10));
        assertThat(aas.maxCapacity(SHOP))
                .as("MaxCapacity set back to the registered 10")
                .isEqualTo(10);
        assertThat(aas.minCapacity(SHOP)).isEqualTo(2);
    }

    /** The same when the configured maxCapacity (40) is above the registered MaxCapacity (10) a person keeps. */
    @Test
    void aRegisteredMaxCapacityUnderTheConfiguredOneIsSetBackAfterOurRaise() {
        aas.register(SHOP, 2, 10);
        Map<String, AttributeValue> raise = Map.of("maxCapacity", n(40), "ceilingPolicy", s("raise"));
        List<Integer> maxSeen = new ArrayList<>();
        Instant end = NOW.plus(Duration.ofDays(3));
        for (Instant t = NOW; t.isBefore(end); t = t.plus(Duration.ofMinutes(30))) {
            if (t.isBefore(NOW.plus(Duration.ofDays(1)))) {
                assertThat(run(t, "ForecastAndScale", raise).problems()).isEmpty();
            }
            aas.runDueActions(SHOP, t, t.plus(Duration.ofMinutes(30)));
            maxSeen.add(aas.maxCapacity(SHOP));
        }
        assertThat(maxSeen)
                .as("the peak needed more than 10")
                .anySatisfy(m -> assertThat(m).isGreaterThan(10));
        assertThat(aas.maxCapacity(SHOP))
                .as("MaxCapacity set back to the registered 10")
                .isEqualTo(10);
        assertThat(aas.minCapacity(SHOP)).isEqualTo(2);
    }

    /** Switched to ForecastOnly while a MaxCapacity we raised is in force: it goes back to the registered 10. */
    @Test
    void switchedToForecastOnlyDuringARaisedMaxCapacityItIsSetBackToWhatWasRegistered() {
        aas.register(SHOP, 2, 10);
        Map<String, AttributeValue> raise = Map.of("maxCapacity", n(40), "ceilingPolicy", s("raise"));
        Instant t = NOW;
        while (aas.maxCapacity(SHOP) <= 10) {
            assertThat(t).as("the peak raises MaxCapacity within a day").isBefore(NOW.plus(Duration.ofDays(1)));
            assertThat(run(t, "ForecastAndScale", raise).problems()).isEmpty();
            aas.runDueActions(SHOP, t, t.plus(Duration.ofMinutes(30)));
            t = t.plus(Duration.ofMinutes(30));
        }

        assertThat(run(t, "ForecastOnly", raise).problems()).isEmpty();
        aas.runDueActions(SHOP, t, t.plus(Duration.ofDays(3)));

        assertThat(aas.maxCapacity(SHOP))
                .as("MaxCapacity back to the registered 10")
                .isEqualTo(10);
        assertThat(aas.minCapacity(SHOP)).isEqualTo(2);
    }

    PredictAndScaleService.Result run(Instant now, String mode) {
        return run(now, mode, Map.of());
    }

    PredictAndScaleService.Result run(Instant now, String mode, Map<String, AttributeValue> extra) {
        clock.set(now);
        InMemoryPredictions predictions = new InMemoryPredictions();
        var item = new HashMap<>(Map.of(
                "targetId", s("shop"),
                "metricId", s("shop-rps"),
                "serviceNamespace", s("ecs"),
                "resourceId", s(SHOP.resourceId()),
                "scalableDimension", s(SHOP.scalableDimension()),
                "loadPerUnit", n(50),
                "minCapacity", n(2),
                "maxCapacity", n(40),
                "mode", s(mode),
                "sizing", s("fixed")));
        item.putAll(extra);
        return PredictAndScaleService.builder()
                .targets(new InMemoryTargetRepository().put(TargetItems.parse(item)))
                .metrics(history.metrics)
                .patterns(new InMemoryPatternStore())
                .predictions(predictions)
                .gateway(aas)
                .publisher(new RecordingEventPublisher())
                .inputs(new PlanInputs(predictions, new InMemorySignalStore(), new InMemoryEventStore()))
                .history(Duration.ofDays(28))
                .threads(1)
                .build()
                .run(now);
    }

    static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    static AttributeValue n(double v) {
        return AttributeValue.fromN(Double.toString(v));
    }
}
