package io.predictivescaling.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/**
 * What every {@link TimeSeriesStore} does, run against the DynamoDB adapter (moto) and the in-memory fake, so a
 * service test on the fake proves what it would prove on the table.
 */
public abstract class TimeSeriesStoreContract {
    static final Instant T = Instant.parse("2026-03-02T10:00:00Z");

    /** A store with nothing in it. */
    protected abstract TimeSeriesStore store();

    static LoadSample at(String metric, Instant t, double v) {
        return new LoadSample(metric, t, v, "Count", "test");
    }

    static String metric() {
        return "m-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void readsAreInTimeOrderFromInclusiveToExclusiveAcrossHours() {
        TimeSeriesStore store = store();
        String m = metric();
        store.append(List.of(
                at(m, T.plusSeconds(3900), 3),
                at(m, T, 1),
                at(m, T.plusSeconds(60), 2),
                at(m, T.plusSeconds(7200), 4),
                at(metric(), T.plusSeconds(60), 99)));

        assertThat(store.read(m, T, T.plusSeconds(7200)))
                .extracting(LoadSample::timestamp, LoadSample::value)
                .containsExactly(
                        Tuple.tuple(T, 1.0),
                        Tuple.tuple(T.plusSeconds(60), 2.0),
                        Tuple.tuple(T.plusSeconds(3900), 3.0));
        assertThat(store.read(m, T.plusSeconds(7200), T)).isEmpty();
    }

    @Test
    void theSameSecondTwiceIsOneSampleAndTheLastWritten() {
        TimeSeriesStore store = store();
        String m = metric();

        int written = store.append(List.of(at(m, T.plusMillis(200), 5), at(m, T.plusMillis(700), 6)));
        store.append(List.of(at(m, T, 7)));

        assertThat(written).isEqualTo(1);
        assertThat(store.read(m, T, T.plusSeconds(60)))
                .extracting(LoadSample::timestamp, LoadSample::value)
                .containsExactly(Tuple.tuple(T, 7.0));
    }

    @Test
    void theLatestSampleAndTheLastPullAreKeptApart() {
        TimeSeriesStore store = store();
        String m = metric();
        assertThat(store.latestTimestamp(m)).isEmpty();

        store.append(List.of(at(m, T, 1), at(m, T.plus(Duration.ofHours(5)), 2)));
        store.markPulled(m, T.plus(Duration.ofDays(2)));

        assertThat(store.latestTimestamp(m)).contains(T.plus(Duration.ofHours(5)));
        assertThat(store.lastPulled(m)).contains(T.plus(Duration.ofDays(2)));
        assertThat(store.read(m, T, T.plus(Duration.ofDays(3)))).hasSize(2);
    }

    @Test
    void rollupsCountMeanAndMaxPerBucket() {
        TimeSeriesStore store = store();
        String m = metric();
        store.append(List.of(at(m, T, 10), at(m, T.plusSeconds(300), 30), at(m, T.plusSeconds(3600), 7)));

        List<Rollup> hourly = store.rollup(m, T, T.plus(Duration.ofHours(2)), Duration.ofHours(1));

        assertThat(hourly)
                .extracting(Rollup::start, Rollup::count, Rollup::mean, Rollup::max)
                .containsExactly(Tuple.tuple(T, 2, 20.0, 30.0), Tuple.tuple(T.plusSeconds(3600), 1, 7.0, 7.0));
    }
}
