package io.predictivescaling.functions.predictandscale;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import io.predictivescaling.aws.AwsClients;
import io.predictivescaling.aws.Retry;
import io.predictivescaling.common.Env;
import io.predictivescaling.fleet.DynamoDbLeaseStore;
import io.predictivescaling.fleet.FleetBatchPlanner;
import io.predictivescaling.fleet.SqsPlanQueue;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * predict-and-scale on the fleet queue: plans the targets of the received plan batches (see
 * {@link FleetBatchPlanner}) and answers with a partial batch response (ReportBatchItemFailures), so SQS
 * redelivers only the messages that failed.
 */
public class PredictAndScaleQueueHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final FleetBatchPlanner planner;
    private final Clock clock;

    /** What the Lambda runs: settings from the environment, one client per AWS service for the container. */
    public PredictAndScaleQueueHandler() {
        this(AwsClients.dynamoDb());
    }

    /** The planner and the lease store share {@code dynamo}: a second client would only add to the cold start. */
    private PredictAndScaleQueueHandler(DynamoDbClient dynamo) {
        this(
                new FleetBatchPlanner(
                        PredictAndScaleWiring.fromEnvironment(dynamo),
                        new DynamoDbLeaseStore(dynamo, Env.LEASE_TABLE.text(), Retry.standard()),
                        new SqsPlanQueue(
                                AwsClients.build(SqsClient.builder()), Env.PLAN_QUEUE_URL.text(), Retry.standard()),
                        Duration.ofSeconds(Env.LEASE_SECONDS.number())),
                Clock.systemUTC());
    }

    public PredictAndScaleQueueHandler(FleetBatchPlanner planner, Clock clock) {
        this.planner = planner;
        this.clock = clock;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSEvent.SQSMessage> records = event.getRecords() == null ? List.of() : event.getRecords();
        List<FleetBatchPlanner.Message> messages = records.stream()
                .map(m -> new FleetBatchPlanner.Message(m.getMessageId(), m.getBody()))
                .toList();
        // The request id names the holder in the lease table; the suffix keeps two local runs apart.
        String holder =
                context.getAwsRequestId() + "#" + UUID.randomUUID().toString().substring(0, 8);
        FleetBatchPlanner.Outcome outcome = planner.handle(clock.instant(), holder, messages);
        outcome.result().lines().forEach(line -> context.getLogger().log(line, LogLevel.INFO));
        outcome.problems().forEach(line -> context.getLogger().log(line, LogLevel.ERROR));
        context.getLogger()
                .log(
                        String.format(
                                java.util.Locale.ROOT,
                                "fleet batch: %d messages, %d targets planned from %d forecasts, %d applied, %d leased elsewhere, "
                                        + "%d sent back alone, %d messages failed",
                                messages.size(),
                                outcome.result().planned(),
                                outcome.result().forecasts(),
                                outcome.result().applied(),
                                outcome.leasedElsewhere().size(),
                                outcome.requeuedTargets().size(),
                                outcome.failedMessageIds().size()),
                        LogLevel.INFO);
        return SQSBatchResponse.builder()
                .withBatchItemFailures(outcome.failedMessageIds().stream()
                        .map(id -> SQSBatchResponse.BatchItemFailure.builder()
                                .withItemIdentifier(id)
                                .build())
                        .toList())
                .build();
    }
}
