package io.predictivescaling.cli.local;

import picocli.CommandLine.Option;

/**
 * The {@code --endpoint} option of a command that always runs against an emulator (demo, bench-scale, invoke
 * --local): the one named, else a moto_server started for the command.
 */
public final class EmulatorEndpoint {
    @Option(
            names = "--endpoint",
            paramLabel = "URL",
            description = "An AWS emulator to use (e.g. LocalStack at http://localhost:4566) instead of starting "
                    + "moto_server")
    String endpoint;

    /** Whether the command was given an emulator rather than starting moto_server itself. */
    public boolean given() {
        return endpoint != null;
    }

    /**
     * Points every client this JVM builds at the named emulator (after checking it answers) or at a moto_server
     * started now.
     *
     * @return the emulator's URL
     * @throws UserError with the fix, when the named emulator does not answer
     */
    public String use() {
        return LocalAws.useReachable(endpoint);
    }
}
