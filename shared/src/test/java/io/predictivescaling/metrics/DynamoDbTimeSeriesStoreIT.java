package io.predictivescaling.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.predictivescaling.aws.AwsClients;
import io.predictivescaling.aws.Retry;
import io.predictivescaling.aws.local.TemplateTables;
import io.predictivescaling.testing.FaultyHttp;
import io.predictivescaling.testing.TestAws;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The time-series store against a real DynamoDB API (moto), with the table from template.yaml. Each test has a
 * table of its own, so they run two at a time.
 */
@Execution(ExecutionMode.CONCURRENT)
class DynamoDbTimeSeriesStoreIT {
    static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    static final Retry FAST_RETRY = new Retry(5, Duration.ofMillis(1), Duration.ofMillis(5));

    DynamoDbClient dynamo = TestAws.dynamoDb();
    String table;
    DynamoDbTimeSeriesStore store;

    @BeforeEach
    void createTable() {
        table = TemplateTables.create(dynamo, "MetricsTable");
        store = new DynamoDbTimeSeriesStore(dynamo, table, Duration.ofDays(400), FAST_RETRY);
    }

    static LoadSample sample(String metric, Instant t, double value) {
        return new LoadSample(metric, t, value, "Count", "test");
    }

    @Test
    void samplesReadBackInTimeOrderAcrossHours() {
        List<LoadSample> samples = new ArrayList<>();
        for (int minute = 0; minute < 180; minute++) {
            samples.add(sample("web", T0.plusSeconds(60L * minute), minute));
        }
        Collections.shuffle(samples, new Random(7));

        assertThat(store.append(samples)).isEqualTo(180);

        List<LoadSample> read = store.read("web", T0, T0.plusSeconds(3 * 3600));
        assertThat(read).hasSize(180);
        assertThat(read).extracting(LoadSample::value).isSorted();
        assertThat(read.get(0)).isEqualTo(new LoadSample("web", T0, 0, "Count", "test"));
        assertThat(store.read("web", T0.plusSeconds(600), T0.plusSeconds(1200))).hasSize(10);
    }

    @Test
    void theSameSampleWrittenTwiceIsStoredOnceAndALateCorrectionReplacesIt() {
        store.append(List.of(sample("web", T0, 5), sample("web", T0.plusSeconds(60), 6)));
        store.append(List.of(sample("web", T0, 5), sample("web", T0, 5)));
        store.append(List.of(sample("web", T0.plusSeconds(60), 7)));

        assertThat(store.read("web", T0, T0.plusSeconds(3600)))
                .extracting(LoadSample::value)
                .containsExactly(5.0, 7.0);
    }

    @Test
    void outOfOrderSamplesLandInTheirOwnPlace() {
        store.append(List.of(sample("web", T0.plusSeconds(7200), 3)));
        store.append(List.of(sample("web", T0, 1)));
        store.append(List.of(sample("web", T0.plusSeconds(3600), 2)));

        assertThat(store.read("web", T0, T0.plusSeconds(3 * 3600)))
                .extracting(LoadSample::value)
                .containsExactly(1.0, 2.0, 3.0);
        assertThat(store.latestTimestamp("web")).contains(T0.plusSeconds(7200));
        assertThat(store.latestTimestamp("other")).isEmpty();
    }

    @Test
    void metricsDoNotMix() {
        store.append(List.of(sample("a", T0, 1), sample("b", T0, 2)));

        assertThat(store.read("a", T0, T0.plusSeconds(60)))
                .extracting(LoadSample::value)
                .containsExactly(1.0);
    }

