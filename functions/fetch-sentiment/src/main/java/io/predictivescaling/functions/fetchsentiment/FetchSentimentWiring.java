package io.predictivescaling.functions.fetchsentiment;

import io.predictivescaling.aws.AwsClients;
import io.predictivescaling.aws.Retry;
import io.predictivescaling.common.Env;
import io.predictivescaling.common.EventBridgePublisher;
import io.predictivescaling.common.HttpJsonClient;
import io.predictivescaling.sentiment.DynamoDbSignalStore;
import io.predictivescaling.sentiment.FetchSentimentService;
import io.predictivescaling.sentiment.SentimentSourceRegistry;
import io.predictivescaling.sentiment.SsmCredentials;
import io.predictivescaling.targets.DynamoDbTargetRepository;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The one place fetch-sentiment is wired: the Lambda handler, the CLI and the tests build the service here, so none
 * of them can wire it differently.
 */
public final class FetchSentimentWiring {
    /**
     * The environment variables this function reads (template.yaml sets exactly these for it; TemplateSafetyTest
     * checks that); names and defaults are in {@link Env}.
     */
    public static final Set<Env> ENVIRONMENT = Collections.unmodifiableSet(EnumSet.of(
            Env.TARGETS_TABLE,
            Env.SIGNALS_TABLE,
            Env.EVENT_BUS_NAME,
            Env.SENTIMENT_SOURCES,
            Env.SENTIMENT_INTERVAL_MINUTES));

    private FetchSentimentWiring() {}

    /**
     * The tables and the event bus the function reads and writes (template.yaml's names for them).
     *
     * @param targets  the targets table (whose keywords are watched)
     * @param signals  the signals table the mention counts are written to
     * @param eventBus the event bus trending keywords are announced on
     */
    public record Tables(String targets, String signals, String eventBus) {

        /** From the function's environment (TARGETS_TABLE, SIGNALS_TABLE, EVENT_BUS_NAME). */
        public static Tables fromEnvironment() {
            return new Tables(Env.TARGETS_TABLE.text(), Env.SIGNALS_TABLE.text(), Env.EVENT_BUS_NAME.text());
        }
    }

    /**
     * @param dynamo         client for the targets and signals tables
     * @param ssm            client the sources' credentials are read with (Parameter Store)
     * @param bridge         client for the event bus
     * @param retry          retry policy for every AWS call
     * @param tables         the tables' and the bus's names
     * @param sourcesJson    the social sources to poll, as JSON (SENTIMENT_SOURCES; {@code []} for none)
     * @param requestTimeout how long one source's request may take (10 seconds in production)
     * @param maxRetryAfter  the longest {@code Retry-After} a source may ask for and still be retried (30 seconds
     *                       in production)
     * @param interval       the polling interval, the width of one signal bucket (5 minutes in production)
     */
    public static FetchSentimentService of(
            DynamoDbClient dynamo,
            SsmClient ssm,
            EventBridgeClient bridge,
            Retry retry,
            Tables tables,
            String sourcesJson,
            Duration requestTimeout,
            Duration maxRetryAfter,
            Duration interval) {
        return new FetchSentimentService(
                new DynamoDbTargetRepository(dynamo, tables.targets(), retry),
                SentimentSourceRegistry.fromJson(
                        sourcesJson,
                        new HttpJsonClient(requestTimeout, maxRetryAfter),
                        new SsmCredentials(ssm, retry),
                        requestTimeout),
                new DynamoDbSignalStore(dynamo, tables.signals(), retry),
                new EventBridgePublisher(bridge, tables.eventBus(), retry),
                interval);
    }

    /**
     * What the Lambda runs: clients built once per container, {@link Retry#standard()}, sources from
     * SENTIMENT_SOURCES (default {@code []}) with 10-second requests and at most 30 seconds of Retry-After, and
     * the interval from SENTIMENT_INTERVAL_MINUTES (default 5).
     */
    public static FetchSentimentService fromEnvironment() {
        return of(
                AwsClients.dynamoDb(),
                AwsClients.build(SsmClient.builder()),
                AwsClients.build(EventBridgeClient.builder()),
                Retry.standard(),
                Tables.fromEnvironment(),
                Env.SENTIMENT_SOURCES.text(),
                Duration.ofSeconds(10),
                Duration.ofSeconds(30),
                Duration.ofMinutes(Env.SENTIMENT_INTERVAL_MINUTES.number()));
    }
}
