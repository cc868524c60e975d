package io.predictivescaling.scaling;

import io.predictivescaling.aws.Retry;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Spike announcements in the lease table (key {@code leaseId}), which keeps the fleet's per-target run state: one
 * item per target with key {@value #PREFIX}{@code <targetId>}, attribute {@code fingerprint}, and {@code expiresAt}
 * (epoch seconds, the table's TTL) so a passed spike's item is cleaned up. Only a run whose plan holds a spike reads
 * it (one eventually consistent GetItem, half a read unit), and only a new or changed spike writes it (one PutItem,
 * one write unit), after its events were published: a publish that fails leaves the spike to be announced next run.
 */
public final class DynamoDbSpikeAnnouncements implements SpikeAnnouncements {
    /** Keeps these items apart from the leases, whose keys are the target ids themselves. */
    static final String PREFIX = "spike#";

    private final DynamoDbClient dynamo;
    private final String tableName;
    private final Retry retry;

    public DynamoDbSpikeAnnouncements(DynamoDbClient dynamo, String tableName, Retry retry) {
        this.dynamo = dynamo;
        this.tableName = tableName;
        this.retry = retry;
    }

    @Override
    public Optional<String> last(String targetId) {
        var response = retry.call(
                "reading the spike last announced for " + targetId,
                () -> dynamo.getItem(g -> g.tableName(tableName)
                        .key(Map.of("leaseId", AttributeValue.fromS(PREFIX + targetId)))
                        .projectionExpression("fingerprint")));
        return response.hasItem() && response.item().containsKey("fingerprint")
                ? Optional.of(response.item().get("fingerprint").s())
                : Optional.empty();
    }

    @Override
    public void remember(String targetId, String fingerprint, Instant keepUntil) {
        retry.run(
                "remembering the spike announced for " + targetId,
                () -> dynamo.putItem(p -> p.tableName(tableName)
                        .item(Map.of(
                                "leaseId",
                                AttributeValue.fromS(PREFIX + targetId),
                                "fingerprint",
                                AttributeValue.fromS(fingerprint),
                                "expiresAt",
                                AttributeValue.fromN(Long.toString(keepUntil.getEpochSecond()))))));
    }
}
