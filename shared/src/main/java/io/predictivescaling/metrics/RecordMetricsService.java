package io.predictivescaling.metrics;

import io.predictivescaling.targets.CloudWatchMetric;
import io.predictivescaling.targets.ScalableTarget;
import io.predictivescaling.targets.TargetRepository;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Records load: pulls each target's CloudWatch metric on schedule and stores pushed samples. */
public final class RecordMetricsService {
    /** How many of the latest periods every pull reads again: CloudWatch revises them while aggregating. */
    public static final int REREAD_PERIODS = 5;

    private static final Duration MIN_REREAD = Duration.ofMinutes(5);
    private final TargetRepository targets;
    private final MetricSource metricSource;
    private final TimeSeriesStore store;
    private final Duration maxCatchUp;
    private final Duration retention;

    /**
     * @param maxCatchUp how far back a pull reaches after an outage (or for a new target): bounded so one
     *     run never tries to fetch months of data
     * @param retention how long samples are kept; older pushed samples are refused
     */
    public RecordMetricsService(
            TargetRepository targets,
            MetricSource metricSource,
            TimeSeriesStore store,
            Duration maxCatchUp,
            Duration retention) {
        this.targets = targets;
        this.metricSource = metricSource;
        this.store = store;
        this.maxCatchUp = maxCatchUp;
        this.retention = retention;
    }

    /**
     * The scheduled run: for every target with a CloudWatch metric, read what is new since the last sample and
     * re-read the last {@value #REREAD_PERIODS} periods (at least 5 minutes), because CloudWatch revises a
     * recent datapoint while it is still aggregating it (a minute read as 400 can be 1,000 a minute later);
     * the re-read overwrites. All targets are read in batched {@code GetMetricData} calls. For a target whose
     * missing data means zero (Sum, SampleCount, or {@code missingData = zero}), a pull that succeeds without
     * a datapoint for a settled period records 0 for it, so a quiet service is not mistaken for stale metrics.
     */
    public RecordResult pull(Instant now) {
        TargetRepository.Loaded loaded = targets.loadAll();
        List<String> problems = new ArrayList<>(loaded.problems());
        List<StoreWriteException> writeFailures = new ArrayList<>();
        int pulled = 0;
        int stored = 0;
        Instant to = now.truncatedTo(ChronoUnit.SECONDS);
        List<MetricSource.Window> windows = new ArrayList<>();
        Map<String, Boolean> hasHistory = new HashMap<>();
        for (ScalableTarget target : loaded.targets()) {
            if (target.cloudWatchMetric().isEmpty()) {
                continue;
            }
            long period = target.cloudWatchMetric().get().periodSeconds();
            Instant earliest = to.minus(maxCatchUp);
            Instant reread = to.minusSeconds(Math.max(REREAD_PERIODS * period, MIN_REREAD.getSeconds()));
            Optional<Instant> latest;
            try {
                // One target's failing read never stops the pull of the targets after it.
                latest = store.latestTimestamp(target.metricId());
            } catch (RuntimeException e) {
                problems.add(
                        "target " + target.targetId() + ": could not read its last stored sample: " + e.getMessage());
                continue;
            }
            hasHistory.put(target.targetId(), latest.isPresent());
            Instant from = latest.map(l -> l.plusSeconds(1))
                    .map(next -> next.isBefore(reread) ? next : reread)
                    .orElse(earliest);
            from = align(from.isAfter(earliest) ? from : earliest, period);
            windows.add(new MetricSource.Window(target, from, to));
        }
        MetricSource.Fetched fetched = metricSource.fetchAll(windows);
        for (MetricSource.Window w : windows) {
            String id = w.target().targetId();
            if (fetched.failures().containsKey(id) || !fetched.samples().containsKey(id)) {
                // Not stored, so the next run catches up from the last stored sample: this target loses nothing.
                problems.add("target " + id + ": could not read its metric: "
                        + fetched.failures().getOrDefault(id, "no answer"));
                continue;
            }
            pulled++;
            List<LoadSample> samples = fetched.samples().get(id);
            CloudWatchMetric metric = w.target().cloudWatchMetric().orElseThrow();
            if (metric.missingData() == CloudWatchMetric.MissingData.ZERO) {
                samples = withZeros(samples, w, metric, hasHistory.get(id));
            }
            try {
                Instant recent = to.minusSeconds(
                        Math.max(REREAD_PERIODS * (long) metric.periodSeconds(), MIN_REREAD.getSeconds()));
                if (samples.stream().allMatch(x -> x.timestamp().isBefore(recent))) {
                    markPulled(w.target().metricId(), to, problems); // nothing recent: quiet, not stale
                }
                stored += store.append(samples);
            } catch (StoreWriteException e) {
                writeFailures.add(e);
            }
        }
        if (!writeFailures.isEmpty()) {
            // Fail the invocation so Lambda retries it (and the DLQ keeps it) instead of dropping data.
            StoreWriteException failure = new StoreWriteException(
                    writeFailures.size() + " target(s) could not be stored; first: "
                            + writeFailures.get(0).getMessage(),
                    writeFailures.get(0));
            writeFailures.stream().skip(1).forEach(failure::addSuppressed);
            throw failure;
        }
        return new RecordResult(pulled, stored, List.of(), problems);
    }

