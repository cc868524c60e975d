package io.predictivescaling.backtest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * A metric export saved as JSON, as the tools' own commands write it: Prometheus {@code /api/v1/query_range}
 * ({@code data.result[].values}, epoch seconds and string values), {@code aws cloudwatch get-metric-data}
 * ({@code MetricDataResults[].Timestamps} and {@code Values}, newest first), {@code aws cloudwatch
 * get-metric-statistics} ({@code Datapoints[]} with one statistic) and Datadog's query API
 * ({@code series[].pointlist}, epoch milliseconds, and {@code /api/v2/query/timeseries}: {@code data.attributes.times}
 * and {@code values}), and {@code az monitor metrics list} ({@code value[].timeseries[].data[]}). Parsed by Jackson; a file of several series reads the first and
 * names the others. Timestamps are instants (UTC); a NaN or null value is a gap, a negative or infinite one is
 * skipped and counted.
 */
final class TraceJson {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> STATISTICS = List.of("Sum", "Average", "Maximum", "Minimum", "SampleCount");

    private TraceJson() {}

    /** Whether the text is JSON rather than CSV (its first character opens an object or an array). */
    static boolean looksLikeJson(String text) {
        String s = text.stripLeading();
        return s.startsWith("{") || s.startsWith("[");
    }

