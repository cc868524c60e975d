package io.predictivescaling.fleet;

import io.predictivescaling.aws.Retry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Leases in the lease table (key {@code leaseId}): a conditional PutItem takes a lease that is absent,
 * expired or already ours; a conditional DeleteItem gives it back. {@code expiresAt} (epoch seconds) is
 * also the table's TTL, so leases of runs that died are cleaned up. One write unit per acquire and release.
 */
public final class DynamoDbLeaseStore implements LeaseStore {
    private final DynamoDbClient dynamo;
    private final String tableName;
    private final Retry retry;

    public DynamoDbLeaseStore(DynamoDbClient dynamo, String tableName, Retry retry) {
        this.dynamo = dynamo;
        this.tableName = tableName;
        this.retry = retry;
    }

    @Override
    public boolean acquire(String key, String holder, Instant now, Duration ttl) {
        try {
            retry.run(
                    "taking the lease on " + key,
                    () -> dynamo.putItem(r -> r.tableName(tableName)
                            .item(Map.of(
                                    "leaseId",
                                    AttributeValue.fromS(key),
                                    "holder",
                                    AttributeValue.fromS(holder),
                                    "acquiredAt",
                                    AttributeValue.fromS(now.toString()),
                                    "expiresAt",
                                    AttributeValue.fromN(
                                            Long.toString(now.plus(ttl).getEpochSecond()))))
                            .conditionExpression("attribute_not_exists(leaseId) OR expiresAt <= :now OR holder = :me")
                            .expressionAttributeValues(Map.of(
                                    ":now",
                                    AttributeValue.fromN(Long.toString(now.getEpochSecond())),
                                    ":me",
                                    AttributeValue.fromS(holder)))));
            return true;
        } catch (ConditionalCheckFailedException held) {
            return false;
        }
    }

    @Override
    public void release(String key, String holder) {
        try {
            retry.run(
                    "releasing the lease on " + key,
                    () -> dynamo.deleteItem(r -> r.tableName(tableName)
                            .key(Map.of("leaseId", AttributeValue.fromS(key)))
                            .conditionExpression("holder = :me")
                            .expressionAttributeValues(Map.of(":me", AttributeValue.fromS(holder)))));
        } catch (ConditionalCheckFailedException takenOver) {
            // Our lease expired and another run holds it now: it is theirs to release.
        }
    }
}
