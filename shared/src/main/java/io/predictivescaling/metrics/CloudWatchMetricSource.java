package io.predictivescaling.metrics;

import io.predictivescaling.aws.Retry;
import io.predictivescaling.targets.CloudWatchMetric;
import io.predictivescaling.targets.ScalableTarget;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;

/**
 * Pulls targets' load with {@code GetMetricData}: many targets per call (up to {@value #MAX_QUERIES} queries,
 * CloudWatch's limit, which is also what it bills by), every page followed. A call that fails as a whole (say
 * one target's metric math is invalid) is retried target by target, so one bad target costs no other its data.
 */
public final class CloudWatchMetricSource implements MetricSource {
    /** CloudWatch's limit of queries per {@code GetMetricData} request. */
    public static final int MAX_QUERIES = 500;

    private static final Pattern M1 = Pattern.compile("\\bm1\\b");

    private final CloudWatchClient cloudWatch;
    private final Retry retry;
    private final int maxQueries;

    public CloudWatchMetricSource(CloudWatchClient cloudWatch, Retry retry) {
        this(cloudWatch, retry, MAX_QUERIES);
    }

    /** @param maxQueries queries per call, at most {@value #MAX_QUERIES} (smaller in tests) */
    public CloudWatchMetricSource(CloudWatchClient cloudWatch, Retry retry, int maxQueries) {
        this.cloudWatch = cloudWatch;
        this.retry = retry;
        this.maxQueries = Math.min(MAX_QUERIES, maxQueries);
    }

    @Override
    public List<LoadSample> fetch(ScalableTarget target, Instant from, Instant to) {
        metric(target);
        Fetched f = call(List.of(new Window(target, from, to)));
        if (f.failures().containsKey(target.targetId())) {
            throw new IllegalStateException(f.failures().get(target.targetId()));
        }
        return f.samples().getOrDefault(target.targetId(), List.of());
    }

    @Override
    public Fetched fetchAll(List<Window> windows) {
        Map<String, List<LoadSample>> samples = new LinkedHashMap<>();
        Map<String, String> failures = new LinkedHashMap<>();
        List<Window> batch = new ArrayList<>();
        int queries = 0;
        for (Window w : windows) {
            int needed = metric(w.target()).expression().isEmpty() ? 1 : 2;
            if (queries + needed > maxQueries) {
                run(batch, samples, failures);
                batch = new ArrayList<>();
                queries = 0;
            }
            batch.add(w);
            queries += needed;
        }
        run(batch, samples, failures);
        return new Fetched(samples, failures);
    }

    private void run(List<Window> batch, Map<String, List<LoadSample>> samples, Map<String, String> failures) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            Fetched f = call(batch);
            samples.putAll(f.samples());
            failures.putAll(f.failures());
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                failures.put(batch.get(0).target().targetId(), e.getMessage());
                return;
            }
            for (Window w : batch) { // find the one that spoiled the call; the others still get their data
                run(List.of(w), samples, failures);
            }
        }
    }

    /** One paginated GetMetricData over the union of the windows; each target keeps its own window. */
    private Fetched call(List<Window> batch) {
        Instant from =
                batch.stream().map(Window::from).min(Comparator.naturalOrder()).orElseThrow();
        Instant to =
                batch.stream().map(Window::to).max(Comparator.naturalOrder()).orElseThrow();
        Map<String, List<LoadSample>> samples = new LinkedHashMap<>();
        Map<String, String> failures = new LinkedHashMap<>();
        Map<String, Window> byId = new LinkedHashMap<>();
        List<MetricDataQuery> queries = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Window w = batch.get(i);
            String id = "t" + i;
            byId.put(id, w);
            samples.put(w.target().targetId(), new ArrayList<>());
            queries.addAll(queries(id, metric(w.target())));
        }
        if (!from.isBefore(to)) {
            return new Fetched(samples, failures);
        }
        String nextToken = null;
        do {
            GetMetricDataRequest request = GetMetricDataRequest.builder()
                    .metricDataQueries(queries)
                    .startTime(from)
                    .endTime(to)
                    .scanBy(ScanBy.TIMESTAMP_ASCENDING)
                    .nextToken(nextToken)
                    .build();
            GetMetricDataResponse page = retry.call(
                    "GetMetricData for " + batch.size() + " target(s)", () -> cloudWatch.getMetricData(request));
            for (MetricDataResult result : page.metricDataResults()) {
                Window w = byId.get(result.id());
                if (w == null) {
                    continue;
                }
                if (result.statusCode() != null
                        && result.statusCode().toString().equals("Forbidden")) {
                    failures.put(w.target().targetId(), "GetMetricData: forbidden " + result.messages());
                    continue;
                }
                CloudWatchMetric metric = metric(w.target());
                for (int i = 0; i < result.timestamps().size(); i++) {
                    Instant t = result.timestamps().get(i);
                    double value = result.values().get(i);
                    // CloudWatch can return NaN/negative from metric math; such points are not load.
                    if (Double.isFinite(value) && value >= 0 && !t.isBefore(w.from()) && t.isBefore(w.to())) {
                        samples.get(w.target().targetId())
                                .add(new LoadSample(w.target().metricId(), t, value, metric.name(), "cloudwatch"));
                    }
                }
            }
            nextToken = page.nextToken();
        } while (nextToken != null && !nextToken.isEmpty());
        failures.keySet().forEach(samples::remove);
        return new Fetched(samples, failures);
    }

    private static CloudWatchMetric metric(ScalableTarget target) {
        return target.cloudWatchMetric()
                .orElseThrow(() ->
                        new IllegalArgumentException("target " + target.targetId() + " has no CloudWatch metric"));
    }

    /** The query returning target {@code id}'s load; its metric math refers to the metric as {@code m1}. */
    private static List<MetricDataQuery> queries(String id, CloudWatchMetric metric) {
        return queries(id, metric, metric.periodSeconds());
    }

    /**
     * The queries returning {@code metric} at {@code periodSeconds} under id {@code id}: one MetricStat, or, with
     * the metric's {@code expression}, the metric as {@code <id>m1} (not returned) and the expression over it.
     * Shared by the pull and by {@link CloudWatchHistory}, so a backtest reads what record-metrics would record.
     */
    static List<MetricDataQuery> queries(String id, CloudWatchMetric metric, int periodSeconds) {
        List<Dimension> dimensions = new ArrayList<>();
        metric.dimensions()
                .forEach((k, v) ->
                        dimensions.add(Dimension.builder().name(k).value(v).build()));
        MetricStat stat = MetricStat.builder()
                .metric(Metric.builder()
                        .namespace(metric.namespace())
                        .metricName(metric.name())
                        .dimensions(dimensions)
                        .build())
                .stat(metric.stat())
                .period(periodSeconds)
                .build();
        if (metric.expression().isEmpty()) {
            return List.of(MetricDataQuery.builder()
                    .id(id)
                    .metricStat(stat)
                    .returnData(true)
                    .build());
        }
        String m1 = id + "m1";
        return List.of(
                MetricDataQuery.builder()
                        .id(m1)
                        .metricStat(stat)
                        .returnData(false)
                        .build(),
                MetricDataQuery.builder()
                        .id(id)
                        .expression(M1.matcher(metric.expression()).replaceAll(Matcher.quoteReplacement(m1)))
                        .period(metric.periodSeconds())
                        .returnData(true)
                        .build());
    }
}
