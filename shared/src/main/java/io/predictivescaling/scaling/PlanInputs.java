package io.predictivescaling.scaling;

import io.predictivescaling.events.EventStore;
import io.predictivescaling.feedback.FeedbackStore;
import io.predictivescaling.sentiment.SignalStore;

/**
 * What predict-and-scale reads besides the load itself: what feedback learned (signal confidence, recent
 * accuracy), social signals, and known events.
 */
public record PlanInputs(FeedbackStore feedback, SignalStore social, EventStore events) {}
