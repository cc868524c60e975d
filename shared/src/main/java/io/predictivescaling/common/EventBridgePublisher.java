package io.predictivescaling.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.predictivescaling.aws.Retry;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

/** Publishes to the project's bus with source {@code predictive-scaling}, resending failed entries. */
public final class EventBridgePublisher implements EventPublisher {
    public static final String SOURCE = "predictive-scaling";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventBridgeClient client;
    private final String busName;
    private final Retry retry;

    public EventBridgePublisher(EventBridgeClient client, String busName, Retry retry) {
        this.client = client;
        this.busName = busName;
        this.retry = retry;
    }

    @Override
    public void publish(List<Event> events) {
        List<PutEventsRequestEntry> entries = new ArrayList<>();
        for (Event e : events) {
            try {
                entries.add(PutEventsRequestEntry.builder()
                        .eventBusName(busName)
                        .source(SOURCE)
                        .detailType(e.detailType())
                        .detail(JSON.writeValueAsString(e.detail()))
                        .build());
            } catch (JsonProcessingException ex) {
                throw new IllegalArgumentException("event " + e.detailType() + " cannot be serialised", ex);
            }
        }
        for (int i = 0; i < entries.size(); i += 10) {
            // Entries EventBridge refused (throttled, internal) are resent with backoff, not at once.
            retry.untilDone(
                    "publishing events to " + busName, entries.subList(i, Math.min(entries.size(), i + 10)), send -> {
                        PutEventsResponse response = client.putEvents(r -> r.entries(send));
                        List<PutEventsRequestEntry> failed = new ArrayList<>();
                        for (int k = 0; k < response.entries().size(); k++) {
                            if (response.entries().get(k).errorCode() != null) {
                                failed.add(send.get(k));
                            }
                        }
                        return failed;
                    });
        }
    }
}
