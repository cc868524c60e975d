package io.predictivescaling.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.retries.AdaptiveRetryStrategy;

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
}