    @Test
    void hourlyRollupsOfPerMinuteDataReadOneItemPerHour() {
        List<LoadSample> samples = new ArrayList<>();
        int hours = 48;
        for (int minute = 0; minute < hours * 60; minute++) {
            samples.add(sample("web", T0.plusSeconds(60L * minute), minute % 60));
        }
        store.append(samples);
        long before = store.itemsRead();

        List<Rollup> hourly = store.rollup("web", T0, T0.plusSeconds(hours * 3600L), Duration.ofHours(1));

        assertThat(hourly).hasSize(hours);
        assertThat(hourly.get(0).count()).isEqualTo(60);
        assertThat(hourly.get(0).mean()).isEqualTo(29.5);
        assertThat(hourly.get(0).max()).isEqualTo(59.0);
        assertThat(hourly.get(0).p95()).isEqualTo(56.0);
        // 48 items for 2,880 samples: a year is 8,760 items, not 525,600.
        assertThat(store.itemsRead() - before).isEqualTo(hours);
    }

    @Test
    void twoSourcesWritingTheSameSecondKeepTheLaterValueEachSampleWithItsOwnSource() {
        store.append(List.of(
                new LoadSample("web", T0, 5, "Count", "app-a"),
                new LoadSample("web", T0.plusSeconds(60), 6, "Count", "app-a")));
        store.append(List.of(new LoadSample("web", T0, 7, "Count", "app-b")));

        assertThat(store.read("web", T0, T0.plusSeconds(3600)))
                .containsExactly(
                        new LoadSample("web", T0, 7, "Count", "app-b"),
                        new LoadSample("web", T0.plusSeconds(60), 6, "Count", "app-a"));
    }

    @Test
    void manyLongSourceNamesCannotPushAnHourPast400KbAndLaterWritesStillLand() {
        List<LoadSample> samples = new ArrayList<>();
        for (int second = 0; second < 600; second++) {
            samples.add(
                    new LoadSample("web", T0.plusSeconds(second), second, "Count", second + "-" + "s".repeat(1000)));
        }

        store.append(samples);
        store.append(List.of(new LoadSample("web", T0.plusSeconds(3000), 42, "Count", "cloudwatch")));

        List<LoadSample> read = store.read("web", T0, T0.plusSeconds(3600));
        assertThat(read).hasSize(601);
        assertThat(read.get(0).source())
                .hasSize(SampleValidator.MAX_SOURCE_BYTES)
                .startsWith("0-sss");
        assertThat(read.get(600)).isEqualTo(new LoadSample("web", T0.plusSeconds(3000), 42, "Count", "cloudwatch"));
    }

    @Test
    void aSampleExpiresNoEarlierThanItsOwnTimePlusTheRetention() {
        Instant lateInTheHour = T0.plusSeconds(59 * 60 + 30);

        store.append(List.of(sample("web", lateInTheHour, 3)));

        var item = dynamo.getItem(r -> r.tableName(table)
                        .key(java.util.Map.of(
                                "metricId", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("web"),
                                "hour",
                                        software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(
                                                T0.toString()))))
                .item();
        assertThat(Long.parseLong(item.get("expiresAt").n()))
                .isGreaterThanOrEqualTo(lateInTheHour.plus(Duration.ofDays(400)).getEpochSecond());
    }

    /**
     * A store whose client has the production retry policy, behind a fault-injecting HTTP client; its clock is in
     * T0's hour, so writes there are live data (no digest revision to bump).
     */
    DynamoDbTimeSeriesStore storeBehind(FaultyHttp http) {
        return new DynamoDbTimeSeriesStore(
                TestAws.configure(AwsClients.configure(DynamoDbClient.builder(), http))
                        .build(),
                table,
                Duration.ofDays(400),
                Retry.standard(),
                java.time.Clock.fixed(T0.plusSeconds(600), java.time.ZoneOffset.UTC));
    }

    @Test
    void aThrottledWriteIsRetriedAndTheDataArrives() {
        FaultyHttp http = new FaultyHttp().throttle("UpdateItem", AwsClients.MAX_ATTEMPTS - 1);

        storeBehind(http).append(List.of(sample("web", T0, 9)));

        assertThat(http.calls("UpdateItem")).isEqualTo(AwsClients.MAX_ATTEMPTS);
        assertThat(store.read("web", T0, T0.plusSeconds(1)))
                .extracting(LoadSample::value)
                .containsExactly(9.0);
    }

