package io.predictivescaling.functions.recordmetrics;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import io.predictivescaling.metrics.RecordMetricsService;
import io.predictivescaling.metrics.RecordResult;
import java.time.Clock;

/**
 * record-metrics: the scheduled pull (EventBridge {@code Scheduled Event}) and pushed {@code LoadSample}
 * events both arrive in the EventBridge envelope, so one handler type serves both.
 */
public class RecordMetricsHandler implements RequestHandler<ScheduledEvent, RecordResult> {
    public static final String LOAD_SAMPLE = "LoadSample";

    private final RecordMetricsService service;
    private final Clock clock;

    /** The Lambda runtime's constructor: wiring from the environment, clients built once per container. */
    public RecordMetricsHandler() {
        this(RecordMetricsWiring.fromEnvironment(), Clock.systemUTC());
    }

    public RecordMetricsHandler(RecordMetricsService service, Clock clock) {
        this.service = service;
        this.clock = clock;
    }

    @Override
    public RecordResult handleRequest(ScheduledEvent event, Context context) {
        RecordResult result;
        if (LOAD_SAMPLE.equals(event.getDetailType())) {
            result = service.push(event.getDetail(), event.getSource(), clock.instant());
        } else if ("aws.events".equals(event.getSource()) || "Scheduled Event".equals(event.getDetailType())) {
            result = service.pull(clock.instant());
        } else {
            throw new IllegalArgumentException("record-metrics takes a Scheduled Event or a " + LOAD_SAMPLE
                    + " event, got detail-type '" + event.getDetailType() + "' from '" + event.getSource() + "'");
        }
        HandlerLog.result(context, result);
        return result;
    }

    /** Structured log lines; the function's JSON log format adds time, level and request id. */
    static final class HandlerLog {
        private HandlerLog() {}

        static void result(Context context, RecordResult result) {
            var logger = context.getLogger();
            logger.log(
                    "recorded targetsPulled=" + result.targetsPulled() + " samplesStored=" + result.samplesStored()
                            + " rejected=" + result.rejected().size(),
                    LogLevel.INFO);
            result.rejected()
                    .forEach(r -> logger.log(
                            "rejected sample index=" + r.index() + " metricId=" + r.metricId() + " reason="
                                    + r.reason(),
                            LogLevel.WARN));
            result.problems().forEach(p -> logger.log(p, LogLevel.ERROR));
        }
    }
}
