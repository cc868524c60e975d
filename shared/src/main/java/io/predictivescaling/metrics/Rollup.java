package io.predictivescaling.metrics;

import java.time.Instant;

/**
 * The samples of one bucket (5 minutes, an hour, ...) summarised.
 *
 * @param start the bucket's start
 * @param count how many samples fell in it
 * @param mean their mean
 * @param max their maximum
 * @param p95 their 95th percentile (nearest-rank), what capacity must cover in that bucket
 */
public record Rollup(Instant start, int count, double mean, double max, double p95) {}
