package io.predictivescaling.cli.local;

import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The {@code --endpoint} option of a command that talks to AWS itself unless told otherwise (report, add-event,
 * invoke, backtest --cloudwatch): the one place the option is declared and what it means is checked.
 */
public final class AwsEndpoint {
    @Option(
            names = "--endpoint",
            paramLabel = "URL",
            description = "An AWS emulator to use instead of AWS (LocalStack, moto_server), e.g. http://localhost:4566 "
                    + "(default: AWS_ENDPOINT_URL if set, else AWS)")
    String endpoint;

    /** The emulator named on the command line, if any. */
    public Optional<String> given() {
        return Optional.ofNullable(endpoint);
    }

    /**
     * Checks that the command can reach what it will talk to (region and credentials for AWS, a connection for an
     * emulator) and points every client this JVM builds at the emulator when one is named.
     *
     * @return the emulator's URL, or empty for AWS itself
     * @throws UserError with the fix, when AWS has no region or credentials or the emulator does not answer
     */
    public Optional<String> use() {
        AwsAccess.check(endpoint);
        return given().map(LocalAws::use);
    }

    /** For a command run locally (invoke --local): the named emulator, else a moto_server started now. */
    public String emulatorOrMoto() {
        return LocalAws.useReachable(endpoint);
    }
}
