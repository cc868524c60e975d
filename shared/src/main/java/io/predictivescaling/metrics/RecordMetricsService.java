package io.predictivescaling.metrics;

import io.predictivescaling.targets.ScalableTarget;
import io.predictivescaling.targets.TargetRepository;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Records load: pulls each target's CloudWatch metric on schedule and stores pushed samples. */
public final class RecordMetricsService {
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
    public RecordMetricsService(TargetRepository targets, MetricSource metricSource, TimeSeriesStore store,
                                Duration maxCatchUp, Duration retention) {
        this.targets = targets;
        this.metricSource = metricSource;
        this.store = store;
        this.maxCatchUp = maxCatchUp;
        this.retention = retention;
    }

    /** The scheduled run: for every target with a CloudWatch metric, fetch what is new since the last sample. */
    public RecordResult pull(Instant now) {
        TargetRepository.Loaded loaded = targets.loadAll();
        List<String> problems = new ArrayList<>(loaded.problems());
        List<StoreWriteException> writeFailures = new ArrayList<>();
        int pulled = 0;
        int stored = 0;
        Instant to = now.truncatedTo(ChronoUnit.SECONDS);
        for (ScalableTarget target : loaded.targets()) {
            if (target.cloudWatchMetric().isEmpty()) {
                continue;
            }
            Instant earliest = to.minus(maxCatchUp);
            List<LoadSample> samples;
            try {
                // Inside the try: one target's failing read never stops the pull of the targets after it.
                Instant from = store.latestTimestamp(target.metricId())
                        .map(latest -> latest.plusSeconds(1))
                        .filter(next -> next.isAfter(earliest))
                        .orElse(earliest);
                samples = metricSource.fetch(target, from, to);
            } catch (RuntimeException e) {
                // The next run catches up from the last stored sample, so this target loses nothing.
                problems.add("target " + target.targetId() + ": could not read its metric: " + e.getMessage());
                continue;
            }
            pulled++;
            try {
                stored += store.append(samples);
            } catch (StoreWriteException e) {
                writeFailures.add(e);
            }
        }
        if (!writeFailures.isEmpty()) {
            // Fail the invocation so Lambda retries it (and the DLQ keeps it) instead of dropping data.
            StoreWriteException failure = new StoreWriteException(writeFailures.size()
                    + " target(s) could not be stored; first: " + writeFailures.get(0).getMessage(),
                    writeFailures.get(0));
            writeFailures.stream().skip(1).forEach(failure::addSuppressed);
            throw failure;
        }
        return new RecordResult(pulled, stored, List.of(), problems);
    }

    /**
     * A pushed {@code LoadSample} event: every good sample is stored, every bad one is reported with its
     * reason. A failed write throws, so the event is retried rather than lost.
     */
    public RecordResult push(Map<String, Object> detail, String eventSource, Instant now) {
        TargetRepository.Loaded loaded = targets.loadAll();
        Set<String> known = loaded.targets().stream().map(ScalableTarget::metricId).collect(Collectors.toSet());
        SampleValidator validator = new SampleValidator(known, Duration.ofMinutes(5), retention,
                SampleValidator.DEFAULT_MAX_VALUE);
        SampleValidator.Result result = validator.validate(detail, eventSource, now);
        int stored = store.append(result.accepted());
        return new RecordResult(0, stored, result.rejected(), loaded.problems());
    }
}
