package io.predictivescaling.fleet;

import io.predictivescaling.aws.Retry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/** The fleet queue on SQS: SendMessageBatch with 10 messages per call; entries SQS refused are resent. */
public final class SqsPlanQueue implements PlanQueue {
    static final int PER_CALL = 10;
    private final SqsClient sqs;
    private final String queueUrl;
    private final Retry retry;

    public SqsPlanQueue(SqsClient sqs, String queueUrl, Retry retry) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.retry = retry;
    }

    @Override
    public void send(List<PlanBatch> batches) {
        for (int i = 0; i < batches.size(); i += PER_CALL) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            List<PlanBatch> slice = batches.subList(i, Math.min(batches.size(), i + PER_CALL));
            for (int j = 0; j < slice.size(); j++) {
                entries.add(SendMessageBatchRequestEntry.builder()
                        .id(Integer.toString(j))
                        .messageBody(slice.get(j).toJson())
                        .build());
            }
            retry.untilDone("sending plan batches to " + queueUrl, entries, pending -> {
                SendMessageBatchResponse response =
                        sqs.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(pending));
                Map<String, SendMessageBatchRequestEntry> byId =
                        pending.stream().collect(Collectors.toMap(SendMessageBatchRequestEntry::id, e -> e));
                return response.failed().stream().map(f -> byId.get(f.id())).toList();
            });
        }
    }
}
