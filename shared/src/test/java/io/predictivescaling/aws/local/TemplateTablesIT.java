package io.predictivescaling.aws.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.predictivescaling.testing.TestAws;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/**
 * The local stack's tables, made from template.yaml: two runs preparing the same stack at once ({@code invoke --local}
 * twice, the demo beside a benchmark, two test classes on one moto) both get the tables. The second used to fail with
 * "Table already exists" when both looked before either created.
 */
class TemplateTablesIT {
    static final DynamoDbClient DYNAMO = TestAws.dynamoDb();

    @Test
    void twoRunsCreatingTheSameTableAtOnceBothGetItWithItsTimeToLive() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                String name = "metrics-" + UUID.randomUUID().toString().substring(0, 8);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<String>> runs = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    runs.add(pool.submit(() -> {
                        go.await();
                        return TemplateTables.create(DYNAMO, "PredictionsTable", name);
                    }));
                }
                go.countDown();

                for (Future<String> run : runs) {
                    assertThat(run.get()).isEqualTo(name);
                }
                assertThat(DYNAMO.describeTimeToLive(r -> r.tableName(name))
                                .timeToLiveDescription()
                                .timeToLiveStatus())
                        .isEqualTo(TimeToLiveStatus.ENABLED);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
