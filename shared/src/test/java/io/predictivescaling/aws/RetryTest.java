package io.predictivescaling.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryTest {
    final Retry retry = new Retry(3, Duration.ofMillis(1), Duration.ofMillis(2));

    @Test
    void aPartlyProcessedBatchIsResentUntilEverythingIsDone() {
        List<List<String>> sent = new ArrayList<>();

        retry.untilDone("writing", List.of("a", "b", "c"), send -> {
            sent.add(send);
            return send.size() > 1 ? send.subList(1, send.size()) : List.of(); // one item gets through per call
        });

        assertThat(sent).containsExactly(List.of("a", "b", "c"), List.of("b", "c"), List.of("c"));
    }

    @Test
    void itemsStillUnprocessedAfterTheLastAttemptAreAClearError() {
        assertThatThrownBy(() -> retry.untilDone("writing predictions", List.of("a", "b"), send -> send))
                .isInstanceOf(Retry.RetriesExhaustedException.class)
                .hasMessage("writing predictions: 2 items still unprocessed after 3 attempts");
    }
}
