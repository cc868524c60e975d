package io.predictivescaling.aws;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * The second half of the one retry policy. Every AWS call is retried by the SDK itself, as
 * {@link AwsClients} configures it; this class adds no second loop around that. It does two things the SDK
 * cannot: {@link #call} names what failed (the operation and resource) in the exception, and
 * {@link #untilDone} resends the unprocessed part of a batch call that succeeded in part (DynamoDB's
 * unprocessed items, EventBridge's failed entries), with capped exponential backoff and full jitter, since
 * the SDK counts such an answer as a success.
 */
public final class Retry {
    private final int maxAttempts;
    private final Duration baseDelay;
    private final Duration maxDelay;

    /**
     * @param maxAttempts sends of a partly processed batch, the first included
     * @param baseDelay backoff before the second send (doubled per send, full jitter)
     * @param maxDelay no backoff is longer
     */
    public Retry(int maxAttempts, Duration baseDelay, Duration maxDelay) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        this.maxAttempts = maxAttempts;
        this.baseDelay = baseDelay;
        this.maxDelay = maxDelay;
    }

    /**
     * Four sends of a partly processed batch with at most 0.1 + 0.2 + 0.4 s of backoff (worst case 0.7 s,
     * plus the SDK's own retries of each send, see {@link AwsClients}).
     */
    public static Retry standard() {
        return new Retry(4, Duration.ofMillis(100), Duration.ofSeconds(1));
    }

    /**
     * Runs {@code action} once (the SDK has already retried what is worth retrying); a transient failure that
     * outlasted those retries is rethrown as {@link RetriesExhaustedException} naming {@code what}.
     */
    public <T> T call(String what, Supplier<T> action) {
        try {
            return action.get();
        } catch (RuntimeException e) {
            if (!isTransient(e)) {
                throw e;
            }
            throw new RetriesExhaustedException(what + " still failing after the SDK's retries: " + e.getMessage(), e);
        }
    }

    /**
     * For batch calls that succeed in part (DynamoDB's unprocessed items): {@code step} sends what is left and
     * returns what is still left; it is repeated with the same backoff until nothing is, or the attempts run out.
     */
    public <T> void untilDone(String what, List<T> work, Function<List<T>, List<T>> step) {
        List<T> pending = work;
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            List<T> send = pending;
            pending = call(what, () -> step.apply(send));
            if (pending.isEmpty()) {
                return;
            }
            if (attempt >= maxAttempts) {
                throw new RetriesExhaustedException(
                        what + ": " + pending.size() + " items still unprocessed after " + maxAttempts + " attempts",
                        null);
            }
            sleep(attempt);
        }
    }

    public void run(String what, Runnable action) {
        call(what, () -> {
            action.run();
            return null;
        });
    }

    public static boolean isTransient(Throwable e) {
        if (e instanceof AwsServiceException service) {
            return service.isThrottlingException() || service.statusCode() >= 500 || service.retryable();
        }
        return e instanceof SdkClientException;
    }

    private void sleep(int attempt) {
        long cap = Math.min(maxDelay.toMillis(), baseDelay.toMillis() << Math.min(attempt - 1, 20));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(cap + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while backing off", e);
        }
    }

    /** Thrown when a transient failure did not pass within the allowed attempts. */
    public static class RetriesExhaustedException extends RuntimeException {
        public RetriesExhaustedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
