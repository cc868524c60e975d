package io.predictivescaling.common;

/** A source that failed: the message says which source and why, for the log and the metric. */
public class SourceException extends RuntimeException {
    private final String kind;

    public SourceException(String source, String kind, String message, Throwable cause) {
        super(source + ": " + kind + ": " + message, cause);
        this.kind = kind;
    }

    /** {@code timeout}, {@code server-error}, {@code auth}, {@code rate-limited}, {@code malformed}, {@code unreachable} */
    public String kind() {
        return kind;
    }
}
