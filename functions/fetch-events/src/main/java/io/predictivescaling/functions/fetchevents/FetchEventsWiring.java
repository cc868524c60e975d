package io.predictivescaling.functions.fetchevents;

import io.predictivescaling.aws.AwsClients;
import io.predictivescaling.aws.Retry;
import io.predictivescaling.common.Env;
import io.predictivescaling.common.EventBridgePublisher;
import io.predictivescaling.events.Cascades;
import io.predictivescaling.events.DynamoDbEventStore;
import io.predictivescaling.events.EventSourceRegistry;
import io.predictivescaling.events.FetchEventsService;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * The one place fetch-events is wired: the Lambda handler, the CLI and the tests build the service here, so none of
 * them can wire it differently.
 */
public final class FetchEventsWiring {
    /**
     * The environment variables this function reads (template.yaml sets exactly these for it; TemplateSafetyTest
     * checks that); names and defaults are in {@link Env}.
     */
    public static final Set<Env> ENVIRONMENT = Collections.unmodifiableSet(
            EnumSet.of(Env.EVENTS_TABLE, Env.EVENT_BUS_NAME, Env.EVENT_SOURCES, Env.EVENT_CASCADES));

    private FetchEventsWiring() {}

    /**
     * The table and the event bus the function writes (template.yaml's names for them).
     *
     * @param events   the events table new events are stored in
     * @param eventBus the event bus new events are announced on
     */
    public record Tables(String events, String eventBus) {

        /** From the function's environment (EVENTS_TABLE, EVENT_BUS_NAME); a missing one is a clear error. */
        public static Tables fromEnvironment() {
            return new Tables(Env.EVENTS_TABLE.text(), Env.EVENT_BUS_NAME.text());
        }
    }

    /**
     * @param dynamo        client for the events table
     * @param bridge        client for the event bus
     * @param retry         retry policy for every AWS call
     * @param tables        the table's and the bus's names
     * @param sourcesJson   the calendars and feeds to pull, as JSON (EVENT_SOURCES; {@code []} for none)
     * @param sourceTimeout how long one source's request may take (10 seconds in production)
     * @param cascadesJson  follow-on events per event type, as JSON (EVENT_CASCADES; empty for none)
     */
    public static FetchEventsService of(
            DynamoDbClient dynamo,
            EventBridgeClient bridge,
            Retry retry,
            Tables tables,
            String sourcesJson,
            Duration sourceTimeout,
            String cascadesJson) {
        return new FetchEventsService(
                EventSourceRegistry.fromJson(sourcesJson, sourceTimeout),
                new DynamoDbEventStore(dynamo, tables.events(), retry),
                new EventBridgePublisher(bridge, tables.eventBus(), retry),
                Cascades.fromJson(cascadesJson));
    }

    /**
     * What the Lambda runs: clients built once per container, {@link Retry#standard()}, sources from EVENT_SOURCES
     * (default {@code []}) with a 10-second timeout, cascades from EVENT_CASCADES (default none).
     */
    public static FetchEventsService fromEnvironment() {
        return of(
                AwsClients.dynamoDb(),
                AwsClients.build(EventBridgeClient.builder()),
                Retry.standard(),
                Tables.fromEnvironment(),
                Env.EVENT_SOURCES.text(),
                Duration.ofSeconds(10),
                Env.EVENT_CASCADES.text());
    }
}