    @Test
    void aPermanentlyThrottledWriteFailsWithinItsBudgetAfterOneLayerOfRetries() {
        FaultyHttp http = new FaultyHttp().throttle("UpdateItem");
        long start = System.nanoTime();

        assertThatThrownBy(() -> storeBehind(http).append(List.of(sample("web", T0, 9))))
                .isInstanceOf(StoreWriteException.class)
                .hasMessageContaining("could not store 1 samples of web");

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        // One layer: the SDK's 3 attempts, not 8 x 9 = 72 attempts over 417 s. After the first throttle the adaptive
        // rate limiter sends at its floor of 0.5 a second, so the two retries wait about 2 s each (4.1-4.4 s measured
        // alone): the bound leaves room for a loaded machine, still far below the 417 s of two layers.
        assertThat(http.calls("UpdateItem")).isEqualTo(AwsClients.MAX_ATTEMPTS);
        assertThat(took).isLessThan(Duration.ofSeconds(15));
    }

    /**
     * A digest is handed out only while no sample has landed in a settled hour since it was built: a backfill into
     * an hour that ended over 20 minutes ago makes it stale; the re-read of the last minutes and a 15-minute pull do not. One Query
     * brings the digest, the revision and the last empty pull, and none of them is read as a sample.
     */
    @Test
    void aLateSampleInASettledHourMakesTheStoredDigestStaleAndRoutineWritesDoNot() {
        store = at("2026-11-30T12:10:00Z");
        store.append(List.of(sample("web", Instant.parse("2026-11-30T10:30:00Z"), 1)));
        HistoryDigests.Loaded first = store.load("web");
        assertThat(first.digest()).isEmpty();
        byte[] digest = {1, 2, 3};
        store.save("web", digest, first.revision());
        assertThat(store.load("web").digest())
                .hasValueSatisfying(d -> assertThat(d).containsExactly(digest));

        // At 12:10 the re-read of the last minutes lands in the hour that ended 10 minutes ago and the current one.
        store.append(List.of(
                sample("web", Instant.parse("2026-11-30T11:58:00Z"), 2),
                sample("web", Instant.parse("2026-11-30T12:05:00Z"), 3)));
        assertThat(store.load("web").digest()).as("routine re-read").isPresent();
        // Pulled every 15 minutes (the default), the first pull after the hour may come 19 minutes after it ended.
        at("2026-11-30T12:19:00Z").append(List.of(sample("web", Instant.parse("2026-11-30T11:59:00Z"), 2)));
        assertThat(store.load("web").digest()).as("routine 15-minute pull").isPresent();

        // At 12:20 hour 11 is settled: a backfill into it must be seen by the next run.
        at("2026-11-30T12:20:00Z").append(List.of(sample("web", Instant.parse("2026-11-30T11:59:00Z"), 4)));
        HistoryDigests.Loaded stale = store.load("web");
        assertThat(stale.digest()).as("backfill into a settled hour").isEmpty();
        store.save("web", digest, stale.revision());
        assertThat(store.load("web").digest()).as("rebuilt after the backfill").isPresent();

        Instant pulled = Instant.parse("2026-11-30T12:21:00Z");
        store.markPulled("web", pulled);
        assertThat(store.load("web").lastPulled()).contains(pulled);
        assertThat(store.latestTimestamp("web")).contains(Instant.parse("2026-11-30T12:05:00Z"));
        assertThat(store.read("web", Instant.parse("2026-11-30T00:00:00Z"), pulled))
                .hasSize(4);
    }

    private DynamoDbTimeSeriesStore at(String now) {
        return new DynamoDbTimeSeriesStore(
                dynamo,
                table,
                Duration.ofDays(400),
                FAST_RETRY,
                java.time.Clock.fixed(Instant.parse(now), java.time.ZoneOffset.UTC));
    }
}
