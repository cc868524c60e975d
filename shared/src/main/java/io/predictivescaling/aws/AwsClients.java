package io.predictivescaling.aws;

import java.net.URI;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Builds AWS clients once per container. The URL-connection HTTP client starts fastest in Lambda.
 * {@code AWS_ENDPOINT_URL} (or the {@code aws.endpointUrl} system property) is honoured by the SDK
 * itself, which is how the same code runs against AWS, LocalStack or moto.
 */
public final class AwsClients {
    private AwsClients() {
    }

    public static DynamoDbClient dynamoDb() {
        return DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
    }

    public static CloudWatchClient cloudWatch() {
        return CloudWatchClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
    }

    public static ApplicationAutoScalingClient applicationAutoScaling() {
        return ApplicationAutoScalingClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
    }

    public static EventBridgeClient eventBridge() {
        return EventBridgeClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
    }

    public static SsmClient ssm() {
        return SsmClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
    }

    public static software.amazon.awssdk.services.sqs.SqsClient sqs() {
        return software.amazon.awssdk.services.sqs.SqsClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** The endpoint override in force, if any: for messages that say where data went. */
    public static String endpointDescription() {
        String endpoint = Settings.optional("aws.endpointUrl", Settings.optional("AWS_ENDPOINT_URL", null));
        return endpoint == null ? "AWS" : URI.create(endpoint).toString();
    }
}
