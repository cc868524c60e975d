package io.predictivescaling.functions.predictandscale;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import io.predictivescaling.common.EmbeddedMetricFormat;
import io.predictivescaling.scaling.PredictAndScaleService;
import java.time.Clock;
import java.util.Map;

/**
 * predict-and-scale over the whole targets table in one run (the CLI's demo and invoke run it; the deployed stack
 * runs {@link PredictAndScaleQueueHandler} on the dispatcher's plan batches instead): predictions become capacity
 * scheduled ahead of the load.
 */
public class PredictAndScaleHandler implements RequestHandler<ScheduledEvent, PredictAndScaleService.Result> {
    private final PredictAndScaleService service;
    private final Clock clock;

    public PredictAndScaleHandler() {
        this(PredictAndScaleWiring.fromEnvironment(), Clock.systemUTC());
    }

    public PredictAndScaleHandler(PredictAndScaleService service, Clock clock) {
        this.service = service;
        this.clock = clock;
    }

    @Override
    public PredictAndScaleService.Result handleRequest(ScheduledEvent event, Context context) {
        // A sharded schedule passes {"detail": {"shard": 2, "shards": 4}}; the default is one shard.
        Map<String, Object> detail = event.getDetail() == null ? Map.of() : event.getDetail();
        int shard = number(detail.get("shard"), 0);
        int shards = number(detail.get("shards"), 1);
        PredictAndScaleService.Result result = service.run(clock.instant(), shard, shards);
        result.lines().forEach(line -> context.getLogger().log(line, LogLevel.INFO));
        result.problems().forEach(line -> context.getLogger().log(line, LogLevel.ERROR));
        if (!result.failed().isEmpty()) {
            // Loud: a PlanFailed metric per target (its alarm tells a person) and a failed invocation (Lambda
            // retries the run; the errors alarm sees it). The others' plans are already written.
            result.failed()
                    .forEach(id ->
                            EmbeddedMetricFormat.countWithTotal(System.out, clock, "PlanFailed", "TargetId", id, 1));
            throw new PlanFailedException(result);
        }
        return result;
    }

    /** The invocation failed for some targets; the others were planned (see the log). */
    public static final class PlanFailedException extends RuntimeException {
        private final transient PredictAndScaleService.Result result;

        PlanFailedException(PredictAndScaleService.Result result) {
            super(result.failed().size() + " target(s) failed to plan, others planned " + result.planned() + ": "
                    + String.join(", ", result.failed()) + "; see the ERROR lines for why");
            this.result = result;
        }

        /** The whole run's result, failed targets included. */
        public PredictAndScaleService.Result result() {
            return result;
        }
    }

    private static int number(Object value, int fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            return value instanceof Number n
                    ? n.intValue()
                    : Integer.parseInt(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("detail.shard and detail.shards must be whole numbers, got " + value, e);
        }
    }
}
