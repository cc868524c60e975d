package io.predictivescaling.testing;

import io.predictivescaling.aws.local.Moto;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Clients pointed at the test AWS (moto), with dummy credentials and a fixed region. */
public final class TestAws {
    public static final Region REGION = Region.US_EAST_1;

    private TestAws() {}

    public static <B extends AwsClientBuilder<B, ?>> B configure(B builder) {
        return builder.endpointOverride(Moto.endpoint())
                .region(REGION)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")));
    }

    public static DynamoDbClient dynamoDb() {
        return configure(DynamoDbClient.builder()).build();
    }

    /** A DynamoDB client whose calls pass through the given interceptors (used to inject faults). */
    public static DynamoDbClient dynamoDb(List<ExecutionInterceptor> interceptors) {
        return configure(DynamoDbClient.builder())
                .overrideConfiguration(
                        c -> c.executionInterceptors(interceptors).retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    public static CloudWatchClient cloudWatch() {
        return configure(CloudWatchClient.builder()).build();
    }

    /** Points the SDK's own settings (used by handlers' no-argument constructors) at the test AWS. */
    public static void useForDefaultClients() {
        System.setProperty("aws.endpointUrl", Moto.endpoint().toString());
        System.setProperty("aws.region", REGION.id());
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
    }
}