    /**
     * The samples plus 0 for every settled period of the window without a datapoint. The period in progress
     * and the one before it are left alone (CloudWatch may not have ingested them yet; the next pull re-reads
     * them). A target with no history yet is filled from its first datapoint, or the whole window if quiet.
     */
    static List<LoadSample> withZeros(
            List<LoadSample> samples, MetricSource.Window w, CloudWatchMetric metric, boolean hasHistory) {
        long period = metric.periodSeconds();
        Instant fillFrom = hasHistory || samples.isEmpty()
                ? w.from()
                : samples.stream()
                        .map(LoadSample::timestamp)
                        .min(Instant::compareTo)
                        .orElseThrow();
        long settled = align(w.to(), period).getEpochSecond() - period;
        Set<Long> present =
                samples.stream().map(s -> s.timestamp().getEpochSecond()).collect(Collectors.toSet());
        List<LoadSample> all = new ArrayList<>(samples);
        long first = Math.floorDiv(fillFrom.getEpochSecond() + period - 1, period) * period;
        for (long t = first; t < settled; t += period) {
            if (!present.contains(t)) {
                all.add(new LoadSample(
                        w.target().metricId(), Instant.ofEpochSecond(t), 0, metric.name(), "cloudwatch"));
            }
        }
        return all;
    }

    /** A quiet gap metric is quiet, not stale: predict-and-scale counts this successful empty pull. */
    private void markPulled(String metricId, Instant at, List<String> problems) {
        try {
            store.markPulled(metricId, at);
        } catch (RuntimeException e) {
            problems.add("metric " + metricId + ": could not record the successful pull: " + e.getMessage());
        }
    }

    private static Instant align(Instant t, long periodSeconds) {
        return Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), periodSeconds) * periodSeconds);
    }

    /**
     * A pushed {@code LoadSample} event: every good sample is stored, every bad one is reported with its
     * reason. A failed write throws, so the event is retried rather than lost.
     */
    public RecordResult push(Map<String, Object> detail, String eventSource, Instant now) {
        TargetRepository.Loaded loaded = targets.loadAll();
        Set<String> known =
                loaded.targets().stream().map(ScalableTarget::metricId).collect(Collectors.toSet());
        SampleValidator validator =
                new SampleValidator(known, Duration.ofMinutes(5), retention, SampleValidator.DEFAULT_MAX_VALUE);
        SampleValidator.Result result = validator.validate(detail, eventSource, now);
        int stored = store.append(result.accepted());
        return new RecordResult(0, stored, result.rejected(), loaded.problems());
    }
}
