package io.predictivescaling.metrics;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks pushed samples one by one, so that one bad sample never costs the good ones beside it. Every
 * rejection carries a reason an operator can act on.
 */
public final class SampleValidator {
    /** Larger than any real load: a value above it is a unit mistake or garbage, not traffic. */
    public static final double DEFAULT_MAX_VALUE = 1e12;
    /** DynamoDB numbers: a magnitude between this and zero cannot be stored (the whole update would fail). */
    public static final double DYNAMODB_SMALLEST = 1e-130;
    /** DynamoDB numbers: no magnitude above this can be stored. */
    public static final double DYNAMODB_LARGEST = 9.9999999999999999e125;
    /**
     * A sample's source is stored with it (UTF-8 bytes): 3,600 samples an hour with sources this long still fit
     * DynamoDB's 400 KB item.
     */
    public static final int MAX_SOURCE_BYTES = 64;

    private final Set<String> knownMetrics;
    private final Duration maxFutureSkew;
    private final Duration maxAge;
    private final double maxValue;

    public SampleValidator(Set<String> knownMetrics, Duration maxFutureSkew, Duration maxAge, double maxValue) {
        this.knownMetrics = Set.copyOf(knownMetrics);
        this.maxFutureSkew = maxFutureSkew;
        this.maxAge = maxAge;
        this.maxValue = maxValue;
    }

    /** One sample that was not stored, and why. {@code index} is its position in the event's samples. */
    public record Rejection(int index, String metricId, String reason) {}

    public record Result(List<LoadSample> accepted, List<Rejection> rejected) {}

    /**
     * @param detail the EventBridge {@code detail}: one sample, or {@code {"samples": [...]}}
     * @param defaultSource the source recorded when a sample names none (the event's {@code source})
     */
    public Result validate(Map<String, Object> detail, String defaultSource, Instant now) {
        List<LoadSample> accepted = new ArrayList<>();
        List<Rejection> rejected = new ArrayList<>();
        if (detail == null) {
            rejected.add(new Rejection(0, "", "event has no detail"));
            return new Result(accepted, rejected);
        }
        List<?> raw;
        if (detail.containsKey("samples")) {
            if (!(detail.get("samples") instanceof List<?> list)) {
                rejected.add(new Rejection(0, "", "detail.samples must be a list of samples"));
                return new Result(accepted, rejected);
            }
            raw = list;
        } else {
            raw = List.of(detail);
        }
        for (int i = 0; i < raw.size(); i++) {
            Object item = raw.get(i);
            if (!(item instanceof Map<?, ?> sample)) {
                rejected.add(new Rejection(i, "", "sample is not an object"));
                continue;
            }
            try {
                accepted.add(parse(sample, defaultSource, now));
            } catch (InvalidSample e) {
                Object id = sample.get("metricId");
                rejected.add(new Rejection(i, id == null ? "" : id.toString(), e.getMessage()));
            }
        }
        return new Result(accepted, rejected);
    }

    private LoadSample parse(Map<?, ?> sample, String defaultSource, Instant now) {
        Object id = sample.get("metricId");
        if (!(id instanceof String metricId) || metricId.isBlank()) {
            throw new InvalidSample("missing field metricId");
        }
        if (!knownMetrics.contains(metricId)) {
            throw new InvalidSample("unknown metric '" + metricId + "': add a target with this metricId to the "
                    + "targets table first");
        }
        Instant timestamp = timestamp(sample.get("timestamp"));
        if (timestamp.isAfter(now.plus(maxFutureSkew))) {
            throw new InvalidSample(
                    "timestamp " + timestamp + " is more than " + maxFutureSkew.toMinutes() + " min in the future");
        }
        if (timestamp.isBefore(now.minus(maxAge))) {
            throw new InvalidSample(
                    "timestamp " + timestamp + " is older than the " + maxAge.toDays() + "-day retention");
        }
        double value = value(sample.get("value"));
        Object unit = sample.get("unit");
        Object source = sample.get("source");
        String from = source == null ? defaultSource : source.toString();
        int bytes = from == null ? 0 : from.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (bytes > MAX_SOURCE_BYTES) {
            throw new InvalidSample("source is " + bytes + " bytes long: at most " + MAX_SOURCE_BYTES
                    + " (name the application, not the request)");
        }
        return new LoadSample(metricId, timestamp, value, unit == null ? "" : unit.toString(), from);
    }

    private static Instant timestamp(Object raw) {
        if (raw == null) {
            throw new InvalidSample("missing field timestamp");
        }
        if (raw instanceof Number millis) {
            return Instant.ofEpochMilli(millis.longValue());
        }
        String text = raw.toString().trim();
        if (text.matches("\\d{1,15}")) {
            return Instant.ofEpochMilli(Long.parseLong(text)); // epoch ms written as a JSON string, as value may be
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidSample(
                    "timestamp '" + raw + "' is not ISO-8601 (e.g. 2026-11-27T20:00:00Z) " + "nor epoch milliseconds");
        }
    }

    private double value(Object raw) {
        if (raw == null) {
            throw new InvalidSample("missing field value");
        }
        double value;
        if (raw instanceof Number n) {
            value = n.doubleValue();
        } else {
            try {
                value = Double.parseDouble(raw.toString().trim());
            } catch (NumberFormatException e) {
                throw new InvalidSample("value '" + raw + "' is not numeric");
            }
        }
        if (Double.isNaN(value)) {
            throw new InvalidSample("value is NaN");
        }
        if (Double.isInfinite(value)) {
            throw new InvalidSample("value is infinite");
        }
        if (value < 0) {
            throw new InvalidSample("value " + value + " is negative: load cannot be");
        }
        if (value > maxValue || value > DYNAMODB_LARGEST) {
            throw new InvalidSample(
                    "value " + value + " is above the plausible maximum " + Math.min(maxValue, DYNAMODB_LARGEST));
        }
        if (value != 0 && value < DYNAMODB_SMALLEST) {
            throw new InvalidSample("value " + value + " is too small to store (DynamoDB numbers below "
                    + DYNAMODB_SMALLEST + " are refused): send 0 for no load");
        }
        return value;
    }

    private static final class InvalidSample extends RuntimeException {
        InvalidSample(String message) {
            super(message, null, false, false);
        }
    }
}
