package io.predictivescaling.sentiment;

import java.time.Instant;

/** One social post mentioning a keyword. */
public record Post(String source, String id, String text, Instant createdAt) {}
