package io.predictivescaling.aws;

import java.time.Duration;

/**
 * Deployment settings from the Lambda environment (set by template.yaml). A JVM system property of the
 * same name wins, so the command-line runner and the tests can point the same code elsewhere.
 */
public final class Settings {
    private Settings() {}

    public static String required(String name) {
        String value = optional(name, null);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("setting " + name + " is not set: template.yaml sets it for the "
                    + "Lambda; set the environment variable (or -D" + name + "=...) when running locally");
        }
        return value;
    }

    public static String optional(String name, String fallback) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            value = System.getenv(name);
        }
        return value == null || value.isBlank() ? fallback : value;
    }

    public static Duration days(String name, long fallback) {
        return Duration.ofDays(number(name, fallback));
    }

    public static long number(String name, long fallback) {
        String value = optional(name, null);
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("setting " + name + " must be a whole number, got '" + value + "'", e);
        }
    }
}
