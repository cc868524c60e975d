package io.predictivescaling.scaling;

import io.predictivescaling.common.EventPublisher;
import io.predictivescaling.events.EventStore;
import io.predictivescaling.events.KnownEvent;
import io.predictivescaling.feedback.Accuracy;
import io.predictivescaling.feedback.FeedbackStore;
import io.predictivescaling.forecast.LoadPrediction;
import io.predictivescaling.metrics.HistoryDigests;
import io.predictivescaling.metrics.LoadSample;
import io.predictivescaling.metrics.RegularSeries;
import io.predictivescaling.metrics.Rollup;
import io.predictivescaling.metrics.Rollups;
import io.predictivescaling.metrics.TimeSeriesStore;
import io.predictivescaling.patterns.LoadPatterns;
import io.predictivescaling.patterns.PatternStore;
import io.predictivescaling.planning.CapacityStep;
import io.predictivescaling.planning.PlanningCore;
import io.predictivescaling.planning.ScalingPlan;
import io.predictivescaling.planning.ScheduledFloor;
import io.predictivescaling.sentiment.Signal;
import io.predictivescaling.sentiment.SignalStore;
import io.predictivescaling.targets.ScalableResource;
import io.predictivescaling.targets.ScalableTarget;
import io.predictivescaling.targets.ScalingConfig;
import io.predictivescaling.targets.ScalingPolicy;
import io.predictivescaling.targets.TargetRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToDoubleFunction;

/**
 * The predict-and-scale run: for every target with a scaling configuration, predict its load (5 min and
 * 1 h from 5-minute means, every hour to 48 h from each hour's 95th percentile), plan capacity, record every prediction,
 * apply the plan (unless ForecastOnly) and publish what was planned. One failing target never stops the
 * others; it is reported.
 */
public final class PredictAndScaleService {
    static final Duration FINE_HISTORY = Duration.ofDays(7);

    private final TargetRepository targets;
    private final TimeSeriesStore metrics;
    private final PatternStore patterns;
    private final PredictionStore predictions;
    private final CapacityGateway gateway;
    private final EventPublisher events;
    private final FeedbackStore feedback;
    private final SignalStore signals;
    private final EventStore knownEvents;
    private final Duration history;
    private final int threads;
    private final HistoryDigests digests;
    private final SpikeAnnouncements announcements;
    private final PlanningCore core = new PlanningCore();

    /** What the service reads and writes, and its settings: built with {@link #builder()}. */
    private PredictAndScaleService(Builder b) {
        this.targets = required(b.targets, "targets");
        this.metrics = required(b.metrics, "metrics");
        this.patterns = required(b.patterns, "patterns");
        this.predictions = required(b.predictions, "predictions");
        this.gateway = required(b.gateway, "gateway");
        this.events = required(b.publisher, "publisher");
        PlanInputs inputs = required(b.inputs, "inputs");
        this.feedback = required(inputs.feedback(), "inputs' feedback");
        this.signals = required(inputs.social(), "inputs' social signals");
        this.knownEvents = required(inputs.events(), "inputs' known events");
        this.history = required(b.history, "history");
        this.threads = b.threads;
        this.digests = b.digests;
        this.announcements = b.announcements;
    }

    private static <T> T required(T part, String name) {
        if (part == null) {
            throw new IllegalStateException("PredictAndScaleService needs its " + name + "; give it to the builder");
        }
        return part;
    }

    /**
     * The one way to build the service: every store and service by name, then {@link Builder#build()}. Targets,
     * metrics, patterns, predictions, gateway, publisher and inputs are required ({@code build} names a missing
     * one); history (28 days), threads (1), digests and announcements (none) have defaults.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Names each part of a {@link PredictAndScaleService}; not thread-safe, build once. */
    public static final class Builder {
        private TargetRepository targets;
        private TimeSeriesStore metrics;
        private PatternStore patterns;
        private PredictionStore predictions;
        private CapacityGateway gateway;
        private EventPublisher publisher;
        private PlanInputs inputs;
        private Duration history = Duration.ofDays(28);
        private int threads = 1;
        private HistoryDigests digests;
        private SpikeAnnouncements announcements;

