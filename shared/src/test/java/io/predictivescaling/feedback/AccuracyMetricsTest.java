package io.predictivescaling.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class AccuracyMetricsTest {
    @Test
    void accuracyBecomesOneEmbeddedMetricFormatLineCloudWatchCanRead() throws Exception {
        JsonNode line = emitted(false);

        JsonNode directive = line.get("_aws").get("CloudWatchMetrics").get(0);
        assertThat(line.get("_aws").get("Timestamp").asLong()).isEqualTo(1795809600000L);
        assertThat(directive.get("Namespace").asText()).isEqualTo("PredictiveScaling");
        assertThat(directive.get("Dimensions").toString())
                .as("fleet-wide by default: one custom metric each for the whole fleet, not one per target")
                .isEqualTo("[[]]");
        assertThat(line.get("TargetId").asText())
                .as("the target is a property of the line, for Logs Insights")
                .isEqualTo("checkout");
        assertThat(line.get("ForecastSMAPE").asDouble()).isEqualTo(11.1);
        assertThat(line.get("IntervalCoverage").asDouble()).isEqualTo(50.0);
        assertThat(line.get("UnderScaledIntervals").asInt()).isEqualTo(1);
        assertThat(line.get("ActualLoad").asDouble()).isEqualTo(101.25);
        assertThat(line.get("PredictedLoad").asDouble()).isEqualTo(100.0);
        assertThat(line.get("_aws").get("CloudWatchMetrics")).hasSize(1);
        directive
                .get("Metrics")
                .forEach(m -> assertThat(line.has(m.get("Name").asText())).isTrue());
        assertThat(names(directive)).as("what the fleet benchmark counts").isEqualTo(AccuracyMetrics.NAMES);
    }

    /**
     * Each target's load has its own unit (requests per minute, % CPU): a fleet-wide average of the loads is no
     * metric anyone can read, and would cost two custom metrics. They stay fields of the line (Logs Insights).
     */
    @Test
    void theLoadsAreFieldsOfTheLineNotFleetWideMetricsWhoseUnitsWouldMix() throws Exception {
        JsonNode directive = emitted(false).get("_aws").get("CloudWatchMetrics").get(0);

        assertThat(names(directive))
                .doesNotContain("PredictedLoad", "ActualLoad")
                .hasSize(9);
    }

    @Test
    void perTargetMetricsAlsoCarryTheTargetIdDimensionWhenAskedFor() throws Exception {
        JsonNode directives = emitted(true).get("_aws").get("CloudWatchMetrics");

        assertThat(directives).hasSize(2);
        assertThat(directives.get(0).get("Dimensions").toString()).isEqualTo("[[]]");
        assertThat(names(directives.get(0))).isEqualTo(AccuracyMetrics.NAMES);
        assertThat(directives.get(1).get("Dimensions").toString()).isEqualTo("[[\"TargetId\"]]");
        assertThat(names(directives.get(1)))
                .as("per target, the loads are in the target's own unit")
                .isEqualTo(AccuracyMetrics.PER_TARGET_NAMES)
                .contains("PredictedLoad", "ActualLoad");
    }

    private static List<String> names(JsonNode directive) {
        List<String> names = new ArrayList<>();
        directive.get("Metrics").forEach(m -> names.add(m.get("Name").asText()));
        return names;
    }

    /** One target's accuracy line, as score-feedback writes it. */
    private static JsonNode emitted(boolean perTarget) throws Exception {
        var out = new ByteArrayOutputStream();
        var emf = new AccuracyMetrics(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                Clock.fixed(Instant.parse("2026-11-27T20:00:00Z"), ZoneOffset.UTC),
                perTarget);

        emf.emit(
                "checkout",
                new Accuracy(4, 11.25, 11.1, 1.25, 0.5, 3, 1, 0, 48, 52, OptionalDouble.empty()),
                4,
                1,
                100,
                101.25);
        return new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
    }
}
