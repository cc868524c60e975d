package io.predictivescaling.cli.backtest;

import java.time.ZoneId;
import picocli.CommandLine.Option;

/**
 * {@code --timestamp-zone ZONE}: where a trace's timestamps written without an offset are, for every command that
 * reads a trace file (a picocli mixin).
 */
public final class TimestampZoneOption {
    @Option(
            names = "--timestamp-zone",
            description = "Where timestamps written without an offset are (e.g. Europe/Berlin), as exports in a "
                    + "browser's or console's local time write them; daylight-saving changes are followed "
                    + "(default: UTC). Timestamps with an offset or Z, and epoch numbers, are read as written")
    String id;

    /**
     * The zone, or {@code null} when not given (read as UTC).
     *
     * @throws IllegalArgumentException naming the option and examples, for an id java.time does not know
     */
    public ZoneId zone() {
        return id == null ? null : TraceOptions.zone("--timestamp-zone", id);
    }
}
