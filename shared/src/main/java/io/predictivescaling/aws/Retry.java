package io.predictivescaling.aws;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Retries AWS calls that failed for a passing reason (throttling, 5xx, network) with capped exponential
 * backoff and full jitter. The SDK retries too; this outer loop rides out longer throttling bursts
 * (a busy table, a burst of scheduled actions) that outlast the SDK's three quick attempts.
 */
public final class Retry {
    private final int maxAttempts;
    private final Duration baseDelay;
    private final Duration maxDelay;

    public Retry(int maxAttempts, Duration baseDelay, Duration maxDelay) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        this.maxAttempts = maxAttempts;
        this.baseDelay = baseDelay;
        this.maxDelay = maxDelay;
    }

    /** Eight attempts over at most about 10 s: well inside a Lambda's timeout. */
    public static Retry standard() {
        return new Retry(8, Duration.ofMillis(50), Duration.ofSeconds(2));
    }

    public <T> T call(String what, Supplier<T> action) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            try {
                return action.get();
            } catch (RuntimeException e) {
                if (!isTransient(e)) {
                    throw e;
                }
                last = e;
                if (attempt < maxAttempts) {
                    sleep(attempt);
                }
            }
        }
        throw new RetriesExhaustedException(what + " still failing after " + maxAttempts + " attempts: "
                + last.getMessage(), last);
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
                throw new RetriesExhaustedException(what + ": " + pending.size() + " items still unprocessed after "
                        + maxAttempts + " attempts", null);
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
