package io.predictivescaling.sentiment;

import io.predictivescaling.aws.Retry;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * Source credentials from SSM Parameter Store (SecureString, decrypted), never from code or template
 * defaults. Read once per container and cached.
 */
public final class SsmCredentials {
    private final SsmClient ssm;
    private final Retry retry;
    private final ConcurrentHashMap<String, String> cache = new ConcurrentHashMap<>();

    public SsmCredentials(SsmClient ssm, Retry retry) {
        this.ssm = ssm;
        this.retry = retry;
    }

    /** The token in {@code parameterName}, or empty when no parameter is configured. */
    public Optional<String> token(String parameterName) {
        if (parameterName == null || parameterName.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(cache.computeIfAbsent(
                parameterName,
                name -> retry.call(
                                "reading " + name,
                                () -> ssm.getParameter(r -> r.name(name).withDecryption(true)))
                        .parameter()
                        .value()));
    }
}