    /**
     * @param name the file's name, for messages
     * @param series the series to read, by a part of its name or labels (case-insensitive); {@code null} for the first
     * @throws IllegalArgumentException with a one-line reason and fix when the JSON is no metric export it knows, or
     *     holds no such series
     */
    static Trace parse(String name, String text, String series) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(name + ": starts like JSON but is not readable JSON (line "
                    + e.getLocation().getLineNr() + "): save the export again, or export CSV (timestamp,value)");
        }
        Points p = new Points(name, series);
        if (root.path("data").has("result")) {
            prometheus(name, root.path("data"), p);
        } else if (root.has("MetricDataResults")) {
            cloudWatchData(name, root.get("MetricDataResults"), p);
        } else if (root.has("Datapoints")) {
            cloudWatchStatistics(name, root.get("Datapoints"), p);
        } else if (root.has("series")) {
            datadog(name, root.get("series"), p);
        } else if (root.path("data").path("attributes").has("times")) {
            datadogTimeseries(name, root.path("data").path("attributes"), p);
        } else if (root.path("value").path(0).has("timeseries")) {
            azureMonitor(name, root.get("value"), p);
        } else {
            throw new IllegalArgumentException(name + ": JSON that is no metric export read here (Prometheus "
                    + "query_range, aws cloudwatch get-metric-data or get-metric-statistics, Datadog query, az monitor "
                    + "metrics list): "
                    + "export CSV (timestamp,value)");
        }
        return p.trace(name);
    }

    private static void prometheus(String name, JsonNode data, Points p) {
        JsonNode result = data.get("result");
        String type = data.path("resultType").asText("matrix");
        if (!type.equals("matrix")) {
            throw new IllegalArgumentException(name + ": a Prometheus '" + type + "' result holds one sample per "
                    + "series, not a history: save /api/v1/query_range (start, end, step) instead of /api/v1/query");
        }
        List<String> names = new ArrayList<>();
        for (JsonNode series : result) {
            names.add(series.path("metric").toString());
        }
        if (result.isEmpty()) {
            throw new IllegalArgumentException(name + ": the Prometheus result holds no series: check the query");
        }
        int pick = p.series(names, "Prometheus series");
        for (JsonNode pair : result.get(pick).path("values")) {
            p.add(epochSeconds(pair.path(0)), pair.path(1));
        }
    }

    private static void cloudWatchData(String name, JsonNode results, Points p) {
        if (results.isEmpty()) {
            throw new IllegalArgumentException(name + ": MetricDataResults is empty: check the metric and period");
        }
        // The AWS CLI pages through GetMetricData and joins the pages' lists, so one query's Id appears once a page:
        // the entries sharing an Id are one series, each holding part of its history.
        java.util.Map<String, List<JsonNode>> byId = new java.util.LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        for (JsonNode r : results) {
            String id = r.path("Id").asText(r.path("Label").asText());
            if (!byId.containsKey(id)) {
                names.add(r.path("Label").asText(id));
            }
            byId.computeIfAbsent(id, k -> new ArrayList<>()).add(r);
        }
        int pick = p.series(names, "MetricDataResults");
        List<JsonNode> pages = new ArrayList<>(byId.values()).get(pick);
        for (JsonNode page : pages) {
            JsonNode times = page.path("Timestamps");
            JsonNode values = page.path("Values");
            if (times.size() != values.size()) {
                throw new IllegalArgumentException(name + ": " + times.size() + " Timestamps but " + values.size()
                        + " Values in '" + names.get(pick) + "': the file is cut short; save it again");
            }
            for (int i = 0; i < times.size(); i++) {
                p.add(instant(times.get(i)), values.get(i));
            }
        }
        JsonNode last = pages.get(pages.size() - 1);
        if (!last.path("StatusCode").asText("Complete").equals("Complete")) {
            p.notes.add("CloudWatch's StatusCode is " + last.path("StatusCode").asText()
                    + ": the file holds part of the history (the AWS CLI pages through it unless --max-items is set)");
        }
    }

    private static void cloudWatchStatistics(String name, JsonNode datapoints, Points p) {
        if (p.chosen != null) {
            throw new IllegalArgumentException(
                    name + ": --series '" + p.chosen + "': get-metric-statistics output holds one series");
        }
        if (datapoints.isEmpty()) {
            throw new IllegalArgumentException(
                    name + ": Datapoints is empty: check the metric, its dimensions and the time range");
        }
        String statistic = null;
        for (String s : STATISTICS) {
            if (datapoints.size() > 0 && datapoints.get(0).has(s)) {
                statistic = s;
                break;
            }
        }
        if (statistic == null) {
            throw new IllegalArgumentException(name + ": Datapoints hold none of " + STATISTICS
                    + ": ask get-metric-statistics for one of them (--statistics Sum)");
        }
        for (JsonNode d : datapoints) {
            p.add(instant(d.path("Timestamp")), d.path(statistic));
        }
        long others = STATISTICS.stream().filter(datapoints.get(0)::has).count() - 1;
        if (others > 0) {
            p.notes.add("Datapoints hold " + (others + 1) + " statistics: read " + statistic);
        }
    }

    private static void datadog(String name, JsonNode series, Points p) {
        if (series.isEmpty()) {
            throw new IllegalArgumentException(name + ": the Datadog series list is empty: check the query");
        }
        List<String> names = new ArrayList<>();
        for (JsonNode s : series) {
            names.add(s.path("expression").asText(s.path("metric").asText()));
        }
        int pick = p.series(names, "Datadog series");
        for (JsonNode pair : series.get(pick).path("pointlist")) {
            p.add(
                    pair.path(0).isNumber()
                            ? Instant.ofEpochMilli(Math.round(pair.path(0).asDouble()))
                            : null,
                    pair.path(1));
        }
    }

    /**
     * Datadog's {@code /api/v2/query/timeseries}: {@code data.attributes.times} (epoch milliseconds) shared by every
     * series, {@code values[i]} the i-th series' values, {@code series[i].group_tags} its name.
     */
    private static void datadogTimeseries(String name, JsonNode attributes, Points p) {
        JsonNode values = attributes.path("values");
        if (values.isEmpty()) {
            throw new IllegalArgumentException(name + ": the Datadog timeseries response holds no series: check the"
                    + " query and the time range");
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            JsonNode s = attributes.path("series").path(i);
            List<String> tags = new ArrayList<>();
            s.path("group_tags").forEach(t -> tags.add(t.asText()));
            names.add("query " + (s.path("query_index").asInt(0) + 1) + (tags.isEmpty() ? "" : " " + tags));
        }
        int pick = p.series(names, "the Datadog timeseries response");
        JsonNode times = attributes.path("times");
        JsonNode picked = values.get(pick);
        if (times.size() != picked.size()) {
            throw new IllegalArgumentException(name + ": " + times.size() + " times but " + picked.size()
                    + " values in '" + names.get(pick) + "': the file is cut short; save it again");
        }
        for (int i = 0; i < times.size(); i++) {
            p.add(
                    times.get(i).isNumber()
                            ? Instant.ofEpochMilli(Math.round(times.get(i).asDouble()))
                            : null,
                    picked.get(i));
        }
    }

    /** Azure Monitor's aggregations, in the order one is read when a point holds several. */
    private static final List<String> AGGREGATIONS = List.of("total", "average", "maximum", "minimum", "count");

    /**
     * {@code az monitor metrics list} (Azure Monitor's metrics REST API): {@code value[]} metrics, each with {@code
     * timeseries[]} (one per dimension value) of {@code data[]} points ({@code timeStamp} and the aggregations
     * asked for; a point without one is a gap).
     */
    private static void azureMonitor(String name, JsonNode metrics, Points p) {
        List<String> names = new ArrayList<>();
        List<JsonNode> data = new ArrayList<>();
        for (JsonNode m : metrics) {
            for (JsonNode ts : m.path("timeseries")) {
                List<String> dims = new ArrayList<>();
                ts.path("metadatavalues")
                        .forEach(d -> dims.add(d.path("name").path("value").asText() + "="
                                + d.path("value").asText()));
                names.add(m.path("name").path("value").asText("metric") + (dims.isEmpty() ? "" : " " + dims));
                data.add(ts.path("data"));
            }
        }
        if (data.isEmpty()) {
            throw new IllegalArgumentException(name + ": the Azure Monitor metrics hold no timeseries: check the"
                    + " metric, its filter and the time range");
        }
        int pick = p.series(names, "Azure Monitor timeseries");
        JsonNode points = data.get(pick);
        List<String> held =
                AGGREGATIONS.stream().filter(a -> points.findValue(a) != null).toList();
        if (held.isEmpty()) {
            throw new IllegalArgumentException(name + ": the Azure Monitor points hold none of " + AGGREGATIONS
                    + ": ask for one (--aggregation Total)");
        }
        if (held.size() > 1) {
            p.notes.add("Azure Monitor points hold " + held + ": read " + held.get(0));
        }
        for (JsonNode d : points) {
            p.add(instant(d.path("timeStamp")), d.path(held.get(0)));
        }
    }

    private static Instant epochSeconds(JsonNode n) {
        if (n.isNumber()) {
            return Instant.ofEpochMilli(Math.round(n.asDouble() * 1000));
        }
        return n.isTextual() ? TraceTimes.time(n.asText()) : null;
    }

    private static Instant instant(JsonNode n) {
        if (n.isNumber()) {
            // epoch seconds, as the AWS CLI prints CloudWatch's JSON-protocol timestamps with cli_timestamp_format none
            return TraceTimes.epoch(n.asText());
        }
        if (!n.isTextual()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(n.asText()).toInstant();
        } catch (DateTimeParseException e) {
            return TraceTimes.time(n.asText());
        }
    }

    /** The points read so far, and the rows skipped by cause. */
    private static final class Points {
        final String name;
        final String chosen;
        final TreeMap<Instant, Double> points = new TreeMap<>();
        final List<String> notes = new ArrayList<>();
        int badTime;
        int badValue;
        int notLoad;
        int duplicates;
        String firstBadTime;
        String firstBadValue;

        Points(String name, String chosen) {
            this.name = name;
            this.chosen = chosen;
        }

        /** Which of the series to read (the chosen one, else the first), noting the others. */
        int series(List<String> names, String where) {
            int pick = 0;
            if (chosen != null) {
                String want = chosen.trim().toLowerCase(Locale.ROOT);
                pick = -1;
                for (int i = 0; i < names.size() && pick < 0; i++) {
                    pick = names.get(i).toLowerCase(Locale.ROOT).contains(want) ? i : -1;
                }
                if (pick < 0) {
                    throw new IllegalArgumentException(
                            name + ": --series '" + chosen + "' is in none of the " + names.size() + " series in "
                                    + where + ": " + names.subList(0, Math.min(names.size(), 10)));
                }
            }
            if (names.size() > 1) {
                List<String> others = new ArrayList<>(names);
                others.remove(pick);
                notes.add("the file holds " + names.size() + " series in " + where + ": read " + names.get(pick)
                        + ", left out " + others.subList(0, Math.min(others.size(), 5))
                        + " (choose another with --series)");
            }
            return pick;
        }

        void add(Instant t, JsonNode v) {
            if (t == null) {
                badTime++;
                return;
            }
            double value;
            if (v.isNull() || v.isMissingNode()) {
                value = Double.NaN;
            } else if (v.isNumber()) {
                value = v.asDouble();
            } else {
                String text = v.asText().trim().toLowerCase(Locale.ROOT);
                value = text.equals("nan") ? Double.NaN : TraceValues.number(text, false);
                if (Double.isNaN(value) && !text.equals("nan")) {
                    badValue++;
                    firstBadValue = firstBadValue == null ? v.asText() : firstBadValue;
                    return;
                }
            }
            if (Double.isInfinite(value) || value < 0) {
                notLoad++;
                return;
            }
            if (points.put(t, value) != null) {
                duplicates++;
            }
        }

        Trace trace(String name) {
            if (badTime > 0) {
                notes.add(badTime + " points with a timestamp that is not an instant: skipped");
            }
            if (badValue > 0) {
                notes.add(badValue + " points with a value that is not a number: skipped (first '" + firstBadValue
                        + "')");
            }
            if (notLoad > 0) {
                notes.add(notLoad + " points with a negative or infinite value (not a load): skipped");
            }
            if (duplicates > 0) {
                notes.add(duplicates + " duplicate timestamps: the last value was kept");
            }
            if (points.size() < 2 || points.values().stream().allMatch(d -> Double.isNaN(d))) {
                throw new IllegalArgumentException(name + ": fewer than two usable points"
                        + (notes.isEmpty() ? "" : ": " + notes.get(notes.size() - 1)));
            }
            return TraceReader.of(name, points, notes);
        }
    }
}