        private Builder() {}

        /** The scalable targets with their scaling configuration (the targets table). */
        public Builder targets(TargetRepository targets) {
            this.targets = targets;
            return this;
        }

        /** The load samples each target's metric recorded (the metrics table). */
        public Builder metrics(TimeSeriesStore metrics) {
            this.metrics = metrics;
            return this;
        }

        /** What analyze-patterns learned per metric (seasonality, peaks). */
        public Builder patterns(PatternStore patterns) {
            this.patterns = patterns;
            return this;
        }

        /** Where every prediction and planned capacity is recorded for scoring. */
        public Builder predictions(PredictionStore predictions) {
            this.predictions = predictions;
            return this;
        }

        /** Application Auto Scaling: the target's state and the scheduled actions the plans write. */
        public Builder gateway(CapacityGateway gateway) {
            this.gateway = gateway;
            return this;
        }

        /** The event bus the plans' events (CapacityPlanned, SpikePredicted, ...) go to. */
        public Builder publisher(EventPublisher publisher) {
            this.publisher = publisher;
            return this;
        }

        /** What planning reads besides the load: feedback, social signals and known events. */
        public Builder inputs(PlanInputs inputs) {
            this.inputs = inputs;
            return this;
        }

        /** How much hourly history predictions learn from (default 28 days: four weekly cycles). */
        public Builder history(Duration history) {
            this.history = history;
            return this;
        }

        /** Targets planned at once (default 1; fewer than 1 plans one at a time). */
        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        /**
         * Where each metric's settled hours are kept between runs ({@link HistoryDigest}), so a run reads the digest
         * and the samples since it instead of the whole history; without one (the default) a run reads the whole
         * history.
         */
        public Builder digests(HistoryDigests digests) {
            this.digests = digests;
            return this;
        }

        /**
         * What each target's spike events last announced, so an unchanged spike is not announced again every run;
         * without it (the default) the plan's spike is announced every run.
         */
        public Builder announcements(SpikeAnnouncements announcements) {
            this.announcements = announcements;
            return this;
        }

        /** @throws IllegalStateException naming a required part not given (a null part is not given) */
        public PredictAndScaleService build() {
            return new PredictAndScaleService(this);
        }
    }

    /**
     * @param lines one line per target that was planned
     * @param problems targets skipped or failed, and why
     * @param conflicts where a plan met another's setting on the scalable target ("targetId: what, what was
     *     done"): a floor someone else has in force, the registered MaxCapacity, suspended scheduled scaling
     * @param failed ids of targets whose run failed (forecast, plan or capacity writes): the handler fails
     *     the invocation loudly so Lambda's retries and the errors alarm see it
     * @param forecasts forecasts computed: one per metric (and time zone, learning exclusions and signals) however
     *     many targets scale on it, the run's main CPU cost
     */
    public record Result(
            int planned,
            int applied,
            List<String> lines,
            List<String> problems,
            List<String> conflicts,
            List<String> failed,
            int forecasts) {
        public Result(int planned, int applied, List<String> lines, List<String> problems) {
            this(planned, applied, lines, problems, List.of(), List.of(), 0);
        }
    }

    /** The gateway, with our scheduled actions as already read with the target's state. */
    private record ReadActions(CapacityGateway gateway, List<CapacityGateway.ExistingAction> ours)
            implements CapacityGateway {
        @Override
        public OptionalInt currentMinCapacity(ScalableResource resource) {
            return gateway.currentMinCapacity(resource);
        }

        @Override
        public Optional<TargetState> state(ScalableResource resource) {
            return gateway.state(resource);
        }

        @Override
        public List<ExistingAction> scheduledActions(ScalableResource resource) {
            return ours;
        }

        @Override
        public void putScheduledAction(ScalableResource resource, ScheduledFloor action) {
            gateway.putScheduledAction(resource, action);
        }

        @Override
        public void deleteScheduledAction(ScalableResource resource, String name) {
            gateway.deleteScheduledAction(resource, name);
        }
    }

