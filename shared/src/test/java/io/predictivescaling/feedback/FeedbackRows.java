package io.predictivescaling.feedback;

import java.util.Map;

/** Test helper: what {@link DynamoDbFeedbackStore} reads from a prediction row, for fakes to read alike. */
public final class FeedbackRows {
    private FeedbackRows() {}

    /** The signals a row without a typed {@code signals} map is attributed to, from its reason. */
    public static Map<String, Double> signalsOfReason(String reason) {
        return DynamoDbFeedbackStore.signals(reason);
    }
}
