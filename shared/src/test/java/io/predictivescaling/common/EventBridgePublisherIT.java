package io.predictivescaling.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.predictivescaling.aws.AwsClients;
import io.predictivescaling.aws.Retry;
import io.predictivescaling.testing.FaultyHttp;
import io.predictivescaling.testing.TestAws;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/** Entries EventBridge refuses (throttled) are resent through the one policy's backoff, a bounded number of times. */
class EventBridgePublisherIT {
    static final String THROTTLED_ENTRY = "{\"FailedEntryCount\":1,\"Entries\":[{\"ErrorCode\":\"ThrottlingException\","
            + "\"ErrorMessage\":\"Rate exceeded (injected)\"}]}";

    static EventBridgePublisher publisher(FaultyHttp http, String bus) {
        EventBridgeClient client = TestAws.configure(AwsClients.configure(EventBridgeClient.builder(), http))
                .build();
        return new EventBridgePublisher(client, bus, Retry.standard());
    }

    static String bus() {
        String bus = "bus-" + UUID.randomUUID().toString().substring(0, 8);
        try (EventBridgeClient events =
                TestAws.configure(EventBridgeClient.builder()).build()) {
            events.createEventBus(r -> r.name(bus));
        }
        return bus;
    }

    @Test
    void aThrottledEntryIsResentAfterABackoffUntilItIsAccepted() {
        FaultyHttp http = new FaultyHttp().answer("PutEvents", 2, THROTTLED_ENTRY);

        publisher(http, bus()).publish(List.of(new EventPublisher.Event("ScalingPlanned", Map.of("targetId", "t"))));

        assertThat(http.calls("PutEvents")).isEqualTo(3);
    }

    @Test
    void anEntryRefusedEveryTimeFailsAfterTheBoundedResends() {
        FaultyHttp http = new FaultyHttp().answer("PutEvents", Integer.MAX_VALUE, THROTTLED_ENTRY);
        String bus = bus();
        long start = System.nanoTime();

        assertThatThrownBy(() -> publisher(http, bus)
                        .publish(List.of(new EventPublisher.Event("ScalingPlanned", Map.of("targetId", "t")))))
                .isInstanceOf(Retry.RetriesExhaustedException.class)
                .hasMessage("publishing events to " + bus + ": 1 items still unprocessed after 4 attempts");
        assertThat(http.calls("PutEvents")).isEqualTo(4);
        // Backoff of at most 0.1 + 0.2 + 0.4 s between the four sends: bounded, not five sends in 0.2 s.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
}
