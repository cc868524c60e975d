package io.predictivescaling.common;

import io.predictivescaling.aws.Settings;
import java.time.Duration;
import java.util.Optional;

/**
 * Every environment variable the Lambdas read, with its default: the one place their names and defaults are
 * written. A system property of the same name wins over the variable (the CLI and the tests set those).
 *
 * <p>template.yaml mirrors this enum: each function sets exactly the variables its wiring class lists in
 * {@code ENVIRONMENT} (e.g. {@code RecordMetricsWiring.ENVIRONMENT}), and a value the template sets (literally or
 * through a parameter's {@code Default}) equals the default here. TemplateSafetyTest checks both.
 */
public enum Env {
    /** The targets table: one item per scalable target (README, "Targets table"). */
    TARGETS_TABLE(null),
    /** The metrics table: load samples and their roll-ups. */
    METRICS_TABLE(null),
    /** The patterns table: each metric's learned patterns. */
    PATTERNS_TABLE(null),
    /** The predictions table: predictions and plans, scored later by score-feedback. */
    PREDICTIONS_TABLE(null),
    /** The accuracy table: accuracy per scope, signal confidence and tuned sizing. */
    ACCURACY_TABLE(null),
    /** The signals table: social signals per keyword and interval. */
    SIGNALS_TABLE(null),
    /** The events table: known calendar events. */
    EVENTS_TABLE(null),
    /** The lease table: which worker plans which target now. */
    LEASE_TABLE(null),
    /** The project's EventBridge bus. */
    EVENT_BUS_NAME(null),
    /** The SQS queue of target batches to plan. */
    PLAN_QUEUE_URL(null),
    /** Days load samples are kept (DynamoDB TTL). */
    METRICS_RETENTION_DAYS("400"),
    /** Days of history analyze-patterns learns from. */
    PATTERN_HISTORY_DAYS("56"),
    /** Days of hourly history each prediction learns from. */
    PREDICTION_HISTORY_DAYS("28"),
    /** Targets planned in parallel by one predict-and-scale invocation. */
    PARALLEL_TARGETS("8"),
    /** Bound on the combined multiplier of known events and social signals (3: at most 3x, at least a third). */
    MAX_SIGNAL_UPLIFT("3"),
    /** Targets per queue message sent by dispatch-targets. */
    MAX_TARGETS_PER_BATCH("25"),
    /** How long a worker's lease on a target lasts, in seconds: the predict-and-scale timeout. */
    LEASE_SECONDS("300"),
    /** How many hours record-metrics catches up after a gap. */
    MAX_CATCH_UP_HOURS("3"),
    /** Event sources as JSON (see EventSourceRegistry). */
    EVENT_SOURCES("[]"),
    /** Event cascades as JSON (see Cascades); empty for none. By default a game server going down sets off three. */
    EVENT_CASCADES("{\"game_server_down\": [{\"after\": \"PT1M\", \"type\": \"traffic_spike\", \"impact\": 0.8, "
            + "\"duration\": \"PT30M\"}, {\"after\": \"PT2M\", \"type\": \"support_flood\", \"impact\": 1.5, "
            + "\"duration\": \"PT1H\"}, {\"after\": \"PT3M\", \"type\": \"status_command_spam\", \"impact\": 2.0, "
            + "\"duration\": \"PT30M\"}]}"),
    /** Social sources as JSON (see SentimentSourceRegistry). */
    SENTIMENT_SOURCES("[]"),
    /** Minutes between social fetches: the length of one signal interval. */
    SENTIMENT_INTERVAL_MINUTES("5"),
    /**
     * Whether score-feedback's accuracy metrics also carry a {@code TargetId} dimension: each target then adds 11
     * CloudWatch custom metrics (about $3.30 a month at $0.30 each); by default they are fleet-wide only and the
     * target is a property of the log line (README, "Feedback").
     */
    PER_TARGET_METRICS("false"),
    /** Feeds over plain http (local tests only; never set in the template). */
    FEEDS_ALLOW_HTTP("false"),
    /** Feeds on loopback and private addresses (local tests only; never set in the template). */
    FEEDS_ALLOW_LOCAL_HOSTS("false");

    private final String fallback;

    Env(String fallback) {
        this.fallback = fallback;
    }

    /** The default, or empty for a variable that must be set (the stack's tables, bus and queue). */
    public Optional<String> defaultValue() {
        return Optional.ofNullable(fallback);
    }

    /**
     * The value; for a variable without a default, a missing value is an error that names it.
     *
     * @throws IllegalStateException when a variable without a default is not set
     */
    public String text() {
        return fallback == null ? Settings.required(name()) : Settings.optional(name(), fallback);
    }

    /**
     * The value as a whole number.
     *
     * @throws IllegalStateException when it is set to something else
     */
    public long number() {
        return Settings.number(
                name(),
                Long.parseLong(
                        defaultValue().orElseThrow(() -> new IllegalStateException(name() + " has no default"))));
    }

    /** The value as a number of days. */
    public Duration days() {
        return Duration.ofDays(number());
    }

    /** The value as true or false. */
    public boolean flag() {
        return Boolean.parseBoolean(text());
    }
}
