package io.predictivescaling.metrics;

import io.predictivescaling.aws.Retry;
import io.predictivescaling.aws.local.TemplateTables;
import io.predictivescaling.testing.TestAws;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The metrics table adapter against moto keeps the contract the fake is held to. */
class DynamoDbTimeSeriesStoreContractIT extends TimeSeriesStoreContract {
    static final DynamoDbClient DYNAMO = TestAws.dynamoDb();
    static final String TABLE = TemplateTables.create(DYNAMO, "MetricsTable");

    @Override
    protected TimeSeriesStore store() {
        return new DynamoDbTimeSeriesStore(
                DYNAMO, TABLE, Duration.ofDays(4000), new Retry(3, Duration.ofMillis(1), Duration.ofMillis(5)));
    }
}
