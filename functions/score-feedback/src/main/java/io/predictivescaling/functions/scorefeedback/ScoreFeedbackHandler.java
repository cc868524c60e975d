package io.predictivescaling.functions.scorefeedback;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import io.predictivescaling.feedback.ScoreFeedbackService;
import java.time.Clock;

/** score-feedback: hourly, scores matured predictions and feeds the result back into signal confidence. */
public class ScoreFeedbackHandler implements RequestHandler<ScheduledEvent, ScoreFeedbackService.Result> {
    private final ScoreFeedbackService service;
    private final Clock clock;

    public ScoreFeedbackHandler() {
        this(Clock.systemUTC());
    }

    /** Wired from the environment, on {@code clock} for both the run's "now" and its metrics' timestamps. */
    ScoreFeedbackHandler(Clock clock) {
        this(ScoreFeedbackWiring.fromEnvironment(clock), clock);
    }

    public ScoreFeedbackHandler(ScoreFeedbackService service, Clock clock) {
        this.service = service;
        this.clock = clock;
    }

    @Override
    public ScoreFeedbackService.Result handleRequest(ScheduledEvent event, Context context) {
        ScoreFeedbackService.Result result = service.run(clock.instant());
        result.lines().forEach(line -> context.getLogger().log(line, LogLevel.INFO));
        result.problems().forEach(line -> context.getLogger().log(line, LogLevel.WARN));
        return result;
    }
}
