package io.predictivescaling.functions.predictandscale;

import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Counts the DynamoDB clients built on each thread: the SDK makes one of these for every DynamoDB client it builds,
 * because this class is named in {@code software/amazon/awssdk/services/dynamodb/execution.interceptors} on the test
 * class path. It changes no call.
 */
public final class DynamoDbClientsBuilt implements ExecutionInterceptor {
    private static final ThreadLocal<int[]> BUILT = ThreadLocal.withInitial(() -> new int[1]);

    public DynamoDbClientsBuilt() {
        BUILT.get()[0]++;
    }

    /** DynamoDB clients built on this thread so far. */
    static int onThisThread() {
        return BUILT.get()[0];
    }
}
