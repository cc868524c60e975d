package io.predictivescaling.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.predictivescaling.aws.Retry;
import io.predictivescaling.aws.local.TemplateTables;
import io.predictivescaling.testing.TestAws;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The announced spikes in the template's lease table, against moto: one item per target beside its lease. */
class DynamoDbSpikeAnnouncementsIT {
    static final DynamoDbClient DYNAMO = TestAws.dynamoDb();
    static final String TABLE = TemplateTables.create(DYNAMO, "LeaseTable");
    final SpikeAnnouncements announced =
            new DynamoDbSpikeAnnouncements(DYNAMO, TABLE, new Retry(3, Duration.ofMillis(1), Duration.ofMillis(5)));

    @Test
    void remembersTheLastSpikeOfEachTargetUntilItPassedAndLeavesTheLeaseKeyAlone() {
        Instant passed = Instant.parse("2026-11-28T16:00:00Z");
        assertThat(announced.last("shop")).isEmpty();

        announced.remember("shop", "2026-11-28T15:00:00Z|CRITICAL|21", passed);
        announced.remember("shop", "2026-11-28T15:00:00Z|CRITICAL|24", passed);
        announced.remember("cart", "2026-11-28T09:00:00Z|HIGH|4", passed);

        assertThat(announced.last("shop")).contains("2026-11-28T15:00:00Z|CRITICAL|24");
        assertThat(announced.last("cart")).contains("2026-11-28T09:00:00Z|HIGH|4");
        Map<String, AttributeValue> item = DYNAMO.getItem(
                        g -> g.tableName(TABLE).key(Map.of("leaseId", AttributeValue.fromS("spike#shop"))))
                .item();
        assertThat(item.get("expiresAt").n())
                .as("the table's TTL drops it after the spike")
                .isEqualTo(Long.toString(passed.getEpochSecond()));
        assertThat(DYNAMO.getItem(g -> g.tableName(TABLE).key(Map.of("leaseId", AttributeValue.fromS("shop"))))
                        .hasItem())
                .as("the target's lease key is not used")
                .isFalse();
    }
}
