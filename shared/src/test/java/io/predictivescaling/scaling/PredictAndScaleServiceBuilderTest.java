package io.predictivescaling.scaling;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.predictivescaling.testing.fakes.FakeCapacityGateway;
import io.predictivescaling.testing.fakes.InMemoryEventStore;
import io.predictivescaling.testing.fakes.InMemoryPatternStore;
import io.predictivescaling.testing.fakes.InMemoryPredictions;
import io.predictivescaling.testing.fakes.InMemorySignalStore;
import io.predictivescaling.testing.fakes.InMemoryTargetRepository;
import io.predictivescaling.testing.fakes.InMemoryTimeSeriesStore;
import io.predictivescaling.testing.fakes.MutableClock;
import io.predictivescaling.testing.fakes.RecordingEventPublisher;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The one way to build the service names a part left out when it is built, not when every target's run fails. */
class PredictAndScaleServiceBuilderTest {
    private static PredictAndScaleService.Builder complete() {
        InMemoryPredictions predictions = new InMemoryPredictions();
        return PredictAndScaleService.builder()
                .targets(new InMemoryTargetRepository())
                .metrics(new InMemoryTimeSeriesStore())
                .patterns(new InMemoryPatternStore())
                .predictions(predictions)
                .gateway(new FakeCapacityGateway(new MutableClock(Instant.parse("2026-11-30T12:00:00Z"))))
                .publisher(new RecordingEventPublisher())
                .inputs(new PlanInputs(predictions, new InMemorySignalStore(), new InMemoryEventStore()));
    }

    @Test
    void eachRequiredPartLeftOutIsNamedWhenTheServiceIsBuilt() {
        Map<String, Consumer<PredictAndScaleService.Builder>> leaveOut = Map.of(
                "targets", b -> b.targets(null),
                "metrics", b -> b.metrics(null),
                "patterns", b -> b.patterns(null),
                "predictions", b -> b.predictions(null),
                "gateway", b -> b.gateway(null),
                "publisher", b -> b.publisher(null),
                "inputs", b -> b.inputs(null),
                "inputs' social signals", b -> b.inputs(new PlanInputs(new InMemoryPredictions(), null, null)),
                "history", b -> b.history(null));
        leaveOut.forEach((part, without) -> {
            PredictAndScaleService.Builder builder = complete();
            without.accept(builder);

            assertThatThrownBy(builder::build)
                    .as(part)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("PredictAndScaleService needs its " + part + "; give it to the builder");
        });
    }
}
