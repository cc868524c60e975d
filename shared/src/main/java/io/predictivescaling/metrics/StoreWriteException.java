package io.predictivescaling.metrics;

/** A write to the time-series store that failed even after retries: the caller must not report success. */
public class StoreWriteException extends RuntimeException {
    public StoreWriteException(String message, Throwable cause) {
        super(message, cause);
    }
}
