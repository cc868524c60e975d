package io.predictivescaling.functions.dispatchtargets;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import io.predictivescaling.fleet.DispatchService;

/** dispatch-targets: every 5 minutes, the fleet goes onto the fleet queue in batches for predict-and-scale. */
public class DispatchTargetsHandler implements RequestHandler<ScheduledEvent, DispatchService.Result> {
    private final DispatchService service;

    public DispatchTargetsHandler() {
        this(DispatchTargetsWiring.fromEnvironment());
    }

    public DispatchTargetsHandler(DispatchService service) {
        this.service = service;
    }

    @Override
    public DispatchService.Result handleRequest(ScheduledEvent event, Context context) {
        DispatchService.Result result = service.run();
        context.getLogger()
                .log(
                        "dispatched " + result.targets() + " targets of " + result.metrics() + " metrics in "
                                + result.batches() + " batches",
                        LogLevel.INFO);
        result.problems().forEach(line -> context.getLogger().log(line, LogLevel.ERROR));
        return result;
    }
}
