package io.predictivescaling.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceReaderTest {
    @Test
    void readsNabStyleTimestampsOntoARegularGridAndKeepsGapsAsGaps() {
        Trace t = TraceReader.parse("t", List.of("timestamp,value", "2014-07-01 00:00:00,10", "2014-07-01 00:30:00,",
                "2014-07-01 01:30:00,30"));

        assertThat(t.step()).isEqualTo(Duration.ofMinutes(30));
        assertThat(t.start()).isEqualTo(Instant.parse("2014-07-01T00:00:00Z"));
        assertThat(t.demand()).containsExactly(10, Double.NaN, Double.NaN, 30);
        assertThat(t.problems()).containsExactly("2 of 4 intervals have no data (gaps, not zero)");
    }

    @Test
    void badRowsNegativeValuesDuplicatesAndDisorderAreReportedNotGuessed() {
        Trace t = TraceReader.parse("t", List.of("timestamp,value",
                "1995-07-01T04:10:00Z,3", "1995-07-01T04:00:00Z,1", "1995-07-01T04:05:00Z,-2",
                "yesterday,5", "1995-07-01T04:05:00Z,2", "1995-07-01T04:15:00Z,NaN", "1995-07-01T04:20:00Z,4"));

        assertThat(t.step()).isEqualTo(Duration.ofMinutes(5));
        assertThat(t.demand()).containsExactly(1, 2, 3, Double.NaN, 4);
        assertThat(t.problems()).anySatisfy(p -> assertThat(p).contains("'yesterday' is not ISO-8601"))
                .anySatisfy(p -> assertThat(p).contains("value '-2' is not a load"))
                .anySatisfy(p -> assertThat(p).contains("value 'NaN' is not a load"))
                .anySatisfy(p -> assertThat(p).isEqualTo("1 duplicate timestamps: the last value was kept"))
                .anySatisfy(p -> assertThat(p).contains("out of order: sorted by time"));
    }

    @Test
    void aFileWithoutUsableRowsIsAClearError() {
        assertThatThrownBy(() -> TraceReader.parse("empty.csv", List.of("timestamp,value", "nonsense,1")))
                .hasMessage("empty.csv: fewer than two usable rows");
    }
}
