package io.predictivescaling.fleet;

import io.predictivescaling.aws.Retry;
import io.predictivescaling.aws.local.TemplateTables;
import io.predictivescaling.testing.TestAws;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The lease table adapter against moto keeps the contract the fake is held to. */
class DynamoDbLeaseStoreContractIT extends LeaseStoreContract {
    static final DynamoDbClient DYNAMO = TestAws.dynamoDb();
    static final String TABLE = TemplateTables.create(DYNAMO, "LeaseTable");

    @Override
    protected LeaseStore store() {
        return new DynamoDbLeaseStore(DYNAMO, TABLE, new Retry(3, Duration.ofMillis(1), Duration.ofMillis(5)));
    }
}
