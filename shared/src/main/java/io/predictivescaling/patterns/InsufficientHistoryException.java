package io.predictivescaling.patterns;

/** Too little history to learn from: the message says how much is needed. */
public class InsufficientHistoryException extends IllegalArgumentException {
    public InsufficientHistoryException(String message) {
        super(message);
    }
}
