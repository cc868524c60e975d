package io.predictivescaling.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.predictivescaling.metrics.LoadSample;
import io.predictivescaling.scaling.PlanInputs;
import io.predictivescaling.scaling.PredictAndScaleService;
import io.predictivescaling.targets.ScalableResource;
import io.predictivescaling.targets.TargetItems;
import io.predictivescaling.testing.fakes.FakeCapacityGateway;
import io.predictivescaling.testing.fakes.InMemoryEventStore;
import io.predictivescaling.testing.fakes.InMemoryLeaseStore;
import io.predictivescaling.testing.fakes.InMemoryPatternStore;
import io.predictivescaling.testing.fakes.InMemoryPlanQueue;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Issue 19, on in-memory fakes (the queue and lease adapters are tested against moto in
 * PredictAndScaleQueueHandlerIT): targets that share a metric land in the same batch, so the consumer forecasts the
 * metric once for all of them.
 */
class FleetBatchPlannerTest {
    static final Instant NOW = Instant.parse("2026-11-27T20:02:00Z");

    final InMemoryTargetRepository targets = new InMemoryTargetRepository();
    final InMemoryTimeSeriesStore metrics = new InMemoryTimeSeriesStore();
    final FakeCapacityGateway aas = new FakeCapacityGateway(Clock.fixed(NOW, ZoneOffset.UTC));
    final InMemoryPlanQueue queue = new InMemoryPlanQueue();

    /** A week of 10-minute load with a daily peak for each metric. */
    void load(String... metricIds) {
        List<LoadSample> samples = new ArrayList<>();
        for (Instant t = NOW.minus(Duration.ofDays(7)); t.isBefore(NOW); t = t.plus(Duration.ofMinutes(10))) {
            double hour = t.atZone(ZoneOffset.UTC).getHour();
            for (int i = 0; i < metricIds.length; i++) {
                samples.add(new LoadSample(
                        metricIds[i], t, (100 + 400 * Math.exp(-Math.pow(hour - 15, 2) / 8)) * (i + 1), "Count", "t"));
            }
        }
        metrics.append(samples);
    }

    void target(String targetId, String metricId) {
        ScalableResource service = new ScalableResource("ecs", "service/fleet/" + targetId, "ecs:service:DesiredCount");
        aas.register(service, 2, 50);
        targets.put(TargetItems.parse(Map.of(
                "targetId", AttributeValue.fromS(targetId),
                "metricId", AttributeValue.fromS(metricId),
                "serviceNamespace", AttributeValue.fromS("ecs"),
                "resourceId", AttributeValue.fromS(service.resourceId()),
                "scalableDimension", AttributeValue.fromS(service.scalableDimension()),
                "loadPerUnit", AttributeValue.fromN("50"),
                "minCapacity", AttributeValue.fromN("2"),
                "maxCapacity", AttributeValue.fromN("50"),
                "mode", AttributeValue.fromS("ForecastAndScale"))));
    }

    FleetBatchPlanner planner() {
        InMemoryPredictions predictions = new InMemoryPredictions();
        PredictAndScaleService service = PredictAndScaleService.builder()
                .targets(targets)
                .metrics(metrics)
                .patterns(new InMemoryPatternStore())
                .predictions(predictions)
                .gateway(aas)
                .publisher(new RecordingEventPublisher())
                .inputs(new PlanInputs(predictions, new InMemorySignalStore(), new InMemoryEventStore()))
                .history(Duration.ofDays(7))
                .threads(4)
                .build();
        return new FleetBatchPlanner(service, new InMemoryLeaseStore(), queue, Duration.ofMinutes(5));
    }

    static List<FleetBatchPlanner.Message> messages(List<PlanBatch> batches) {
        List<FleetBatchPlanner.Message> messages = new ArrayList<>();
        for (int i = 0; i < batches.size(); i++) {
            messages.add(new FleetBatchPlanner.Message("m" + i, batches.get(i).toJson()));
        }
        return messages;
    }

    @Test
    void targetsSharingAMetricLandInOneBatchAndTheMetricIsForecastOnceForAllOfThem() {
        load("api-rps", "shop-rps", "solo-rps");
        target("api-a", "api-rps");
        target("api-b", "api-rps");
        target("shop-a", "shop-rps");
        target("shop-b", "shop-rps");
        target("shop-c", "shop-rps");
        target("solo", "solo-rps");

        // At most 2 targets a batch: shop-rps's three still travel together, in a batch of their own.
        new DispatchService(targets, queue, 2).run();
        List<PlanBatch> batches = List.copyOf(queue.sent());
        FleetBatchPlanner planner = planner();
        List<PredictAndScaleService.Result> oneBatchAnInvocation = new ArrayList<>();
        for (FleetBatchPlanner.Message m : messages(batches)) {
            oneBatchAnInvocation.add(planner.handle(NOW, "run-1", List.of(m)).result());
        }
        PredictAndScaleService.Result allInOne =
                planner.handle(NOW, "run-2", messages(batches)).result();

        assertThat(batches)
                .extracting(PlanBatch::targetIds)
                .containsExactly(List.of("api-a", "api-b"), List.of("shop-a", "shop-b", "shop-c"), List.of("solo"));
        assertThat(oneBatchAnInvocation)
                .extracting(PredictAndScaleService.Result::planned, PredictAndScaleService.Result::forecasts)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(2, 1),
                        org.assertj.core.groups.Tuple.tuple(3, 1),
                        org.assertj.core.groups.Tuple.tuple(1, 1));
        assertThat(allInOne.planned()).isEqualTo(6);
        assertThat(allInOne.forecasts()).as("one forecast per metric").isEqualTo(3);
        assertThat(allInOne.problems()).isEmpty();
    }
}
