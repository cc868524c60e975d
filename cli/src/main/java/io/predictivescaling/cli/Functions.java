package io.predictivescaling.cli;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.predictivescaling.functions.analyzepatterns.AnalyzePatternsHandler;
import io.predictivescaling.functions.dispatchtargets.DispatchTargetsHandler;
import io.predictivescaling.functions.fetchevents.FetchEventsHandler;
import io.predictivescaling.functions.fetchsentiment.FetchSentimentHandler;
import io.predictivescaling.functions.predictandscale.PredictAndScaleHandler;
import io.predictivescaling.functions.recordmetrics.RecordMetricsHandler;
import io.predictivescaling.functions.scorefeedback.ScoreFeedbackHandler;
import java.util.Map;
import java.util.TreeMap;

/** The deployable functions by the name template.yaml and events/ use for them. */
final class Functions {
    static final Map<String, Class<? extends RequestHandler<?, ?>>> HANDLERS = new TreeMap<>(Map.of(
            "record-metrics", RecordMetricsHandler.class,
            "analyze-patterns", AnalyzePatternsHandler.class,
            "predict-and-scale", PredictAndScaleHandler.class,
            "score-feedback", ScoreFeedbackHandler.class,
            "fetch-sentiment", FetchSentimentHandler.class,
            "fetch-events", FetchEventsHandler.class,
            "dispatch-targets", DispatchTargetsHandler.class));

    private Functions() {}

    static Class<? extends RequestHandler<?, ?>> handler(String name) {
        var handler = HANDLERS.get(name);
        if (handler == null) {
            throw new IllegalArgumentException("unknown function '" + name + "'; known: " + HANDLERS.keySet());
        }
        return handler;
    }
}
