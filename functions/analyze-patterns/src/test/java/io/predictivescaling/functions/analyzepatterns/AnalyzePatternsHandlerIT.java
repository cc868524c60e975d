package io.predictivescaling.functions.analyzepatterns;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Events;
import io.predictivescaling.aws.Retry;
import io.predictivescaling.aws.local.TemplateTables;
import io.predictivescaling.metrics.DynamoDbTimeSeriesStore;
import io.predictivescaling.metrics.LoadSample;
import io.predictivescaling.metrics.RegularSeries;
import io.predictivescaling.patterns.AnalyzePatternsService;
import io.predictivescaling.patterns.DynamoDbPatternStore;
import io.predictivescaling.patterns.LoadPatterns;
import io.predictivescaling.testing.SyntheticLoad;
import io.predictivescaling.testing.TestAws;
import io.predictivescaling.testing.TestContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** analyze-patterns against moto: hourly history in the metrics table becomes console-readable patterns. */
class AnalyzePatternsHandlerIT {
    static final Retry RETRY = new Retry(3, Duration.ofMillis(1), Duration.ofMillis(5));
    final DynamoDbClient dynamo = TestAws.dynamoDb();
    String patternsTable;
    AnalyzePatternsHandler handler;
    Instant now;

    @BeforeEach
    void seedThreeWeeksOfHistory() {
        String metricsTable = TemplateTables.create(dynamo, "MetricsTable");
        String targetsTable = TemplateTables.create(dynamo, "TargetsTable");
        patternsTable = TemplateTables.create(dynamo, "PatternsTable");
        dynamo.putItem(r -> r.tableName(targetsTable)
                .item(Map.of(
                        "targetId",
                        AttributeValue.fromS("checkout-ecs"),
                        "metricId",
                        AttributeValue.fromS("checkout-rps"))));
        dynamo.putItem(r -> r.tableName(targetsTable)
                .item(Map.of(
                        "targetId",
                        AttributeValue.fromS("new-service"),
                        "metricId",
                        AttributeValue.fromS("brand-new"))));
        var store = new DynamoDbTimeSeriesStore(dynamo, metricsTable, Duration.ofDays(400), RETRY);
        RegularSeries history = SyntheticLoad.series(3 * 168, Duration.ofHours(1), 0, 0.03, 21);
        List<LoadSample> samples = new ArrayList<>();
        for (int i = 0; i < history.size(); i++) {
            samples.add(new LoadSample("checkout-rps", history.time(i), history.values()[i], "Count", "test"));
        }
        store.importHistory(samples); // a fixture: whole hours, 25 to a call, where appending took an update per hour
        now = history.end();
        handler = new AnalyzePatternsHandler(
                AnalyzePatternsWiring.of(
                        dynamo,
                        RETRY,
                        new AnalyzePatternsWiring.Tables(targetsTable, metricsTable, patternsTable),
                        Duration.ofDays(400),
                        Duration.ofDays(56)),
                Clock.fixed(now, ZoneOffset.UTC));
    }

    @ParameterizedTest
    @Events(folder = "events/analyze-patterns", type = ScheduledEvent.class)
    void theHourlyRunStoresPatternsAnOperatorCanReadAndSkipsMetricsWithoutHistory(ScheduledEvent event) {
        TestContext context = new TestContext();

        AnalyzePatternsService.Result result = handler.handleRequest(event, context);

        assertThat(result.learned()).singleElement().asString().startsWith("checkout-rps: peak Saturday 1");
        assertThat(result.problems()).containsExactly("brand-new: patterns need at least 24 hours of data, got 0");
        var hourOfDay = dynamo.getItem(r -> r.tableName(patternsTable)
                        .key(Map.of(
                                "metricId",
                                AttributeValue.fromS("checkout-rps"),
                                "kind",
                                AttributeValue.fromS("hourOfDay"))))
                .item();
        assertThat(hourOfDay.get("profile").m().get("15").n()).isEqualTo("1.0000");
        assertThat(Double.parseDouble(hourOfDay.get("profile").m().get("3").n()))
                .isLessThan(0.45);
        assertThat(hourOfDay.get("learnedFromHours").n()).isEqualTo("504");
        var days = dynamo.getItem(r -> r.tableName(patternsTable)
                        .key(Map.of(
                                "metricId",
                                AttributeValue.fromS("checkout-rps"),
                                "kind",
                                AttributeValue.fromS("dayOfWeek"))))
                .item();
        assertThat(days.get("profile").m().get("saturday").n()).isEqualTo("1.0000");
        assertThat(context.lines).anyMatch(l -> l.startsWith("WARN skipped brand-new"));

        LoadPatterns loaded = new DynamoDbPatternStore(dynamo, patternsTable, RETRY)
                .load("checkout-rps")
                .orElseThrow();
        assertThat(loaded.peakDescription()).startsWith("Saturday 1");
        assertThat(loaded.hoursLearned()).isEqualTo(504);
    }
}
