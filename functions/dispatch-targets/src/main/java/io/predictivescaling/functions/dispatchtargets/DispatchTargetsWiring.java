package io.predictivescaling.functions.dispatchtargets;

import io.predictivescaling.aws.AwsClients;
import io.predictivescaling.aws.Retry;
import io.predictivescaling.common.Env;
import io.predictivescaling.fleet.DispatchService;
import io.predictivescaling.fleet.SqsPlanQueue;
import io.predictivescaling.targets.DynamoDbTargetRepository;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The one place dispatch-targets is wired: the Lambda handler and the tests build the service here, so neither can
 * wire it differently.
 */
public final class DispatchTargetsWiring {
    /**
     * The environment variables this function reads (template.yaml sets exactly these for it; TemplateSafetyTest
     * checks that); names and defaults are in {@link Env}.
     */
    public static final Set<Env> ENVIRONMENT =
            Collections.unmodifiableSet(EnumSet.of(Env.TARGETS_TABLE, Env.PLAN_QUEUE_URL, Env.MAX_TARGETS_PER_BATCH));

    private DispatchTargetsWiring() {}

    /**
     * The table and the queue the function reads and writes (template.yaml's names for them).
     *
     * @param targets      the targets table (the fleet)
     * @param planQueueUrl the URL of the fleet queue the batches are sent to
     */
    public record Tables(String targets, String planQueueUrl) {

        /** From the function's environment (TARGETS_TABLE, PLAN_QUEUE_URL); a missing one is a clear error. */
        public static Tables fromEnvironment() {
            return new Tables(Env.TARGETS_TABLE.text(), Env.PLAN_QUEUE_URL.text());
        }
    }

    /**
     * @param dynamo          client for the targets table
     * @param sqs             client for the fleet queue
     * @param retry           retry policy for every AWS call
     * @param tables          the table's name and the queue's URL
     * @param targetsPerBatch how many targets one queue message carries at most (25 in production)
     */
    public static DispatchService of(
            DynamoDbClient dynamo, SqsClient sqs, Retry retry, Tables tables, int targetsPerBatch) {
        return new DispatchService(
                new DynamoDbTargetRepository(dynamo, tables.targets(), retry),
                new SqsPlanQueue(sqs, tables.planQueueUrl(), retry),
                targetsPerBatch);
    }

    /** What the Lambda runs: {@link Retry#standard()}, batches of MAX_TARGETS_PER_BATCH (default 25). */
    public static DispatchService fromEnvironment() {
        return of(
                AwsClients.dynamoDb(),
                AwsClients.build(SqsClient.builder()),
                Retry.standard(),
                Tables.fromEnvironment(),
                (int) Env.MAX_TARGETS_PER_BATCH.number());
    }
}
