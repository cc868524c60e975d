package io.predictivescaling.cli.local;

/** A mistake or missing prerequisite the user can fix: printed as one line, {@code error: <message>}, exit 2. */
public final class UserError extends RuntimeException {
    public UserError(String message) {
        super(message);
    }
}
