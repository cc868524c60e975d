package io.predictivescaling.common;

import java.time.Instant;

/** A span of time, e.g. an anomalous window to leave out of learning: {@code [start, end)}. */
public record TimeWindow(Instant start, Instant end) {
    public TimeWindow {
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("window end " + end + " must be after start " + start);
        }
    }

    public boolean overlaps(Instant from, Instant to) {
        return start.isBefore(to) && end.isAfter(from);
    }
}
