package io.predictivescaling.cli;

/** A mistake or missing prerequisite the user can fix: printed as one line, {@code error: <message>}, exit 2. */
public final class UserError extends RuntimeException {
    public UserError(String message) {
        super(message);
    }
}
