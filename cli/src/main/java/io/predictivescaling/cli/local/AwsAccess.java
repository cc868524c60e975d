package io.predictivescaling.cli.local;

import io.predictivescaling.aws.Settings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.InstanceProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.auth.credentials.WebIdentityTokenFileCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.regions.providers.InstanceProfileRegionProvider;
import software.amazon.awssdk.regions.providers.SystemSettingsRegionProvider;

/**
 * Checks, before a command talks to AWS or an emulator, what would otherwise fail slowly and with a stack trace:
 * without an endpoint there must be a region and credentials; an endpoint must accept a connection within {@link #CONNECT_MILLIS}
 * (the SDK would retry an unreachable endpoint for half a minute). Also turns the SDK's exceptions into one line
 * with the fix ({@link #explain}).
 */
public final class AwsAccess {
    static final int CONNECT_MILLIS = 2000;
    static final String NO_CREDENTIALS = "no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or "
            + "AWS_PROFILE), or pass --endpoint for an emulator";

    private AwsAccess() {}

    /**
     * @param endpoint the command's {@code --endpoint}, or null: then {@code AWS_ENDPOINT_URL} if set, else AWS
     * @throws UserError with the fix, when there is no region for AWS or the endpoint does not answer
     */
    public static void check(String endpoint) {
        String url = endpoint != null
                ? endpoint
                : Settings.optional("aws.endpointUrl", Settings.optional("AWS_ENDPOINT_URL", null));
        if (url == null || url.isBlank()) {
            if (region().isEmpty()) {
                throw new UserError("no AWS region: set AWS_REGION or pass --endpoint");
            }
            if (!hasCredentials()) {
                throw new UserError(NO_CREDENTIALS);
            }
            return;
        }
        reach(url);
    }

    /** Connects to the endpoint's host and port once, briefly. */
    public static void reach(String url) {
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw new UserError("'" + url + "' is not an endpoint URL like http://localhost:4566");
        }
        if (uri.getHost() == null || uri.getScheme() == null) {
            throw new UserError("'" + url + "' is not an endpoint URL like http://localhost:4566");
        }
        int port = uri.getPort() > 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), port), CONNECT_MILLIS);
        } catch (IOException e) {
            throw new UserError("cannot reach " + url + ": is LocalStack running? (or moto_server; without "
                    + "--endpoint and AWS_ENDPOINT_URL the command uses AWS)");
        }
    }

    /** AWS_REGION / aws.region, then the profile; the instance metadata only briefly (it is absent off EC2). */
    private static Optional<String> region() {
        for (var provider : java.util.List.of(new SystemSettingsRegionProvider(), new AwsProfileRegionProvider())) {
            try {
                return Optional.of(provider.getRegion().id());
            } catch (SdkClientException | IllegalArgumentException e) {
                // try the next
            }
        }
        if ("true".equalsIgnoreCase(Settings.optional("AWS_EC2_METADATA_DISABLED", "false"))) {
            return Optional.empty();
        }
        try {
            return Optional.of(CompletableFuture.supplyAsync(() ->
                            new InstanceProfileRegionProvider().getRegion().id())
                    .get(2, TimeUnit.SECONDS));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /**
     * The SDK's credential sources in its own order, without waiting on the instance metadata for long (off EC2 it
     * never answers, and the SDK would try it several times).
     */
    private static boolean hasCredentials() {
        List<AwsCredentialsProvider> quick = List.of(
                SystemPropertyCredentialsProvider.create(),
                EnvironmentVariableCredentialsProvider.create(),
                WebIdentityTokenFileCredentialsProvider.create(),
                ProfileCredentialsProvider.create(),
                ContainerCredentialsProvider.builder().build());
        for (AwsCredentialsProvider provider : quick) {
            try {
                provider.resolveCredentials();
                return true;
            } catch (RuntimeException e) {
                // try the next
            }
        }
        if ("true".equalsIgnoreCase(Settings.optional("AWS_EC2_METADATA_DISABLED", "false"))) {
            return false;
        }
        try {
            CompletableFuture.supplyAsync(
                            () -> InstanceProfileCredentialsProvider.create().resolveCredentials())
                    .get(2, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** One line for an SDK failure that got past the checks: what AWS said, or what was missing. */
    public static String explain(SdkException e) {
        if (e instanceof AwsServiceException s && s.awsErrorDetails() != null) {
            var d = s.awsErrorDetails();
            return String.format(
                    Locale.ROOT,
                    "%s refused: %s (%s)",
                    d.serviceName() == null ? "AWS" : d.serviceName(),
                    d.errorMessage(),
                    d.errorCode());
        }
        String message = String.valueOf(e.getMessage());
        if (message.contains("Unable to load credentials")) {
            return NO_CREDENTIALS;
        }
        if (message.contains("Unable to load region")) {
            return "no AWS region: set AWS_REGION or pass --endpoint";
        }
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof java.net.UnknownHostException
                || cause instanceof java.net.ConnectException
                || cause instanceof java.net.SocketTimeoutException) {
            return "cannot reach " + io.predictivescaling.aws.AwsClients.endpointDescription() + " ("
                    + cause.getMessage() + "): check the network, or the endpoint";
        }
        return message.lines().findFirst().orElse(message);
    }
}
