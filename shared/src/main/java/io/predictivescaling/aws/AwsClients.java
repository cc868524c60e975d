package io.predictivescaling.aws;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Builds AWS clients once per container, all with the one retry policy below. The URL-connection HTTP
 * client starts fastest in Lambda. {@code AWS_ENDPOINT_URL} (or the {@code aws.endpointUrl} system
 * property) is honoured by the SDK itself, which is how the same code runs against AWS, LocalStack or moto.
 *
 * <p><b>The one retry policy.</b> Every AWS call, scans and paginators included, is retried here by the
 * SDK's <em>adaptive</em> strategy and nowhere else ({@link Retry} only resends the unprocessed part of batch calls
 * that succeeded in part). The adaptive strategy is the standard one plus a client-side rate limiter: after a
 * throttling answer it lowers the rate at which this container sends to that service (a token bucket that refills
 * at the measured sustainable rate and grows back as calls succeed), so 8 planning threads stop hammering an API
 * that already said "slow down". There is one such limiter per AWS service per container: every client of a
 * service built here shares it ({@link #retryStrategy(String)}).
 *
 * <p>Worst case of one call, always throttled: {@value #MAX_ATTEMPTS} attempts with full-jitter backoff of at
 * most {@link #THROTTLING_BASE_DELAY} x 2^n (0.25 s, then 0.5 s): at most 0.75 s of backoff, plus what the rate
 * limiter holds a send back (after a throttle its rate falls as low as 0.5 sends a second, so up to 2 s before
 * each later attempt until calls succeed again: a permanently throttled service gets at most one attempt every
 * 2 s from the container, where the standard strategy sent as fast as its threads could); a hung connection costs at most {@link #ATTEMPT_TIMEOUT} per attempt and the whole
 * call at most {@link #CALL_TIMEOUT} (the limiter's waits included). The strategy's retry token bucket (500
 * tokens, 5 per retry, refilled by successes) stops retrying after 100 retries without successes in between, so
 * a permanently throttled service costs a run at most 50 calls x 0.75 s = 37.5 s of backoff in all, after which
 * calls fail at their first answer. That fits record-metrics' 60 s, fetch-events' and fetch-sentiment's 120 s,
 * analyze-patterns' and score-feedback's 300 s and predict-and-scale's 300 s (there a throttled Application
 * Auto Scaling costs each target two calls and fails the target loudly).
 */
public final class AwsClients {
    /** Attempts per call, the first included. */
    public static final int MAX_ATTEMPTS = 3;
    /** Backoff base for throttling answers (doubled per retry, full jitter). */
    public static final Duration THROTTLING_BASE_DELAY = Duration.ofMillis(250);
    /** Backoff base for other transient failures: 5xx, I/O (doubled per retry, full jitter). */
    public static final Duration BASE_DELAY = Duration.ofMillis(100);
    /** No single backoff is longer than this. */
    public static final Duration MAX_DELAY = Duration.ofSeconds(2);
    /** One attempt: DynamoDB and AAS answer in well under a second; a held connection is given up on. */
    public static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(10);
    /** One call, all attempts and backoff included. */
    public static final Duration CALL_TIMEOUT = Duration.ofSeconds(25);

    private AwsClients() {}

    /** One adaptive strategy (with its rate limiter) per AWS service in this container. */
    private static final java.util.Map<String, RetryStrategy> PER_SERVICE =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * A new adaptive retry strategy with the policy above: its own retry token bucket and client-side rate
     * limiter.
     */
    public static RetryStrategy retryStrategy() {
        return AwsRetryStrategy.adaptiveRetryStrategy().toBuilder()
                .maxAttempts(MAX_ATTEMPTS)
                .backoffStrategy(BackoffStrategy.exponentialDelay(BASE_DELAY, MAX_DELAY))
                .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(THROTTLING_BASE_DELAY, MAX_DELAY))
                .build();
    }

    /**
     * The strategy, and so the rate limiter, every client of {@code service} built here shares (e.g.
     * {@code "dynamodb"}): the lease store's DynamoDB client slows down with the planner's when DynamoDB throttles.
     */
    public static RetryStrategy retryStrategy(String service) {
        return PER_SERVICE.computeIfAbsent(service, s -> retryStrategy());
    }

    /**
     * Applies the retry policy (a strategy of its own: tests pass a fault-injecting HTTP client here to measure
     * the policy without sharing a rate limiter with other tests), timeouts and the given HTTP client to any
     * client builder.
     */
    public static <B extends AwsClientBuilder<B, ?> & SdkSyncClientBuilder<B, ?>> B configure(
            B builder, SdkHttpClient http) {
        return configure(builder, http, retryStrategy());
    }

    private static <B extends AwsClientBuilder<B, ?> & SdkSyncClientBuilder<B, ?>> B configure(
            B builder, SdkHttpClient http, RetryStrategy strategy) {
        return builder.httpClient(http)
                .overrideConfiguration(c -> c.retryStrategy(strategy)
                        .apiCallAttemptTimeout(ATTEMPT_TIMEOUT)
                        .apiCallTimeout(CALL_TIMEOUT));
    }

    /** DynamoDB, which every function uses. */
    public static DynamoDbClient dynamoDb() {
        return build(DynamoDbClient.builder());
    }

    /**
     * Any other service's client with the policy above, e.g. {@code AwsClients.build(SqsClient.builder())}.
     * There is deliberately no method per service here: each Lambda zip keeps only the classes its code
     * refers to, and one such method would put that service's whole client into every function's zip.
     */
    public static <C extends SdkClient, B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>> C build(
            B builder) {
        // The builder's class names the service: every client of a service shares its strategy and rate limiter.
        return configure(
                        builder,
                        UrlConnectionHttpClient.create(),
                        retryStrategy(builder.getClass().getName()))
                .build();
    }

    /** The endpoint override in force, if any: for messages that say where data went. */
    public static String endpointDescription() {
        String endpoint = Settings.optional("aws.endpointUrl", Settings.optional("AWS_ENDPOINT_URL", null));
        return endpoint == null ? "AWS" : URI.create(endpoint).toString();
    }
}