    public Result run(Instant now) {
        return run(now, 0, 1);
    }

    /**
     * Publishes a plan's events, leaving out SpikePredicted and PrepareForSpike when the spike is the one last
     * announced for the target; a new or changed spike is remembered only once its events are out. When what was
     * announced cannot be read or remembered the spike is announced (again): twice is harmless, never is not.
     */
    private void publish(
            ScalableTarget target, ScalingPlan plan, List<EventPublisher.Event> planned, List<String> problems) {
        if (announcements == null || plan.spikes().isEmpty()) {
            events.publish(planned);
            return;
        }
        CapacityStep spike = plan.spikes().get(0);
        String fingerprint = PlanEvents.spikeFingerprint(spike);
        Optional<String> last;
        try {
            last = announcements.last(target.targetId());
        } catch (RuntimeException e) {
            problems.add("target " + target.targetId() + ": could not read the spike last announced, so it is "
                    + "announced again: " + e.getMessage());
            last = Optional.empty();
        }
        if (last.filter(fingerprint::equals).isPresent()) {
            events.publish(planned.stream()
                    .filter(e -> !PlanEvents.SPIKE_EVENTS.contains(e.detailType()))
                    .toList());
            return;
        }
        events.publish(planned);
        try {
            announcements.remember(target.targetId(), fingerprint, spike.at().plus(Duration.ofHours(1)));
        } catch (RuntimeException e) {
            problems.add("target " + target.targetId() + ": could not remember the spike announced, so the next "
                    + "run announces it again: " + e.getMessage());
        }
    }

    /**
     * One shard of the targets: those whose id hashes to {@code shard} of {@code shards}, for a whole-table run
     * ({@code PredictAndScaleHandler}: demo, invoke, bench-scale). The deployed stack does not shard: its
     * dispatcher puts the targets on the plan queue in batches and {@link #runTargets} plans each delivery.
     */
    public Result run(Instant now, int shard, int shards) {
        if (shards < 1 || shard < 0 || shard >= shards) {
            throw new IllegalArgumentException("shard must be in [0, shards), got " + shard + " of " + shards);
        }
        TargetRepository.Loaded loaded = targets.loadAll();
        return plan(
                now,
                new TargetRepository.Loaded(
                        loaded.targets().stream()
                                .filter(t -> Math.floorMod(t.targetId().hashCode(), shards) == shard)
                                .toList(),
                        loaded.problems()));
    }

    /**
     * Plans only the given targets (a batch from the fleet queue): they are read by key, not by scanning the
     * table. An id no longer in the table is reported, not failed; a target whose planning throws is in
     * {@link Result#failed()}.
     */
    public Result runTargets(Instant now, java.util.Collection<String> targetIds) {
        return plan(now, targets.load(targetIds));
    }

