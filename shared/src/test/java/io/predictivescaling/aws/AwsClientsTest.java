package io.predictivescaling.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.SdkServiceClientConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.AdaptiveRetryStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Every client built for a service shares one adaptive retry strategy, so one client-side rate limiter paces all
 * of the container's calls to that service (the planner's and the lease store's DynamoDB clients slow down
 * together when DynamoDB throttles); each service has its own. How the policy retries a throttled call and gives
 * up within its budget is measured against moto behind a fault-injecting HTTP client in
 * {@code DynamoDbTimeSeriesStoreTest}, {@code EventBridgePublisherTest} and {@code PredictAndScaleHandlerTest}.
 */
class AwsClientsTest {
    @Test
    void oneAdaptiveRateLimitedStrategyPerServiceSharedByItsClients() {
        assertThat(AwsClients.retryStrategy("dynamodb"))
                .isInstanceOf(AdaptiveRetryStrategy.class)
                .isSameAs(AwsClients.retryStrategy("dynamodb"))
                .isNotSameAs(AwsClients.retryStrategy("application-autoscaling"));
        assertThat(AwsClients.retryStrategy("dynamodb").maxAttempts()).isEqualTo(AwsClients.MAX_ATTEMPTS);
        assertThat(AwsClients.retryStrategy())
                .as("a fault-injected test client gets its own")
                .isInstanceOf(AdaptiveRetryStrategy.class)
                .isNotSameAs(AwsClients.retryStrategy("dynamodb"));
    }

    /**
     * What the clients actually run with: the SDK rebuilds the strategy it is given for each client (adding its
     * defaults), so the strategy objects differ, but the copies keep the given strategy's rate limiter and retry
     * token bucket. Those are SDK internals, read by reflection: this fails if an SDK upgrade stops sharing them.
     */
    @Test
    void clientsBuiltForOneServiceShareItsRateLimiterAndAnotherServiceHasItsOwn() {
        try (var planner = AwsClients.build(local(DynamoDbClient.builder()));
                var leases = AwsClients.build(local(DynamoDbClient.builder()));
                var aas = AwsClients.build(local(ApplicationAutoScalingClient.builder()))) {
            RetryStrategy plannerStrategy = strategy(planner.serviceClientConfiguration());
            RetryStrategy leasesStrategy = strategy(leases.serviceClientConfiguration());
            RetryStrategy aasStrategy = strategy(aas.serviceClientConfiguration());

            assertThat(List.of(plannerStrategy, leasesStrategy, aasStrategy))
                    .allSatisfy(r -> assertThat(r).isInstanceOf(AdaptiveRetryStrategy.class));
            assertThat(field(leasesStrategy, "rateLimiterTokenBucketStore"))
                    .isNotNull()
                    .isSameAs(field(plannerStrategy, "rateLimiterTokenBucketStore"));
            assertThat(field(leasesStrategy, "tokenBucketStore")).isSameAs(field(plannerStrategy, "tokenBucketStore"));
            assertThat(field(aasStrategy, "rateLimiterTokenBucketStore"))
                    .isNotSameAs(field(plannerStrategy, "rateLimiterTokenBucketStore"));
        }
    }

    static <B extends AwsClientBuilder<B, ?>> B local(B builder) {
        return builder.region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")));
    }

    static RetryStrategy strategy(SdkServiceClientConfiguration configuration) {
        return configuration.overrideConfiguration().retryStrategy().orElseThrow();
    }

    static Object field(Object target, String name) {
        for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f.get(target);
            } catch (NoSuchFieldException e) {
                // look in the superclass
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(target.getClass() + " has no field " + name + " (SDK internals changed)");
    }
}
