package io.predictivescaling.functions.predictandscale;

import static org.assertj.core.api.Assertions.assertThat;

import io.predictivescaling.common.Env;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the Lambda builds the queue handler (its no-argument constructor), without calling AWS. */
class PredictAndScaleQueueHandlerTest {

    @Test
    void theLambdaBuildsOneDynamoDbClientForThePlannerAndTheLeases() {
        Map<String, String> settings = new HashMap<>();
        PredictAndScaleWiring.ENVIRONMENT.stream()
                .filter(e -> e.defaultValue().isEmpty())
                .forEach(e -> settings.put(e.name(), e.name().toLowerCase(java.util.Locale.ROOT) + "-name"));
        settings.put("aws.region", "us-east-1");
        settings.put("aws.accessKeyId", "test");
        settings.put("aws.secretAccessKey", "test");
        settings.put("aws.endpointUrl", "http://127.0.0.1:9"); // nothing is called; if it were, it would fail fast
        settings.put(Env.PLAN_QUEUE_URL.name(), "http://127.0.0.1:9/000000000000/plan");
        Map<String, String> before = new HashMap<>();
        settings.forEach((k, v) -> before.put(k, System.setProperty(k, v)));
        try {
            int built = DynamoDbClientsBuilt.onThisThread();

            new PredictAndScaleQueueHandler();

            // One client (one HTTP client, one endpoint setup in the cold start) for the tables and the lease table.
            assertThat(DynamoDbClientsBuilt.onThisThread() - built).isEqualTo(1);
        } finally {
            before.forEach((k, v) -> {
                if (v == null) {
                    System.clearProperty(k);
                } else {
                    System.setProperty(k, v);
                }
            });
        }
    }
}
