package io.predictivescaling.planning;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One Application Auto Scaling scheduled action the plan wants: at {@code runAt}, set MinCapacity (and
 * MaxCapacity when positive). Its name is derived from the time alone, so a rerun of the same plan
 * rewrites the same action instead of adding one.
 */
public record ScheduledFloor(Instant runAt, int minCapacity, int maxCapacity, boolean restore) {
    public static final String NAME_PREFIX = "predictive-scaling-";
    private static final DateTimeFormatter NAME_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter AT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    /**
     * Whether a scheduled action's name is one of ours: {@link #NAME_PREFIX} and the UTC minute it runs
     * ({@code predictive-scaling-20261128T1355Z}). A name that only starts with the prefix
     * ({@code predictive-scaling-sale-end}) is someone else's: never ours to delete or rewrite.
     */
    public static boolean isOurs(String name) {
        if (name == null || !name.startsWith(NAME_PREFIX)) {
            return false;
        }
        try {
            NAME_TIME.parse(name.substring(NAME_PREFIX.length()));
            return true;
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }

    public String name() {
        return NAME_PREFIX + NAME_TIME.format(runAt);
    }

    /** The AAS schedule expression, in UTC. */
    public String schedule() {
        return "at(" + AT.format(runAt) + ")";
    }
}
