package io.predictivescaling.metrics;

import io.predictivescaling.aws.Retry;
import io.predictivescaling.targets.CloudWatchMetric;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;

/**
 * A metric's history read from CloudWatch with {@code GetMetricData} (every page followed), for the backtest
 * and {@code export-history}. The period is the one asked for unless CloudWatch no longer keeps that
 * resolution for the oldest data asked for: sub-minute data is kept 3 hours, 1-minute data 15 days, 5-minute
 * data 63 days, hourly data 455 days; then the finest period it still keeps is used, and said so.
 */
public final class CloudWatchHistory {
    private final CloudWatchClient cloudWatch;
    private final Retry retry;

    public CloudWatchHistory(CloudWatchClient cloudWatch, Retry retry) {
        this.cloudWatch = cloudWatch;
        this.retry = retry;
    }

    /**
     * @param points the values by period start (UTC); periods without a datapoint are 0 for a count
     *     ({@code missingData} zero) from the first datapoint on, and absent (gaps) otherwise
     * @param period the period read
     * @param notes what was changed from the request, and why
     */
    public record History(TreeMap<Instant, Double> points, Duration period, List<String> notes) {}

    /** The finest period CloudWatch still keeps for data {@code age} old, given the one asked for. */
    public static Duration periodFor(Duration asked, Duration age) {
        long s = asked.getSeconds();
        if (s < 60 && age.compareTo(Duration.ofHours(3)) > 0) {
            s = 60;
        }
        if (s < 300 && age.compareTo(Duration.ofDays(15)) > 0) {
            s = 300;
        }
        if (s < 3600 && age.compareTo(Duration.ofDays(63)) > 0) {
            s = 3600;
        }
        return Duration.ofSeconds(s);
    }

    /** The history of {@code metric} (its period is the one asked for) in {@code [from, to)}. */
    public History read(CloudWatchMetric metric, Instant from, Instant to) {
        List<String> notes = new ArrayList<>();
        Duration period = periodFor(Duration.ofSeconds(metric.periodSeconds()), Duration.between(from, to));
        if (period.getSeconds() != metric.periodSeconds()) {
            notes.add("CloudWatch keeps " + metric.periodSeconds() + " s data for a shorter time than "
                    + Duration.between(from, to).toDays() + " days: read at " + period.getSeconds() + " s");
        }
        long p = period.getSeconds();
        Instant start = Instant.ofEpochSecond(Math.floorDiv(from.getEpochSecond(), p) * p);
        // The same queries record-metrics pulls with (metric math included), at the period chosen above.
        List<MetricDataQuery> query = CloudWatchMetricSource.queries("load", metric, (int) p);
        TreeMap<Instant, Double> points = new TreeMap<>();
        String nextToken = null;
        int pages = 0;
        do {
            GetMetricDataRequest request = GetMetricDataRequest.builder()
                    .metricDataQueries(query)
                    .startTime(start)
                    .endTime(to)
                    .scanBy(ScanBy.TIMESTAMP_ASCENDING)
                    .nextToken(nextToken)
                    .build();
            GetMetricDataResponse page = retry.call(
                    "GetMetricData " + metric.namespace() + ":" + metric.name(),
                    () -> cloudWatch.getMetricData(request));
            for (MetricDataResult r : page.metricDataResults()) {
                for (int i = 0; i < r.timestamps().size(); i++) {
                    double v = r.values().get(i);
                    if (Double.isFinite(v) && v >= 0) {
                        points.put(r.timestamps().get(i), v);
                    }
                }
            }
            nextToken = page.nextToken();
            pages++;
        } while (nextToken != null && !nextToken.isEmpty());
        if (points.isEmpty()) {
            throw new IllegalArgumentException("CloudWatch has no datapoints for " + metric.namespace() + ":"
                    + metric.name() + " " + metric.dimensions() + " (" + metric.stat() + ") from " + start + " to " + to
                    + ": check the namespace, metric name, dimensions (all of them) and region");
        }
        if (metric.missingData() == CloudWatchMetric.MissingData.ZERO) {
            int zeros = 0;
            for (long t = points.firstKey().getEpochSecond(); t < to.getEpochSecond() - p; t += p) {
                if (points.putIfAbsent(Instant.ofEpochSecond(t), 0.0) == null) {
                    zeros++;
                }
            }
            if (zeros > 0) {
                notes.add(zeros + " periods without a datapoint read as 0 (" + metric.stat()
                        + " of a metric CloudWatch does not publish while idle)");
            }
        }
        notes.add(points.size() + " datapoints in " + pages + " GetMetricData page(s)");
        return new History(points, period, notes);
    }
}
