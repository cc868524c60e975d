package io.predictivescaling.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Traces as people export them. The fixtures under {@code traces/} are the first three days of the NASA-HTTP
 * 5-minute request counts (Internet Traffic Archive, NASA Kennedy Space Center WWW server logs, July 1995),
 * written the ways CloudWatch, Grafana, Datadog, InfluxDB and spreadsheets export them; each must read to
 * exactly the same grid as {@code clean.csv}.
 */
class TraceReaderTest {
    static Path fixture(String name) {
        try {
            return Path.of(Objects.requireNonNull(TraceReaderTest.class.getResource("/traces/" + name))
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "bom.csv",
                "epoch-seconds.csv",
                "semicolon.csv",
                "quoted-header.csv",
                "cloudwatch-console-export.csv",
                "jitter.csv",
                "grafana-ms.csv",
                "grafana-long.csv",
                "datadog.csv",
                "tab-separated.tsv",
                "no-header.csv",
                "utf16-tab.txt",
                "influx-annotated.csv"
            })
    void everyExportShapeReadsToTheSameGridAsTheCleanFile(String file) {
        Trace clean = TraceReader.read(fixture("clean.csv"));

        Trace t = TraceReader.read(fixture(file));

        assertThat(clean.size()).isEqualTo(864);
        assertThat(t.size()).as("interval count").isEqualTo(clean.size());
        assertThat(t.step()).isEqualTo(Duration.ofMinutes(5));
        assertThat(t.start()).isEqualTo(Instant.parse("1995-07-01T04:00:00Z"));
        assertThat(t.demand()).containsExactly(clean.demand());
        assertThat(t.problems()).noneMatch(p -> p.contains("skipped") || p.contains("no data"));
    }

    @Test
    void jitteredTimestampsSnapOntoTheFiveMinuteGridAndSaySo() {
        Trace t = TraceReader.read(fixture("jitter.csv"));

        assertThat(t.step()).isEqualTo(Duration.ofMinutes(5));
        assertThat(t.problems()).anySatisfy(p -> assertThat(p).contains("snapped onto the PT5M grid"));
    }

    @Test
    void aSpreadsheetWithSepLineDecimalCommasAndAnOffsetReadsInUtc() {
        Trace clean = TraceReader.read(fixture("clean.csv"));

        Trace t = TraceReader.read(fixture("excel-decimal-comma.csv"));

        assertThat(t.start()).isEqualTo(Instant.parse("1995-07-01T04:00:00Z"));
        assertThat(t.size()).isEqualTo(clean.size());
        for (int i = 0; i < t.size(); i++) {
            assertThat(t.demand()[i]).isCloseTo(clean.demand()[i] / 60, within(0.011));
        }
    }

    @Test
    void severalSeriesReadTheFirstAndSayHowToChooseAnother() {
        Trace first = TraceReader.read(fixture("datadog.csv"));
        Trace latency = TraceReader.read(fixture("datadog.csv"), "timestamp", "3");

        assertThat(first.problems())
                .anySatisfy(p -> assertThat(p).contains("2 numeric columns").contains("--value-column"));
        assertThat(latency.demand()[0]).isEqualTo(0.1 + 301 % 7 / 100.0, within(1e-9));
        assertThat(TraceReader.read(fixture("grafana-long.csv")).problems())
                .anySatisfy(p ->
                        assertThat(p).contains("2 series in column 'Series'").contains("ErrorCount"));
        assertThatThrownBy(() -> TraceReader.read(fixture("datadog.csv"), null, "p99"))
                .hasMessageContaining("--value-column 'p99' is neither a column name");
    }

    @Test
    void aLongExportListingOneSeriesAfterTheOtherReadsOneSeriesNotTheirMix() {
        // Grafana's "Series;Time;Value" download lists each series whole, one after the other.
        List<String> lines = new ArrayList<>(List.of("\"Series\";\"Time\";\"Value\""));
        for (String series : List.of("RequestCount", "ErrorCount")) {
            for (int i = 0; i < 400; i++) {
                lines.add(String.format(
                        "\"%s\";\"%s\";%d",
                        series,
                        Instant.parse("1995-07-01T04:00:00Z").plusSeconds(300L * i),
                        series.equals("RequestCount") ? 100 + i : i % 3));
            }
        }

        Trace t = TraceReader.parse("grafana-long.csv", lines);

        assertThat(t.size()).isEqualTo(400);
        assertThat(t.demand()[0]).isEqualTo(100);
        assertThat(t.demand()[399]).isEqualTo(499);
        assertThat(t.problems())
                .anySatisfy(p ->
                        assertThat(p).contains("2 series in column 'Series'").contains("ErrorCount"))
                .noneMatch(p -> p.contains("duplicate"));
    }

    @Test
    void metricExportsSavedAsJsonReadToTheSameGridAsTheirCsv() {
        String[] times = {"1995-07-01T04:00:00Z", "1995-07-01T04:05:00Z", "1995-07-01T04:10:00Z", "1995-07-01T04:15:00Z"
        };
        long epoch = Instant.parse(times[0]).getEpochSecond();
        // aws cloudwatch get-metric-data writes newest first
        Trace cloudWatch = TraceReader.parse(
                "get-metric-data.json",
                List.of(
                        "{\"MetricDataResults\": [{\"Id\": \"m1\", \"Label\": \"RequestCount\",",
                        "\"Timestamps\": [\"1995-07-01T04:15:00+00:00\", \"1995-07-01T04:10:00+00:00\","
                                + " \"1995-07-01T04:05:00+00:00\", \"1995-07-01T04:00:00+00:00\"],",
                        "\"Values\": [282.0, 242.0, 267.0, 301.0], \"StatusCode\": \"Complete\"}], \"Messages\": []}"));
        Trace prometheus = TraceReader.parse(
                "query_range.json",
                List.of("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":"
                        + "{\"job\":\"api\"},\"values\":[[" + epoch + ".781,\"301\"],[" + (epoch + 300)
                        + ".781,\"267\"],["
                        + (epoch + 600) + ".781,\"NaN\"],[" + (epoch + 900)
                        + ".781,\"282\"]]},{\"metric\":{\"job\":\"web\"},"
                        + "\"values\":[]}]}}"));
        Trace statistics = TraceReader.parse(
                "get-metric-statistics.json",
                List.of(
                        "{\"Label\": \"RequestCount\", \"Datapoints\": [",
                        "{\"Timestamp\": \"" + times[2] + "\", \"Sum\": 242.0, \"Unit\": \"Count\"},",
                        "{\"Timestamp\": \"" + times[0] + "\", \"Sum\": 301.0, \"Unit\": \"Count\"},",
                        "{\"Timestamp\": \"" + times[1] + "\", \"Sum\": 267.0, \"Unit\": \"Count\"},",
                        "{\"Timestamp\": \"" + times[3] + "\", \"Sum\": 282.0, \"Unit\": \"Count\"}]}"));

        for (Trace t : List.of(cloudWatch, statistics)) {
            assertThat(t.start()).as(t.name()).isEqualTo(Instant.parse(times[0]));
            assertThat(t.step()).as(t.name()).isEqualTo(Duration.ofMinutes(5));
            assertThat(t.demand()).as(t.name()).containsExactly(301, 267, 242, 282);
        }
        assertThat(prometheus.start()).isEqualTo(Instant.parse(times[0]));
        assertThat(prometheus.demand()).containsExactly(301, 267, Double.NaN, 282);
        assertThat(prometheus.problems())
                .anySatisfy(p -> assertThat(p).contains("2 series").contains("left out [{\"job\":\"web\"}]"));
        assertThatThrownBy(() -> TraceReader.parse(
                        "instant.json",
                        List.of("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}")))
                .hasMessageContaining("save /api/v1/query_range");
        assertThatThrownBy(() -> TraceReader.parse("other.json", List.of("{\"rows\": [1, 2]}")))
                .hasMessage(
                        "other.json: JSON that is no metric export read here (Prometheus query_range, aws cloudwatch"
                                + " get-metric-data or get-metric-statistics, Datadog query, az monitor metrics list): export"
                                + " CSV (timestamp,value)");
    }

    @Test
    void aSpreadsheetsEmptyRowsAreNoRejectedData() {
        Trace t = TraceReader.parse(
                "excel.csv",
                List.of("Zeit;Wert", "2026-11-01 00:00;301", ";", "2026-11-01 00:05;267", "   ", ";", ";;"));

        assertThat(t.demand()).containsExactly(301, 267);
        assertThat(t.problems()).isEmpty();
    }

    /** A spreadsheet saved in the Windows code page: its accented header names read as written. */
    @Test
    void aWindows1252ExportsAccentedColumnNameCanBeChosen(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        String text = "Zeit;Anfragen (Ø);Fehler\n2026-11-27 14:00;120;1\n2026-11-27 14:05;130;2\n"
                + "2026-11-27 14:10;125;0\n";
        Path f = java.nio.file.Files.write(
                dir.resolve("export.csv"), text.getBytes(java.nio.charset.Charset.forName("windows-1252")));

        Trace t = TraceReader.read(f, null, "Anfragen (Ø)");

        assertThat(t.demand()).containsExactly(120, 130, 125);
    }

    @Test
    void utf16WithoutAByteOrderMarkReadsLikeTheCleanFile(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Trace clean = TraceReader.read(fixture("clean.csv"));
        String text = java.nio.file.Files.readString(fixture("clean.csv"));
        for (var charset :
                List.of(java.nio.charset.StandardCharsets.UTF_16LE, java.nio.charset.StandardCharsets.UTF_16BE)) {
            Path f = java.nio.file.Files.write(dir.resolve(charset + ".csv"), text.getBytes(charset));

            Trace t = TraceReader.read(f);

            assertThat(t.demand()).as(charset.name()).containsExactly(clean.demand());
            assertThat(t.start()).isEqualTo(clean.start());
        }
    }

    @Test
    void anotherSeriesOfALongExportIsChosenByName(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path grafana = java.nio.file.Files.write(
                dir.resolve("grafana.csv"),
                List.of(
                        "\"Series\";\"Time\";\"Value\"",
                        "\"RequestCount\";\"2026-11-01T00:00:00+00:00\";301",
                        "\"RequestCount\";\"2026-11-01T00:05:00+00:00\";267",
                        "\"ErrorCount\";\"2026-11-01T00:00:00+00:00\";3",
                        "\"ErrorCount\";\"2026-11-01T00:05:00+00:00\";5"));
        Path prometheus = java.nio.file.Files.writeString(
                dir.resolve("query_range.json"),
                "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":["
                        + "{\"metric\":{\"job\":\"api\"},\"values\":[[1793491200,\"301\"],[1793491500,\"267\"]]},"
                        + "{\"metric\":{\"job\":\"web\"},\"values\":[[1793491200,\"3\"],[1793491500,\"5\"]]}]}}");

        Trace errors = TraceReader.read(grafana, null, null, "errorcount");
        Trace web = TraceReader.read(prometheus, null, null, "web");

        assertThat(errors.demand()).containsExactly(3, 5);
        assertThat(errors.problems())
                .anySatisfy(p -> assertThat(p)
                        .contains("read 'ErrorCount', left out [RequestCount] (choose another " + "with --series)"));
        assertThat(web.demand()).containsExactly(3, 5);
        assertThatThrownBy(() -> TraceReader.read(grafana, null, null, "Latency"))
                .hasMessage("grafana.csv: --series 'Latency' is none of the series in column 'Series': "
                        + "[RequestCount, ErrorCount]");
        assertThatThrownBy(() -> TraceReader.read(fixture("clean.csv"), null, null, "RequestCount"))
                .hasMessageContaining("the file has no column of series names");
    }

    @Test
    void anM4FileGivenAsATraceSaysWhatItIsAndWhereItGoes(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path m4 = java.nio.file.Files.writeString(
                dir.resolve("Hourly-train.csv"), "\"V1\",\"V2\",\"V3\"\n\"H1\",\"605\",\"586\"\n");

        assertThatThrownBy(() -> TraceReader.read(m4))
                .hasMessageContaining("is an M4 file (a series a row, no timestamps), not a trace")
                .hasMessageContaining("forecast-m4 / backtest-m4");
    }

    @Test
    void spreadsheetDatesReadDayOrMonthFirstAsTheFileShows() {
        Trace european = TraceReader.parse(
                "eu.csv", List.of("Datum;Last", "12.11.2026 23:00;1", "13.11.2026 00:00;2", "13.11.2026 01:00;3"));
        Trace us = TraceReader.parse(
                "us.csv",
                List.of(
                        "Date,Load",
                        "11/12/2026 11:00:00 PM,1",
                        "11/13/2026 12:00:00 AM,2",
                        "11/13/2026 1:00:00 AM,3"));

        assertThat(european.start()).isEqualTo(Instant.parse("2026-11-12T23:00:00Z"));
        assertThat(european.step()).isEqualTo(Duration.ofHours(1));
        assertThat(us.start()).isEqualTo(Instant.parse("2026-11-12T23:00:00Z"));
        assertThat(us.demand()).containsExactly(1, 2, 3);
    }

    @Test
    void dayFirstDatesAreReadDayFirstEvenWhenTheFirstDaysOfTheExportAreAllTwelveOrLess() {
        // Two weeks of 5-minute data from the 1st: a day above 12 appears only after 3,456 rows, and for the first
        // twelve days only the spacing tells the order (month first would jump a month at every midnight).
        List<String> twoWeeks = new ArrayList<>(List.of("time,load"));
        List<String> twelveDays = new ArrayList<>(List.of("time,load"));
        java.time.format.DateTimeFormatter f = java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");
        for (int i = 0; i < 14 * 288; i++) {
            String row =
                    f.format(java.time.LocalDateTime.of(1995, 7, 1, 0, 0).plusMinutes(5L * i)) + "," + (100 + i % 288);
            twoWeeks.add(row);
            if (i < 12 * 288) {
                twelveDays.add(row);
            }
        }

        Trace t = TraceReader.parse("ddmm.csv", twoWeeks);
        Trace early = TraceReader.parse("ddmm-12.csv", twelveDays);

        assertThat(t.start()).isEqualTo(Instant.parse("1995-07-01T00:00:00Z"));
        assertThat(t.size()).isEqualTo(14 * 288);
        assertThat(t.step()).isEqualTo(Duration.ofMinutes(5));
        assertThat(early.start()).isEqualTo(Instant.parse("1995-07-01T00:00:00Z"));
        assertThat(early.size()).isEqualTo(12 * 288);
    }

    @Test
    void thousandsSeparatorsReadAlikeOnEveryRowOfAColumn() {
        // A spreadsheet's grouped numbers: 307.007 beside 1.043.007 is three hundred thousand, not 307.
        Trace german = TraceReader.parse(
                "de.csv", List.of("Zeit;Anfragen", "2026-11-01 00:00;307.007", "2026-11-01 00:05;1.043.007"));
        Trace usTab = TraceReader.parse(
                "us.tsv", List.of("time\tcount", "2026-11-01 00:00\t307,007", "2026-11-01 00:05\t1,043,007"));
        Trace french = TraceReader.parse(
                "fr.csv",
                List.of("temps;valeur", "2026-11-01 00:00;307\u00a0007", "2026-11-01 00:05;1\u00a0043\u00a0007"));
        Trace swiss = TraceReader.parse(
                "ch.csv", List.of("Zeit;Wert", "2026-11-01 00:00;307'007", "2026-11-01 00:05;1'043'007"));

        for (Trace t : List.of(german, usTab, french, swiss)) {
            assertThat(t.demand()).as(t.name()).containsExactly(307_007, 1_043_007);
            assertThat(t.problems()).as(t.name()).noneMatch(p -> p.contains("skipped"));
        }
        assertThat(usTab.problems()).anySatisfy(p -> assertThat(p).contains("',' read as the thousands separator"));
        assertThat(TraceReader.parse("ms.csv", List.of("t;latency", "2026-11-01 00:00;0.125", "2026-11-01 00:05;1.250"))
                        .demand())
                .as("decimals with three places stay decimals")
                .containsExactly(0.125, 1.25);
        assertThat(TraceReader.parse("q.csv", List.of("t,v", "2026-11-01 00:00,\"1,5\"", "2026-11-01 00:05,\"12,25\""))
                        .demand())
                .as("a quoted decimal comma in a comma file")
                .containsExactly(1.5, 12.25);
    }

    @Test
    void valuesWrittenWithTheirUnitReadAsTheNumber() {
        Trace t = TraceReader.parse(
                "latency.csv",
                List.of(
                        "time,latency",
                        "2026-11-01 00:00,301 ms",
                        "2026-11-01 00:05,12.5ms",
                        "2026-11-01 00:10,40 req/s"));

        assertThat(t.demand()).containsExactly(301, 12.5, 40);
    }

    /** Rows every 15 minutes of local wall-clock time, {@code hours} long from {@code from}, valued 1, 2, 3, ... */
    private static List<String> wallClockRows(
            java.time.LocalDateTime from, java.time.ZoneId zone, int hours, java.time.format.DateTimeFormatter format) {
        List<String> rows = new ArrayList<>(List.of("time,requests"));
        java.time.ZonedDateTime t = from.atZone(zone);
        for (int i = 0; i < hours * 4; i++) {
            rows.add(t.toLocalDateTime().format(format) + "," + (i + 1));
            t = t.plusMinutes(15);
        }
        return rows;
    }

    @Test
    void localTimestampsReadInTheirZoneFollowDaylightSavingWithoutDuplicatesOrGaps() {
        // A browser or console export in New York time: no offset written, the hour 01:00-02:00 written twice
        // when clocks go back (2026-11-01) and 02:00-03:00 never written when they go forward (2026-03-08).
        java.time.ZoneId newYork = java.time.ZoneId.of("America/New_York");
        var iso = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
        var spreadsheet = java.time.format.DateTimeFormatter.ofPattern("M/d/yyyy h:mm:ss a", java.util.Locale.US);
        for (var format : List.of(iso, spreadsheet)) {
            List<String> back = wallClockRows(java.time.LocalDateTime.parse("2026-10-31T22:00"), newYork, 8, format);
            assertThat(back)
                    .filteredOn(r -> r.startsWith("11/1/2026 1:15:00 AM") || r.startsWith("2026-11-01 01:15:00"))
                    .hasSize(2);

            Trace t = TraceReader.parse("back", back, newYork);

            assertThat(t.start()).isEqualTo(Instant.parse("2026-11-01T02:00:00Z"));
            assertThat(t.step()).isEqualTo(Duration.ofMinutes(15));
            assertThat(t.size()).as("every row its own interval").isEqualTo(32);
            assertThat(t.demand()[31]).isEqualTo(32);
            assertThat(t.problems()).isEmpty();
            List<String> newestFirst = new ArrayList<>(back.subList(1, back.size()));
            java.util.Collections.reverse(newestFirst);
            newestFirst.add(0, back.get(0));

            Trace reversed = TraceReader.parse("newest-first", newestFirst, newYork);

            assertThat(reversed.start()).isEqualTo(t.start());
            assertThat(reversed.demand()).containsExactly(t.demand());
            assertThat(reversed.problems()).containsExactly("rows run newest first: sorted by time");

            List<String> forward = wallClockRows(java.time.LocalDateTime.parse("2026-03-07T22:00"), newYork, 8, format);
            assertThat(forward)
                    .noneMatch(r -> r.startsWith("3/8/2026 2:15:00 AM") || r.startsWith("2026-03-08 02:15:00"));

            Trace f = TraceReader.parse("forward", forward, newYork);

            assertThat(f.start()).isEqualTo(Instant.parse("2026-03-08T03:00:00Z"));
            assertThat(f.size()).isEqualTo(32);
            assertThat(f.demand()).doesNotContain(Double.NaN);
            assertThat(f.problems()).isEmpty();
        }
    }

    @Test
    void withoutAZoneLocalTimesReadAsUtcAndARepeatedHourSaysWhichOptionReadsThemRight() {
        List<String> back = wallClockRows(
                java.time.LocalDateTime.parse("2026-10-31T22:00"),
                java.time.ZoneId.of("America/New_York"),
                8,
                java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));

        Trace t = TraceReader.parse("back", back);

        assertThat(t.start()).isEqualTo(Instant.parse("2026-10-31T22:00:00Z"));
        assertThat(t.problems())
                .anySatisfy(p -> assertThat(p)
                        .startsWith("4 duplicate timestamps: the last value was kept")
                        .contains("read as UTC")
                        .contains("--timestamp-zone"));
    }

    @Test
    void timestampsThatSayTheirOffsetOrAreEpochNumbersIgnoreTheZone() {
        java.time.ZoneId berlin = java.time.ZoneId.of("Europe/Berlin");
        for (List<String> rows : List.of(
                List.of("t,v", "2026-11-01T10:00:00Z,1", "2026-11-01T10:05:00Z,2", "2026-11-01T10:10:00Z,3"),
                List.of("t,v", "2026-11-01 10:00:00 UTC,1", "2026-11-01 10:05:00 UTC,2", "2026-11-01 10:10:00 UTC,3"),
                List.of("t,v", "2026-11-01 05:00-05:00,1", "2026-11-01 05:05-05:00,2", "2026-11-01 05:10-05:00,3"),
                List.of("t,v", "1793527200,1", "1793527500,2", "1793527800,3"))) {
            Trace t = TraceReader.parse("t", rows, berlin);

            assertThat(t.start()).as(rows.get(1)).isEqualTo(Instant.parse("2026-11-01T10:00:00Z"));
            assertThat(t.size()).isEqualTo(3);
        }
        assertThat(TraceReader.parse("t", List.of("t,v", "2026-11-01 10:00,1", "2026-11-01 10:05,2"), berlin)
                        .start())
                .as("local: Berlin is UTC+1 in November")
                .isEqualTo(Instant.parse("2026-11-01T09:00:00Z"));
    }

    @Test
    void readsNabStyleTimestampsOntoARegularGridAndKeepsGapsAsGaps() {
        Trace t = TraceReader.parse(
                "t",
                List.of(
                        "timestamp,value",
                        "2014-07-01 00:00:00,10",
                        "2014-07-01 00:30:00,",
                        "2014-07-01 01:30:00,30",
                        "2014-07-01 02:00:00,null"));

        assertThat(t.step()).isEqualTo(Duration.ofMinutes(30));
        assertThat(t.start()).isEqualTo(Instant.parse("2014-07-01T00:00:00Z"));
        assertThat(t.demand()).containsExactly(10, Double.NaN, Double.NaN, 30, Double.NaN);
        assertThat(t.problems()).containsExactly("3 of 5 intervals have no data (gaps, not zero)");
    }

    @Test
    void unusableRowsAreCountedByCauseWithTheFirstFewShown() {
        List<String> lines = new ArrayList<>(List.of("timestamp,value"));
        for (int i = 0; i < 40; i++) {
            lines.add(String.format("1995-07-01T%02d:%02d:00Z,%d", 4 + i / 12, i % 12 * 5, 10 + i));
        }
        lines.addAll(List.of(
                "yesterday,5",
                "1995-07-01T04:05:00Z,-2",
                "1995-07-01T04:10:00Z,lots",
                "soon,1",
                "later,1",
                "never,1",
                "1995-07-01T04:15:00Z,NaN",
                "1995-07-01T04:20:00Z,4",
                "1995-07-01T04:20:00Z,5"));

        Trace t = TraceReader.parse("t", lines);

        assertThat(t.problems())
                .contains(
                        "4 rows with a timestamp that is not ISO-8601, yyyy-MM-dd HH:mm[:ss] nor epoch s/ms: skipped "
                                + "(row 42 'yesterday', row 45 'soon', row 46 'later', ...)",
                        "2 rows with a value that is not a number: skipped (row 44 'lots', row 48 'NaN')",
                        "1 row with a negative or infinite value (not a load): skipped (row 43 '-2')",
                        "2 duplicate timestamps: the last value was kept",
                        "1 rows out of order: sorted by time");
        assertThat(t.demand()[4]).isEqualTo(5);
        assertThat(t.demand()[1]).as("the good row for 04:05 is kept").isEqualTo(11);
    }

    @Test
    void aTimestampOffTheStandardPeriodSnapsAndTheIntervalIsRoundedToIt() {
        // A 1-minute exporter whose clock drifts: spacing 58-62 s is a 1-minute metric.
        List<String> lines = new ArrayList<>(List.of("ts,v"));
        long t0 = Instant.parse("2026-01-05T00:00:00Z").getEpochSecond();
        for (int i = 0; i < 600; i++) {
            lines.add((t0 + 60L * i + (i % 5 - 2)) * 1000 + "," + (100 + i % 60));
        }

        Trace t = TraceReader.parse("drift", lines);

        assertThat(t.step()).isEqualTo(Duration.ofMinutes(1));
        assertThat(t.start()).isEqualTo(Instant.parse("2026-01-05T00:00:00Z"));
        assertThat(t.size()).isEqualTo(600);
        assertThat(t.demand()).doesNotContain(Double.NaN);
    }

    @Test
    void aConstantOrAllZeroTraceIsRefusedWithTheReason() {
        assertThatThrownBy(() -> TraceReader.parse(
                        "zeros.csv",
                        List.of(
                                "timestamp,value",
                                "2026-01-01T00:00:00Z,0",
                                "2026-01-01T00:05:00Z,0",
                                "2026-01-01T00:10:00Z,")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("zeros.csv: every value of column 'value' is 0: there is no load to scale on "
                        + "(wrong column? choose it with --value-column)");
        assertThatThrownBy(() -> TraceReader.parse(
                        "flat.csv", List.of("timestamp,value", "2026-01-01T00:00:00Z,7", "2026-01-01T00:05:00Z,7")))
                .hasMessageContaining("every value of column 'value' is 7.0: a constant trace has no pattern");
    }

    @Test
    void aShortOrGappyTraceStillReadsButWarns() {
        List<String> shortTrace = new ArrayList<>(List.of("timestamp,value"));
        for (int i = 0; i < 288; i++) {
            shortTrace.add(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(300L * i) + "," + (i % 50));
        }
        List<String> gappy = new ArrayList<>(List.of("timestamp,value"));
        for (int i = 0; i < 3 * 288; i++) {
            gappy.add(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(300L * i) + "," + (i % 3 == 0 ? "" : i % 50));
        }

        assertThat(TraceReader.parse("day.csv", shortTrace).warnings())
                .singleElement()
                .asString()
                .startsWith("only 24h of data (under 2 days)");
        assertThat(TraceReader.parse("gappy.csv", gappy).warnings())
                .singleElement()
                .asString()
                .startsWith("33% of the 864 intervals are gaps (over 20%)");
        assertThat(TraceReader.read(fixture("clean.csv")).warnings()).isEmpty();
    }

    @Test
    void aFileWithoutUsableRowsIsAClearError() {
        assertThatThrownBy(() -> TraceReader.parse("empty.csv", List.of("timestamp,value", "nonsense,1")))
                .hasMessageContaining("empty.csv: no column of timestamps found");
        assertThatThrownBy(() -> TraceReader.parse("one.csv", List.of("timestamp,value", "2026-01-01T00:00:00Z,1")))
                .hasMessageStartingWith("one.csv: fewer than two");
    }

    @Test
    void getMetricDataPagesTheCliJoinedReadAsOneSeries() {
        // The AWS CLI pages through GetMetricData and joins the pages' MetricDataResults: each Id once a page.
        String page2 = "{\"Id\": \"m1\", \"Label\": \"RequestCount\", \"Timestamps\": [\"2026-11-27T14:05:00+00:00\","
                + " \"2026-11-27T14:00:00+00:00\"], \"Values\": [242.0, 267.0], \"StatusCode\": \"Complete\"}";
        Trace t = TraceReader.parse(
                "get-metric-data.json",
                List.of(
                        "{\"MetricDataResults\": [",
                        "{\"Id\": \"m1\", \"Label\": \"RequestCount\", \"Timestamps\": [\"2026-11-27T14:15:00+00:00\","
                                + " \"2026-11-27T14:10:00+00:00\"], \"Values\": [282.0, 301.0], \"StatusCode\":"
                                + " \"PartialData\"},",
                        "{\"Id\": \"m2\", \"Label\": \"5XX\", \"Timestamps\": [\"2026-11-27T14:15:00+00:00\"],"
                                + " \"Values\": [1.0], \"StatusCode\": \"PartialData\"},",
                        page2 + ",",
                        page2.replace("m1", "m2").replace("RequestCount", "5XX") + "], \"Messages\": []}"));

        assertThat(t.start()).isEqualTo(Instant.parse("2026-11-27T14:00:00Z"));
        assertThat(t.demand()).containsExactly(267, 242, 301, 282);
        assertThat(t.problems())
                .containsExactly("the file holds 2 series in MetricDataResults: read RequestCount, left out [5XX]"
                        + " (choose another with --series)");
    }

    @Test
    void aSecondColumnOfEpochTimesIsNotTheLoad() {
        // New Relic's NRQL TIMESERIES export: the interval's start and end, then the value
        Trace t = TraceReader.parse(
                "newrelic.csv",
                List.of(
                        "beginTimeSeconds,endTimeSeconds,count",
                        "1795788000,1795788300,301",
                        "1795788300,1795788600,267",
                        "1795788600,1795788900,242"));

        assertThat(t.start()).isEqualTo(Instant.ofEpochSecond(1795788000));
        assertThat(t.demand()).containsExactly(301, 267, 242);
    }

    @Test
    void tablesOfAnInfluxExportEachUnderItsOwnHeaderReadAsSeries() {
        String annotations = "#group,false,false,true,true,false,false,true,true,true\n"
                + "#datatype,string,long,dateTime:RFC3339,dateTime:RFC3339,dateTime:RFC3339,double,string,string,"
                + "string\n#default,_result,,,,,,,,\n,result,table,_start,_stop,_time,_value,_field,_measurement,host";
        List<String> lines = new ArrayList<>();
        for (int table = 0; table < 2; table++) {
            lines.add(annotations);
            for (int i = 0; i < 3; i++) {
                lines.add(",," + table + ",2026-11-27T14:00:00Z,2026-11-27T15:00:00Z,2026-11-27T14:"
                        + String.format("%02d", 5 * i) + ":00Z," + (table == 0 ? new int[] {301, 267, 242}[i] : 900 + i)
                        + ",usage,cpu," + (table == 0 ? "a" : "b"));
            }
            lines.add("");
        }

        Trace t = TraceReader.parse("influx.csv", lines);

        assertThat(t.demand()).containsExactly(301, 267, 242);
        assertThat(t.problems())
                .contains("1 row repeats the header (one per table of the export): skipped")
                .anySatisfy(p -> assertThat(p).contains("2 series in column 'host': read 'a', left out [b]"))
                .noneMatch(p -> p.contains("duplicate"));
        assertThat(TraceReader.read(fixture("influx-annotated.csv")).problems())
                .noneMatch(p -> p.contains("repeats the header"));
    }

    @Test
    void valuesAGrafanaDisplayScaledEachByItselfReadInOneUnit() {
        Trace counts = TraceReader.parse(
                "grafana.csv",
                List.of(
                        "\"Time\",\"requests\"",
                        "2026-11-27 14:00:00,980",
                        "2026-11-27 14:05:00,1.23 K",
                        "2026-11-27 14:10:00,2.5 Mil"));
        Trace bytes = TraceReader.parse(
                "grafana-net.csv",
                List.of(
                        "Time,net",
                        "2026-11-27 14:00:00,950 kB/s",
                        "2026-11-27 14:05:00,1.2 MB/s",
                        "2026-11-27 14:10:00,1.5 KiB/s"));
        Trace durations = TraceReader.parse(
                "grafana-latency.csv",
                List.of(
                        "Time,p99",
                        "2026-11-27 14:00:00,301 ms",
                        "2026-11-27 14:05:00,1.20 s",
                        "2026-11-27 14:10:00,2 min"));
        Trace oneUnit = TraceReader.parse(
                "ms.csv", List.of("Time,p99", "2026-11-27 14:00:00,301 ms", "2026-11-27 14:05:00,267 ms"));

        assertThat(counts.demand()).containsExactly(980, 1230, 2_500_000);
        assertThat(counts.problems())
                .containsExactly("column 'requests' writes its values in several units ([none, K, Mil]): each read"
                        + " in the base unit, '1.23 K' as 1230.0");
        assertThat(bytes.demand()).containsExactly(950_000, 1_200_000, 1536);
        assertThat(durations.demand()[0]).isCloseTo(0.301, within(1e-9));
        assertThat(durations.demand()).endsWith(1.2, 120);
        assertThat(TraceReader.parse(
                                "grafana-latency.csv",
                                List.of("Time,p99", "2026-11-27 14:00:00,968 ms", "2026-11-27 14:05:00,1.204 s"))
                        .demand())
                .as("a scaled value's three decimals are no thousands")
                .containsExactly(0.968, 1.204);
        assertThat(TraceReader.parse(
                                "grafana-reqps.csv",
                                List.of(
                                        "Time,api",
                                        "2026-11-27 14:00:00,980 req/s",
                                        "2026-11-27 14:05:00,1.20 K req/s"))
                        .demand())
                .as("a scale word before the unit")
                .containsExactly(980, 1200);
        assertThat(oneUnit.demand()).containsExactly(301, 267);
        assertThat(oneUnit.problems()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Fri, 27 Nov 2026 14:05:00 GMT", // RFC 1123 (HTTP, e-mail)
                "Fri Nov 27 14:05:00 UTC 2026", // the Unix date command
                "2026-11-27T14:05:00Z[UTC]", // Java's ZonedDateTime
                "2026-11-27T15:05:00+01:00[Europe/Berlin]",
                "20261127T140500Z", // ISO-8601 basic
                "27/Nov/2026:14:05:00 +0000", // a web server's access log
                "Nov 27, 2026, 2:05:00 PM", // a US medium date (browsers, Java)
                "Nov 27, 2026 2:05 PM",
                "27-Nov-2026 14:05:00", // Oracle, Excel's dd-mmm-yyyy
                "27 Nov 2026 14:05",
                "November 27, 2026 at 2:05 PM", // a full month name, as macOS and Google Sheets write it
                "2026-11-27 14:05:00 +0000 UTC", // Go's time.Time
                "2026-11-27 15:05:00.000000 +0100 CET",
                "Nov 27, 2026 @ 14:05:00.000", // Kibana
                "Friday, November 27, 2026 2:05 PM", // Excel's long date
                "2026-11-27 14:05:00,000", // log4j, ISO-8601's decimal comma
                "2026-11-27T14:05:00,000Z"
            })
    void dateTimesWrittenWithMonthNamesOrZonesRead(String written) {
        Instant first = Instant.parse("2026-11-27T14:05:00Z");
        List<String> lines = new ArrayList<>(List.of("time,value"));
        for (int i = 0; i < 3; i++) {
            String w = i == 0
                    ? written
                    : written.replace("14:05", "14:" + (5 + 5 * i))
                            .replace("15:05", "15:" + (5 + 5 * i))
                            .replace("140500", "14" + (5 + 5 * i) + "00")
                            .replace("2:05", "2:" + (5 + 5 * i));
            lines.add("\"" + w + "\"," + (300 + i));
        }

        Trace t = TraceReader.parse("named.csv", lines);

        assertThat(t.start()).isEqualTo(first);
        assertThat(t.step()).isEqualTo(Duration.ofMinutes(5));
        assertThat(t.demand()).containsExactly(300, 301, 302);
    }

    @Test
    void prometheusInfinitiesAreCountedAsNoLoad() {
        Trace t = TraceReader.parse(
                "query_range.json",
                List.of("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":{},"
                        + "\"values\":[[1795788000,\"301\"],[1795788300,\"+Inf\"],[1795788600,\"242\"],"
                        + "[1795788900,\"-Inf\"],[1795789200,\"282\"]]}]}}"));

        assertThat(t.demand()).containsExactly(301, 242, 282);
        assertThat(t.problems())
                .contains("2 points with a negative or infinite value (not a load): skipped")
                .noneMatch(p -> p.contains("not a number"));
    }

    @Test
    void moreMetricApisJsonReads() {
        long t0 = 1795788000L;
        Trace cliEpochs = TraceReader.parse(
                "get-metric-data.json",
                List.of("{\"MetricDataResults\": [{\"Id\": \"m1\", \"Label\": \"RequestCount\", \"Timestamps\": ["
                        + (t0 + 600) + ".0, " + (t0 + 300) + ".0, " + t0 + ".0], \"Values\": [242.0, 267.0, 301.0],"
                        + " \"StatusCode\": \"Complete\"}]}"));
        Trace datadogV2 = TraceReader.parse(
                "timeseries.json",
                List.of("{\"data\": {\"type\": \"timeseries_response\", \"attributes\": {\"series\": [{\"group_tags\":"
                        + " [\"service:web\"], \"query_index\": 0}, {\"group_tags\": [\"service:api\"], \"query_index\":"
                        + " 0}], \"times\": [" + t0 * 1000 + ", " + (t0 + 300) * 1000 + ", " + (t0 + 600) * 1000 + "],"
                        + " \"values\": [[301.0, null, 242.0], [1.0, 2.0, 3.0]]}}}"));
        Trace azure = TraceReader.parse(
                "az-metrics.json",
                List.of("{\"interval\": \"PT5M\", \"value\": [{\"name\": {\"value\": \"Requests\"}, \"timeseries\":"
                        + " [{\"metadatavalues\": [], \"data\": [{\"timeStamp\": \"2026-11-27T14:00:00+00:00\", \"total\":"
                        + " 301.0, \"average\": 1.0}, {\"timeStamp\": \"2026-11-27T14:05:00+00:00\"}, {\"timeStamp\":"
                        + " \"2026-11-27T14:10:00+00:00\", \"total\": 242.0, \"average\": 2.0}]}]}]}"));

        assertThat(cliEpochs.start()).isEqualTo(Instant.ofEpochSecond(t0));
        assertThat(cliEpochs.demand()).containsExactly(301, 267, 242);
        assertThat(datadogV2.start()).isEqualTo(Instant.ofEpochSecond(t0));
        assertThat(datadogV2.demand()).containsExactly(301, Double.NaN, 242);
        assertThat(datadogV2.problems())
                .anySatisfy(
                        p -> assertThat(p).contains("read query 1 [service:web], left out [query 1 [service:api]]"));
        assertThat(azure.start()).isEqualTo(Instant.parse("2026-11-27T14:00:00Z"));
        assertThat(azure.demand()).containsExactly(301, Double.NaN, 242);
        assertThat(azure.problems()).contains("Azure Monitor points hold [total, average]: read total");
    }

    @Test
    void aDateColumnASpreadsheetSavedAsNumbersReadsAsLocalTimes() {
        // 46353.5868055556 is 2026-11-27 14:05 in Excel's, LibreOffice's and Google Sheets' day count
        List<String> lines =
                List.of("Date,Requests", "46353.5868055556,301", "46353.5902777778,267", "46353.59375,242");

        Trace utc = TraceReader.parse("sheet.csv", lines);
        Trace berlin = TraceReader.parse("sheet.csv", lines, java.time.ZoneId.of("Europe/Berlin"));

        assertThat(utc.start()).isEqualTo(Instant.parse("2026-11-27T14:05:00Z"));
        assertThat(utc.step()).isEqualTo(Duration.ofMinutes(5));
        assertThat(utc.demand()).containsExactly(301, 267, 242);
        assertThat(utc.problems()).anySatisfy(p -> assertThat(p).contains("spreadsheet serial dates"));
        assertThat(berlin.start()).isEqualTo(Instant.parse("2026-11-27T13:05:00Z"));
        assertThatThrownBy(() -> TraceReader.parse("counts.csv", List.of("id,count", "46353.5,301", "46354.5,267")))
                .as("numbers under a header that names no time are no dates")
                .hasMessageContaining("no column of timestamps found");
    }

    @Test
    void aDateAndItsTimeOfDayInTwoColumnsReadTogether() {
        Trace iso = TraceReader.parse(
                "split.csv",
                List.of(
                        "Date,Time,Requests",
                        "2026-11-27,14:05:00,301",
                        "2026-11-27,14:10:00,267",
                        "2026-11-27,14:15:00,242"));
        Trace german = TraceReader.parse(
                "split-de.csv",
                List.of(
                        "Datum;Uhrzeit;Anfragen",
                        "27.11.2026;14:05;301",
                        "27.11.2026;14:10;267",
                        "27.11.2026;14:15;242"));

        for (Trace t : List.of(iso, german)) {
            assertThat(t.start()).as(t.name()).isEqualTo(Instant.parse("2026-11-27T14:05:00Z"));
            assertThat(t.step()).as(t.name()).isEqualTo(Duration.ofMinutes(5));
            assertThat(t.demand()).as(t.name()).containsExactly(301, 267, 242);
        }
        assertThat(iso.problems())
                .containsExactly(
                        "columns 'Date' and 'Time' hold the date and the time of day: read together as the time");
    }
}
