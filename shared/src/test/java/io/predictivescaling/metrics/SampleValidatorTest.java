package io.predictivescaling.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SampleValidatorTest {
    static final Instant NOW = Instant.parse("2026-11-27T20:00:00Z");
    final SampleValidator validator = new SampleValidator(
            Set.of("checkout-rps"), Duration.ofMinutes(5), Duration.ofDays(400), SampleValidator.DEFAULT_MAX_VALUE);

    static Map<String, Object> good() {
        Map<String, Object> sample = new HashMap<>();
        sample.put("metricId", "checkout-rps");
        sample.put("timestamp", "2026-11-27T19:59:00Z");
        sample.put("value", 120.5);
        return sample;
    }

    static Map<String, Object> with(String field, Object value) {
        Map<String, Object> sample = good();
        if (value == null) {
            sample.remove(field);
        } else {
            sample.put(field, value);
        }
        return sample;
    }

    static List<Object[]> badSamples() {
        return List.of(
                new Object[] {with("metricId", null), "missing field metricId"},
                new Object[] {with("timestamp", null), "missing field timestamp"},
                new Object[] {with("value", null), "missing field value"},
                new Object[] {with("value", "lots"), "is not numeric"},
                new Object[] {with("value", "NaN"), "value is NaN"},
                new Object[] {with("value", Double.POSITIVE_INFINITY), "value is infinite"},
                new Object[] {with("value", -3), "is negative"},
                new Object[] {with("value", 5e15), "above the plausible maximum"},
                new Object[] {with("value", 1e-200), "too small to store (DynamoDB numbers below 1.0E-130 are refused)"
                },
                new Object[] {with("source", "x".repeat(300)), "source is 300 bytes long: at most 64"},
                new Object[] {with("timestamp", "2026-11-27T21:00:00Z"), "in the future"},
                new Object[] {with("timestamp", "2020-01-01T00:00:00Z"), "older than the 400-day retention"},
                new Object[] {with("timestamp", "yesterday"), "is not ISO-8601"},
                new Object[] {with("metricId", "nobody-knows"), "unknown metric 'nobody-knows'"});
    }

    @ParameterizedTest
    @MethodSource("badSamples")
    void eachBadSampleIsRejectedWithItsReasonWhileTheGoodOneBesideItIsKept(Map<String, Object> bad, String reason) {
        var result = validator.validate(Map.of("samples", List.of(good(), bad)), "app", NOW);

        assertThat(result.accepted()).hasSize(1);
        assertThat(result.rejected()).singleElement().satisfies(r -> {
            assertThat(r.index()).isEqualTo(1);
            assertThat(r.reason()).contains(reason);
        });
    }

    @Test
    void aSingleSampleDetailIsOneSampleAndTakesTheEventSourceWhenItNamesNone() {
        var result = validator.validate(good(), "com.example.checkout", NOW);

        assertThat(result.accepted())
                .containsExactly(new LoadSample(
                        "checkout-rps", Instant.parse("2026-11-27T19:59:00Z"), 120.5, "", "com.example.checkout"));
    }

    @Test
    void numericStringsAndEpochMillisAreAccepted() {
        var result = validator.validate(with("value", "42"), "app", NOW);
        var millis = validator.validate(with("timestamp", NOW.toEpochMilli()), "app", NOW);

        assertThat(result.accepted())
                .singleElement()
                .extracting(LoadSample::value)
                .isEqualTo(42.0);
        assertThat(millis.accepted())
                .singleElement()
                .extracting(LoadSample::timestamp)
                .isEqualTo(NOW);
    }

    @Test
    void epochMillisWrittenAsAJsonStringAreAcceptedAsANumericStringValueIs() {
        var result = validator.validate(with("timestamp", Long.toString(NOW.toEpochMilli())), "app", NOW);

        assertThat(result.rejected()).isEmpty();
        assertThat(result.accepted())
                .singleElement()
                .extracting(LoadSample::timestamp)
                .isEqualTo(NOW);
    }

    @Test
    void aMalformedDetailIsReportedNotThrown() {
        assertThat(validator.validate(Map.of("samples", "oops"), "app", NOW).rejected())
                .singleElement()
                .extracting(SampleValidator.Rejection::reason)
                .asString()
                .contains("must be a list");
        assertThat(validator
                        .validate(Map.of("samples", List.of("oops")), "app", NOW)
                        .rejected())
                .singleElement()
                .extracting(SampleValidator.Rejection::reason)
                .asString()
                .contains("not an object");
        assertThat(validator.validate(null, "app", NOW).rejected()).hasSize(1);
    }
}