    private Result plan(Instant now, TargetRepository.Loaded loaded) {
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        List<String> problems = Collections.synchronizedList(new ArrayList<>(loaded.problems()));
        List<String> conflicts = Collections.synchronizedList(new ArrayList<>());
        List<String> failed = Collections.synchronizedList(new ArrayList<>());
        List<ScalableTarget> scalable =
                loaded.targets().stream().filter(t -> t.scaling().isPresent()).toList();
        Map<String, History> histories = new ConcurrentHashMap<>();
        // Each target's state as read this run: a repair after a failure reuses it instead of calling again.
        Map<String, TargetState> states = new ConcurrentHashMap<>();
        Map<String, List<LoadPrediction>> forecasts = new ConcurrentHashMap<>();
        AtomicInteger forecastsComputed = new AtomicInteger();
        List<KnownEvent> events = knownEvents(now, problems);
        StateRead read = readStates(scalable);
        int applied = 0;
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, scalable.size())));
        try {
            List<Future<Boolean>> futures = new ArrayList<>();
            for (ScalableTarget target : scalable) {
                futures.add(pool.submit(() -> {
                    try {
                        Map<String, Double> confidence = feedback.signalConfidence(target.targetId());
                        History h = histories.computeIfAbsent(target.metricId(), m -> history(m, now));
                        List<PlanningCore.SocialTrend> social = trending(target, confidence, now);
                        // The forecast is computed once per run for every target that would get the same one.
                        String key = target.metricId() + "|" + target.timeZone() + "|" + target.excludedFromLearning()
                                + "|" + confidence + "|" + social;
                        List<LoadPrediction> predicted = h.hourly() == null
                                ? List.of()
                                : forecasts.computeIfAbsent(key, k -> {
                                    forecastsComputed.incrementAndGet();
                                    return core.forecast(
                                            new PlanningCore.Inputs(
                                                    h.hourly(),
                                                    h.fine(),
                                                    target.timeZone(),
                                                    target.excludedFromLearning(),
                                                    events,
                                                    social,
                                                    confidence,
                                                    h.patterns()),
                                            now);
                                });
                        return handle(target, predicted, h.lastSample(), now, lines, problems, conflicts, read, states);
                    } catch (RuntimeException e) {
                        problems.add("target " + target.targetId() + ": " + e.getMessage());
                        failed.add(target.targetId());
                        repairAfterFailure(target, Optional.ofNullable(states.get(target.targetId())), now, problems);
                        return false;
                    }
                }));
            }
            for (Future<Boolean> f : futures) {
                applied += f.get() ? 1 : 0;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return new Result(
                lines.size(),
                applied,
                List.copyOf(lines),
                List.copyOf(problems),
                List.copyOf(conflicts),
                List.copyOf(failed),
                forecastsComputed.get());
    }

    /**
     * After a target's run failed part-way, restore what an earlier run (or this one) left raised with no
     * later restore, so the failure costs at most the predictive floor, never a floor stuck high.
     */
    private void repairAfterFailure(
            ScalableTarget target, Optional<TargetState> read, Instant now, List<String> problems) {
        ScalingConfig config = target.scaling().orElseThrow();
        if (config.resource().applicationSide()) {
            return;
        }
        try {
            // Never back below a person's floor that outlasts our actions, when the target's state was read.
            ScalingPolicy policy = config.policy();
            ScalingPolicy restoring = read.map(st -> policy.withFloor(PlanReconciler.restoreFloor(policy, st, now)))
                    .orElse(policy);
            new PlanApplier(gateway)
                    .repair(config.resource(), restoring, now)
                    .ifPresent(r -> problems.add(
                            "target " + target.targetId() + ": repaired a raise with no later restore: " + r.name()));
        } catch (RuntimeException e) {
            problems.add("target " + target.targetId() + ": repair failed too: " + e.getMessage());
        }
    }

    /** The run's bulk read of its targets' state, or why it failed. */
    private record StateRead(Map<ScalableResource, Optional<TargetState>> states, RuntimeException failure) {}

    /**
     * Every scalable target's state, read once for the run or batch in as few calls as the API allows (see
     * {@link CapacityGateway#states}) instead of two calls per target. A failed bulk read is the API failing
     * (throttling, permissions, network), not one target: every target then fails with it, without calling again.
     */
    private StateRead readStates(List<ScalableTarget> scalable) {
        List<ScalableResource> resources = scalable.stream()
                .map(t -> t.scaling().orElseThrow().resource())
                .filter(r -> !r.applicationSide())
                .distinct()
                .toList();
        try {
            return new StateRead(resources.isEmpty() ? Map.of() : gateway.states(resources), null);
        } catch (RuntimeException e) {
            return new StateRead(Map.of(), e);
        }
    }

    /** Events refine a forecast: when they cannot be read, every target is still planned (and repaired). */
    private List<KnownEvent> knownEvents(Instant now, List<String> problems) {
        try {
            return knownEvents.between(now.minus(history), now.plus(PlanningCore.EVENT_REACH));
        } catch (RuntimeException e) {
            problems.add("known events unavailable, planning without them: " + e.getMessage());
            return List.of();
        }
    }

    /** A metric's history as the core reads it: read once per run however many targets scale on that metric. */
    private record History(
            RegularSeries hourly, RegularSeries fine, Optional<Instant> lastSample, LoadPatterns patterns) {}

    /** The target's keywords trending right now, with their past firings (what their impact is learned from). */
    private List<PlanningCore.SocialTrend> trending(
            ScalableTarget target, Map<String, Double> confidence, Instant now) {
        List<PlanningCore.SocialTrend> trends = new ArrayList<>();
        for (String keyword : target.socialKeywords()) {
            List<Signal> recent = signals.read(keyword, now.minus(Duration.ofMinutes(20)), now);
            if (recent.isEmpty() || !recent.get(recent.size() - 1).trending()) {
                continue;
            }
            List<Signal> past = signals.read(keyword, now.minus(history), now.minus(Duration.ofHours(3))).stream()
                    .filter(Signal::fired)
                    .toList();
            trends.add(new PlanningCore.SocialTrend(
                    keyword,
                    recent.get(recent.size() - 1),
                    past,
                    confidence.getOrDefault("sentiment:" + keyword, 1.0)));
        }
        return trends;
    }

    /** A digest this many hours behind the settled hours is rewritten (each write is about 22 write units). */
    public static final int DIGEST_REFRESH_HOURS = 3;

    private History history(String metricId, Instant now) {
        if (digests == null) {
            return wholeHistory(metricId, now);
        }
        // The digest and revision first, the samples after: a late write in between makes the saved digest stale.
        HistoryDigests.Loaded loaded = digests.load(metricId);
        Instant hourNow = now.truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        Instant settled = now.minus(HistoryDigests.SETTLE).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        Optional<HistoryDigest> stored = loaded.digest()
                .flatMap(b -> HistoryDigest.decode(b, history, PlanningCore.LIVE_HOUR_QUANTILE, FINE_HISTORY))
                .filter(d -> !d.covered().isAfter(settled));
        HistoryDigest digest = stored.orElseGet(() -> HistoryDigest.empty(
                hourNow.minus(history).minus(Duration.ofHours(1)),
                history,
                PlanningCore.LIVE_HOUR_QUANTILE,
                FINE_HISTORY));
        List<LoadSample> tail = metrics.read(metricId, digest.covered(), now);
        if (stored.isEmpty() || Duration.between(digest.covered(), settled).toHours() >= DIGEST_REFRESH_HOURS) {
            digests.save(metricId, digest.advance(tail, settled).encode(), loaded.revision());
        }
        HistoryDigest.PlanningHistory h = digest.view(tail, now);
        Optional<Instant> lastSample = loaded.lastPulled();
        if (h.newest().isPresent()) {
            Instant newest = h.newest().get();
            lastSample = Optional.of(lastSample.filter(p -> p.isAfter(newest)).orElse(newest));
        }
        LoadPatterns learned = patterns.load(metricId).orElse(null);
        return new History(h.hourly(), h.fine(), lastSample, learned);
    }

    /** The history read whole from the samples (no digest kept). */
    private History wholeHistory(String metricId, Instant now) {
        // From a whole hour: the hourly history is then the same for every run within an hour, so the 48-hour
        // path (and what is stored of it) only changes when an hour completes.
        List<LoadSample> samples = metrics.read(
                metricId, now.truncatedTo(java.time.temporal.ChronoUnit.HOURS).minus(history), now);
        // Stale means the pull or push has not succeeded, not that the metric was quiet: a successful empty pull
        // counts.
        Optional<Instant> lastSample = metrics.lastPulled(metricId);
        if (!samples.isEmpty()) {
            Instant newest = samples.get(samples.size() - 1).timestamp();
            lastSample = Optional.of(lastSample.filter(p -> p.isAfter(newest)).orElse(newest));
        }
        LoadPatterns learned = patterns.load(metricId).orElse(null);
        if (samples.isEmpty()) {
            return new History(null, null, lastSample, learned);
        }
        // Capacity must serve the busy part of each hour, not its average: the path predicts each hour's P95.
        return new History(
                PlanningCore.hourly(samples, now, history, PlanningCore.LIVE_HOUR_QUANTILE),
                series(samples, now, Duration.ofMinutes(5), FINE_HISTORY, Rollup::mean),
                lastSample,
                learned);
    }

    /** @return whether capacity was touched */
    private boolean handle(
            ScalableTarget target,
            List<LoadPrediction> predicted,
            Optional<Instant> lastSample,
            Instant now,
            List<String> lines,
            List<String> problems,
            List<String> conflicts,
            StateRead read,
            Map<String, TargetState> states) {
        ScalingConfig config = target.scaling().orElseThrow();
        ScalingPolicy policy = sized(target.targetId(), config, now);
        boolean scale = policy.mode() == ScalingPolicy.Mode.ForecastAndScale;
        int current = policy.floor();
        Optional<TargetState> state = Optional.empty();
        if (!config.resource().applicationSide()) {
            if (read.failure() != null) {
                throw new IllegalStateException(
                        "reading the scalable targets' state failed: "
                                + read.failure().getMessage(),
                        read.failure());
            }
            // Read in bulk for the run (readStates); on its own when the gateway does not read in bulk.
            state = read.states().containsKey(config.resource())
                    ? read.states().get(config.resource())
                    : gateway.state(config.resource());
            state.ifPresent(st -> states.put(target.targetId(), st));
            if (state.isEmpty() && scale) {
                problems.add("target " + target.targetId() + ": " + config.resource()
                        + " is not registered with Application Auto Scaling; register it (and a target tracking "
                        + "policy) first");
                return false;
            }
            current = state.map(TargetState::minCapacity).orElse(policy.floor());
        }
        ScalingPlan planned =
                core.plan(target.targetId(), policy, current, predicted, now, lastSample, health(target.targetId()));
        PlanReconciler.Reconciled fitted = state.map(st -> PlanReconciler.reconcile(planned, policy, st, now))
                .orElse(new PlanReconciler.Reconciled(planned, List.of(), true));
        ScalingPlan plan = fitted.plan();
        PlanApplier.Applied applied = null;
        String repaired = "";
        if (scale && state.isPresent() && fitted.write()) {
            // The actions were read with the target's state: the applier reuses that read instead of listing again.
            // Our last action that has run stays as the receipt that the floor in force is ours (see PlanReconciler).
            Optional<CapacityGateway.ExistingAction> receipt = PlanReconciler.receiptToKeep(state.get(), now);
            // A plan that may not raise only repairs: then the receipt counts too, since a receipt that raised with no
            // later restore (a broken run's) is exactly what must be restored.
            List<CapacityGateway.ExistingAction> ours = !plan.raisesAllowed()
                    ? state.get().ours()
                    : state.get().ours().stream()
                            .filter(a -> receipt.isEmpty() || a != receipt.get())
                            .toList();
            // Restores return to the configured floor, or to a person's higher floor that outlasts the plan.
            ScalingPolicy restoring = policy.withFloor(PlanReconciler.restoreFloor(policy, state.get(), now));
            applied = new PlanApplier(new ReadActions(gateway, ours)).apply(config.resource(), plan, restoring);
            repaired = plan.raisesAllowed() || applied.put() == 0 ? "" : "; repaired a raise with no later restore";
        } else if (state.isPresent() && !scale) {
            // ForecastOnly touches no capacity: what we scheduled while the target was scaled is withdrawn, and a
            // raise of ours in force (or left with no later restore by a broken run) is restored.
            // Our actions were read with the target's state (as for apply): no second listing per target per run.
            PlanApplier.Withdrawn w = new PlanApplier(
                            new ReadActions(gateway, state.get().ours()))
                    .withdraw(
                            config.resource(),
                            policy.withFloor(PlanReconciler.restoreFloor(policy, state.get(), now)),
                            now);
            repaired = (w.deleted() == 0 ? "" : "; withdrew " + w.deleted() + " pending actions of ours (ForecastOnly)")
                    + w.restore()
                            .map(r -> "; repaired a raise with no later restore (" + r.name() + ")")
                            .orElse("");
        } else if (state.isPresent()) {
            // Whatever the mode: a raise of ours with no later restore (left by a broken run) is restored.
            repaired = new PlanApplier(new ReadActions(gateway, state.get().ours()))
                    .repair(
                            config.resource(),
                            policy.withFloor(PlanReconciler.restoreFloor(policy, state.get(), now)),
                            now)
                    .map(r -> "; repaired a raise with no later restore (" + r.name() + ")")
                    .orElse("");
        }
        publish(target, plan, PlanEvents.of(target, plan, applied, scale, fitted.conflicts()), problems);
        String sizing = policy == config.policy()
                ? ""
                : String.format(
                        java.util.Locale.ROOT,
                        "; floors sized P%.0f at %.4g per unit (tuned by feedback)",
                        100 * policy.capacityQuantile(),
                        policy.loadPerUnit());
        lines.add(target.targetId() + " (" + policy.mode() + "): " + plan.summary() + sizing
                + (applied == null
                        ? ""
                        : "; actions put " + applied.put() + ", deleted " + applied.deleted() + ", unchanged "
                                + applied.unchanged())
                + repaired
                + (fitted.conflicts().isEmpty() ? "" : "; conflicts: " + String.join("; ", fitted.conflicts())));
        fitted.conflicts().forEach(c -> conflicts.add(target.targetId() + ": " + c));
        // Recorded last, once the plan is applied, announced and logged: a predictions table that refuses the write
        // (throttled, or an item it will not take) fails the target loudly but never keeps its capacity from being
        // raised ahead of the load, nor the news of it from its listeners.
        predictions.save(PredictionRecord.of(target.targetId(), policy, plan, predicted, now, scale));
        return applied != null;
    }

    /** A tuned sizing older than this is not trusted: feedback has stopped running for the target. */
    static final Duration SIZING_FRESH = Duration.ofDays(3);

    /** The configured policy, sized as feedback last tuned it (when tuning is on and the tuning is fresh). */
    private ScalingPolicy sized(String targetId, ScalingConfig config, Instant now) {
        if (!config.tuneSizing()) {
            return config.policy();
        }
        return feedback.sizing(targetId)
                .filter(z -> z.tunedAt().isAfter(now.minus(SIZING_FRESH)))
                .map(z -> config.policy().withSizing(z.capacityQuantile(), z.loadPerUnit(), z.spareUnits()))
                .orElse(config.policy());
    }

    /** Predictions whose recent accuracy collapsed must not drive capacity; feedback says when. */
    static final int MIN_SCORED_FOR_HEALTH = 12;

    static final double COLLAPSED_SMAPE = 60;
    static final double COLLAPSED_COVERAGE = 0.2;

    private Optional<String> health(String targetId) {
        Optional<Accuracy> recent = feedback.accuracy(targetId, "last24h#all");
        if (recent.isEmpty() || recent.get().count() < MIN_SCORED_FOR_HEALTH) {
            return Optional.empty();
        }
        Accuracy a = recent.get();
        if (a.smape() > COLLAPSED_SMAPE || a.coverage() < COLLAPSED_COVERAGE) {
            return Optional.of(String.format(
                    java.util.Locale.ROOT,
                    "accuracy collapsed: sMAPE %.0f%%, coverage %.0f%% over %d predictions in the last 24 h",
                    a.smape(),
                    100 * a.coverage(),
                    a.count()));
        }
        return Optional.empty();
    }

    /** Regular buckets of {@code step} over {@code span} before now (last complete bucket last). */
    static RegularSeries series(
            List<LoadSample> samples, Instant now, Duration step, Duration span, ToDoubleFunction<Rollup> value) {
        long s = step.getSeconds();
        Instant end = Instant.ofEpochSecond(Math.floorDiv(now.getEpochSecond(), s) * s);
        Instant start = end.minus(span);
        List<LoadSample> window = samples.stream()
                .filter(x -> !x.timestamp().isBefore(start) && x.timestamp().isBefore(end))
                .toList();
        Instant first = window.isEmpty()
                ? start
                : Instant.ofEpochSecond(Math.floorDiv(window.get(0).timestamp().getEpochSecond(), s) * s);
        List<Rollup> rollups = Rollups.of(window, step);
        return RegularSeries.fromRollups(rollups, first, end, step, value);
    }
}
