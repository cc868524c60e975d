package io.predictivescaling.backtest;

import io.predictivescaling.events.KnownEvent;
import io.predictivescaling.forecast.LoadPrediction;
import io.predictivescaling.forecast.LoadPredictor;
import io.predictivescaling.metrics.RegularSeries;
import io.predictivescaling.peers.PeerPolicy;
import io.predictivescaling.planning.CapacityPlanner;
import io.predictivescaling.planning.PlanningCore;
import io.predictivescaling.planning.ScalingPlan;
import io.predictivescaling.simulation.Burstiness;
import io.predictivescaling.simulation.CapacitySimulator;
import io.predictivescaling.simulation.Sizing;
import io.predictivescaling.simulation.SizingChooser;
import io.predictivescaling.simulation.TargetTracking;
import io.predictivescaling.simulation.TuningSchedule;
import io.predictivescaling.targets.ScalingPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Replays a trace walk-forward through the same predictor and planner the Lambdas run, next to reactive
 * target tracking and a perfect-foresight oracle.
 *
 * <p>At every hour boundary of trace time the predictive policy plans, as predict-and-scale does, from the
 * hourly peaks (the maximum interval of each hour) that had ended by then; the plan may set the floor of an
 * interval only if the interval starts at least a warm-up later. Nothing about an interval depends on data
 * after the decision time, so cutting the trace after an interval, or changing a later value, leaves it as it
 * was.
 */
public final class Backtest {
    /** For analysis only: floors from perfect foresight instead of the predictor (see {@link #perfectFloors}). */
    public enum PerfectFloors {
        NONE,
        INTERVAL,
        HOUR
    }

    /**
     * Sizings are judged on this much recent replay, and only once there is at least the minimum: a week keeps
     * up with a forecast that sharpens as history grows (two weeks and two days did no better on held-out M4).
     */
    static final Duration TUNING_WINDOW = Duration.ofDays(7);

    static final Duration MIN_TUNING_HISTORY = Duration.ofDays(1);

    private final BacktestConfig config;
    private final PerfectFloors perfect;
    private final int[] givenFloors;
    private final ReplayHook hook;
    private final List<PeerPolicy> peers;
    private final List<Double> trackingTargetsUnderFloors; // empty: the configured target

    public Backtest(BacktestConfig config) {
        this(config, PerfectFloors.NONE);
    }

    /**
     * @param perfect INTERVAL or HOUR replace the predictive floors by the oracle's own capacity (per interval,
     *     or the most of each hour): a bound on what any forecast could reach with this reactive policy. It
     *     looks ahead by design and is not a policy.
     */
    public Backtest(BacktestConfig config, PerfectFloors perfect) {
        this(config, perfect, null);
    }

    private Backtest(
            BacktestConfig config,
            PerfectFloors perfect,
            int[] givenFloors,
            ReplayHook hook,
            List<PeerPolicy> peers,
            List<Double> trackingTargetsUnderFloors) {
        this.config = config;
        this.perfect = perfect;
        this.givenFloors = givenFloors;
        this.hook = hook;
        this.peers = peers;
        this.trackingTargetsUnderFloors = trackingTargetsUnderFloors;
    }

    private Backtest(BacktestConfig config, PerfectFloors perfect, int[] givenFloors) {
        this(config, perfect, givenFloors, ReplayHook.NONE, List.of(), List.of());
    }

    /** The same replay with social signals and/or a decision log hooked in (see {@link ReplayHook}). */
    public Backtest with(ReplayHook newHook) {
        return new Backtest(config, perfect, givenFloors, newHook, peers, trackingTargetsUnderFloors);
    }

    /**
     * What-if analysis, not a policy the product applies: the predictive floors (and every sizing the daily tuning
     * replays) sit under target tracking at {@code target} instead of the configured target, while target tracking
     * alone (the {@code reactive} row, and the tuning's cost budget relative to it), the oracle and the peers stay at
     * the configured target. It answers "what if the target tracking policy under the floors ran hotter, because
     * the floors already hold the headroom?": on bursty load most of target tracking's capacity is scale-outs to
     * single-interval spikes that are gone before the new units serve.
     *
     * @param target target tracking's target under the floors, in (0, 1]
     */
    public Backtest withTrackingTargetUnderFloors(double target) {
        return withTrackingTargetsUnderFloors(List.of(target));
    }

    /**
     * The same what-if with the target chosen from the history: every sizing is replayed under target tracking at
     * each of {@code targets}. The daily tuning chooses among the first target's sizings as usual; only where that
     * choice is the bursty one ({@link SizingChooser#choseBursty}: bursty load no sizing covered within budget) does
     * it choose among all of them (sizing and target), by the bursty objective and budget. The live floors' target
     * tracking follows the choice; the first target is used until the first tuning. Each of {@link BacktestResult#sizings()} is then labelled with its target ("P80 at 90% under 80%").
     *
     * @param targets target tracking's targets under the floors, each in (0, 1], at least one
     */
    public Backtest withTrackingTargetsUnderFloors(List<Double> targets) {
        checkTrackingTargets(targets);
        return new Backtest(config, perfect, givenFloors, hook, peers, List.copyOf(targets));
    }

    /**
     * Checks the what-if's targets as {@link #withTrackingTargetsUnderFloors} takes them, so a command can refuse bad
     * ones before it reads a trace.
     *
     * @throws IllegalArgumentException when none is given, one is outside (0, 1], or one is given twice
     */
    public static void checkTrackingTargets(List<Double> targets) {
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("give at least one tracking target under the floors");
        }
        for (double target : targets) {
            if (!(target > 0 && target <= 1)) {
                throw new IllegalArgumentException(
                        "the tracking target under the floors must be in (0, 1], got " + target);
            }
        }
        if (new java.util.HashSet<>(targets).size() < targets.size()) {
            throw new IllegalArgumentException(
                    "a tracking target under the floors is given twice in " + targets + "; give each once");
        }
    }

    /**
     * The same replay with open peers alongside: each peer's floors are replayed under the same target tracking from
     * the same start, and its totals are added to {@link BacktestResult#policies()} under its {@link PeerPolicy#name()},
     * after the oracle.
     */
    public Backtest withPeers(List<PeerPolicy> newPeers) {
        return new Backtest(config, perfect, givenFloors, hook, List.copyOf(newPeers), trackingTargetsUnderFloors);
    }

    /** For analysis only: replays these floors (one per interval of the trace) instead of planning them. */
    static Backtest replaying(BacktestConfig config, int[] floors) {
        return new Backtest(config, PerfectFloors.NONE, floors.clone());
    }

    /** The same, with target tracking at {@code trackingTarget} under the floors (NaN: the configured target). */
    static Backtest replaying(BacktestConfig config, int[] floors, double trackingTarget) {
        return new Backtest(
                config,
                PerfectFloors.NONE,
                floors.clone(),
                ReplayHook.NONE,
                List.of(),
                Double.isNaN(trackingTarget) ? List.of() : List.of(trackingTarget));
    }

    public BacktestResult run(Trace trace, IntConsumer progress) {
        int n = trace.size();
        long stepSeconds = trace.step().getSeconds();
        TargetTracking tracking =
                TargetTracking.awsDefaults(config.targetUtilization(), config.unit(), trace.step(), config.warmup());
        List<TargetTracking> underFloors = trackingTargetsUnderFloors.isEmpty()
                ? List.of(tracking)
                : trackingTargetsUnderFloors.stream().map(tracking::withTarget).toList();
        int decisionLead = (int) Math.ceil(config.warmup().getSeconds() / (double) stepSeconds);

        double[] demand = trace.demand();
        tracking.requireFits(java.util.Arrays.stream(demand)
                .filter(d -> !Double.isNaN(d))
                .max()
                .orElse(0));
        double[] predicted = nan(n);
        double[] lower = nan(n);
        double[] upper = nan(n);
        int[] floor = new int[n];
        int[] reactive = new int[n];
        int[] predictive = new int[n];
        int[] oracle = new int[n];
        int[] reactiveServing = new int[n];
        int[] predictiveServing = new int[n];

        int initial = Double.isNaN(demand[0]) ? 1 : tracking.needed(demand[0]);
        // Peers need only the trace: they are replayed on other cores while the product's replay runs.
        List<java.util.concurrent.CompletableFuture<int[][]>> peerRuns = peers.stream()
                .map(p -> java.util.concurrent.CompletableFuture.supplyAsync(
                        () -> PeerReplay.replay(p, trace, tracking, initial)))
                .toList();
        CapacitySimulator reactiveSim = new CapacitySimulator(tracking, initial);
        CapacitySimulator predictiveSim = new CapacitySimulator(underFloors.get(0), initial);
        HourlyPeaks peaks = new HourlyPeaks(trace, config.hourQuantile());
        PlanningCore core = new PlanningCore(new LoadPredictor(config.revalidateEvery()), new CapacityPlanner(1000));
        PlanningCore baseline = null;
        boolean plans = givenFloors == null && perfect == PerfectFloors.NONE;
        List<SizingTrack> tracks = plans
                ? underFloors.stream()
                        .flatMap(tt -> config.sizings().stream()
                                .map(z -> new SizingTrack(
                                        z, config, tt, underFloors.size() > 1, stepSeconds, n, initial)))
                        .toList()
                : List.of();
        SizingChooser chooser = new SizingChooser(config.underObjective(), config.costCap());
        int perTarget = tracks.size() / underFloors.size();
        int chosen = tracks.isEmpty() ? 0 : startingSizing(tracks);
        String[] sizing = new String[n];
        Instant tunedAt = null;
        Instant lastData = null;
        int lastOracle = initial;

        if (givenFloors != null) {
            System.arraycopy(givenFloors, 0, floor, 0, Math.min(n, givenFloors.length));
        } else if (perfect != PerfectFloors.NONE) {
            perfectFloors(trace, tracking, floor);
        }
        for (int s = 0; s < n; s++) {
            reactiveSim.begin(s, 0);
            predictiveSim.begin(s, floor[s]);
            reactive[s] = reactiveSim.provisioned();
            reactiveServing[s] = reactiveSim.serving();
            predictive[s] = predictiveSim.provisioned();
            predictiveServing[s] = predictiveSim.serving();
            if (!Double.isNaN(demand[s])) {
                lastOracle = Math.max(1, tracking.needed(demand[s]));
                lastData = trace.time(s + 1);
            }
            oracle[s] = lastOracle;
            int next = s + 1 < n ? floor[s + 1] : 0;
            reactiveSim.end(demand[s], 0);
            predictiveSim.end(demand[s], next);
            for (SizingTrack track : tracks) {
                track.replay(s, demand[s]);
            }
            sizing[s] = tracks.isEmpty() ? "" : tracks.get(chosen).label();
            peaks.add(s);

            // End of interval s: plan at each new hour, from hours that have ended (and at once on a new trend).
            boolean signalled = s + 1 < n && hook.advance(trace.time(s + 1));
            if (plans && s + 1 < n && (peaks.hourChangesAfter(s) || signalled)) {
                Instant now = trace.time(s + 1);
                // At the hour boundaries where score-feedback would tune the deployed target (TuningSchedule).
                if (tracks.size() > 1 && TuningSchedule.due(tunedAt, now)) {
                    int judged = choose(tracks, perTarget, chooser, demand, reactive, reactiveServing, s);
                    if (judged >= 0) {
                        chosen = judged;
                        predictiveSim.follow(tracks.get(chosen).tracking);
                        tunedAt = now;
                    }
                }
                RegularSeries history = peaks.history(s, config.history());
                if (history.size() > 0) {
                    List<PlanningCore.SocialTrend> trends = hook.social(now, history);
                    List<LoadPrediction> path = core.forecast(inputs(history, trends), now);
                    // What the load alone would have forecast, for the hook's account of what signals added: a
                    // core of its own, so the live forecast's cached method choice is not disturbed.
                    List<LoadPrediction> alone = path;
                    if (hook != ReplayHook.NONE
                            && (!trends.isEmpty() || !config.events().isEmpty())) {
                        baseline = baseline != null
                                ? baseline
                                : new PlanningCore(
                                        new LoadPredictor(config.revalidateEvery()), new CapacityPlanner(1000));
                        List<KnownEvent> past = config.events().stream()
                                .filter(e -> !e.end().isAfter(now))
                                .toList();
                        alone = baseline.forecast(
                                new PlanningCore.Inputs(
                                        history,
                                        null,
                                        config.zone(),
                                        config.excluded(),
                                        past,
                                        List.of(),
                                        Map.of(),
                                        null),
                                now);
                    }
                    double[] shape = config.intraHour() ? peaks.intraHourProfile(s, Duration.ofDays(14)) : null;
                    int first = s + 1 + decisionLead;
                    ScalingPlan live = null;
                    for (SizingTrack track : tracks) {
                        ScalingPlan plan =
                                track.plan(core, trace, path, now, lastData, first, shape, predicted, lower, upper);
                        live = track == tracks.get(chosen) ? plan : live;
                    }
                    // The live floors are the chosen sizing's; each sizing also keeps its own, replayed alongside.
                    int[] source = tracks.get(chosen).floor;
                    hook.planned(new ReplayHook.Planned(now, first, history, alone, path, live, floor, source));
                    int reach = (int) (PlanningCore.FLOOR_REACH.getSeconds() / stepSeconds);
                    System.arraycopy(
                            source,
                            Math.min(first, n),
                            floor,
                            Math.min(first, n),
                            Math.max(0, Math.min(n, first + reach) - first));
                }
            }
            if (progress != null) {
                progress.accept(s);
            }
        }
        Map<String, BacktestResult.PolicyStats> stats = new LinkedHashMap<>();
        double oracleHours = unitHours(oracle, stepSeconds);
        stats.put("reactive", stats(demand, reactiveServing, reactive, tracking, stepSeconds, oracleHours));
        stats.put("predictive", stats(demand, predictiveServing, predictive, tracking, stepSeconds, oracleHours));
        stats.put("oracle", stats(demand, oracle, oracle, tracking, stepSeconds, oracleHours));
        for (int i = 0; i < peers.size(); i++) {
            int[][] replayed;
            try {
                replayed = peerRuns.get(i).join();
            } catch (java.util.concurrent.CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
            stats.put(peers.get(i).name(), stats(demand, replayed[0], replayed[1], tracking, stepSeconds, oracleHours));
        }
        List<BacktestResult.SizingOutcome> sizings = tracks.stream()
                .map(t -> new BacktestResult.SizingOutcome(
                        t.label(), stats(demand, t.serving(), t.provisioned(), tracking, stepSeconds, oracleHours)))
                .toList();
        return new BacktestResult(
                trace,
                config,
                stats,
                new BacktestResult.Timeline(
                        demand,
                        predicted,
                        lower,
                        upper,
                        floor,
                        reactive,
                        predictive,
                        oracle,
                        sizing,
                        reactiveServing,
                        predictiveServing),
                sizings);
    }

    private int startingSizing(List<SizingTrack> tracks) {
        for (int i = 0; i < tracks.size(); i++) {
            Sizing z = tracks.get(i).sizing;
            if (z.quantile() == config.capacityQuantile()
                    && z.floorUtilization() == config.floorUtilization()
                    && z.spare() == config.spareUnits()) {
                return i;
            }
        }
        return tracks.size() - 1;
    }

    /** Re-chooses the sizing from the last week; -1 until there is a day of replays to judge by. */
    private static int choose(
            List<SizingTrack> tracks,
            int perTarget,
            SizingChooser chooser,
            double[] demand,
            int[] reactive,
            int[] reactiveServing,
            int s) {
        int firstPlanned = tracks.get(0).firstPlanned;
        if (firstPlanned < 0) {
            return -1;
        }
        long window = TUNING_WINDOW.getSeconds() / tracks.get(0).stepSeconds;
        int from = (int) Math.max(firstPlanned, s + 1 - window);
        if ((s + 1 - from) * tracks.get(0).stepSeconds < MIN_TUNING_HISTORY.getSeconds()) {
            return -1;
        }
        SizingChooser.Record alone =
                SizingTrack.record(demand, reactiveServing, reactive, from, s, tracks.get(0).tracking);
        int perHour = (int) (3600 / tracks.get(0).stepSeconds);
        // With several targets under the floors (the what-if), the sizings under the first target come first and the
        // others are offered to bursty load only (see the chooser).
        return chooser.choose(
                tracks.stream().map(t -> t.record(demand, from, s)).toList(),
                perTarget,
                alone,
                Burstiness.withinHour(demand, from, s, perHour));
    }

    private static BacktestResult.PolicyStats stats(
            double[] demand,
            int[] serving,
            int[] provisioned,
            TargetTracking tracking,
            long stepSeconds,
            double oracleHours) {
        int known = 0;
        int under = 0;
        double total = 0;
        double unserved = 0;
        for (int s = 0; s < demand.length; s++) {
            if (Double.isNaN(demand[s])) {
                continue;
            }
            known++;
            double served = serving[s] * tracking.unit();
            total += demand[s];
            if (demand[s] > served + 1e-9) {
                under++;
                unserved += demand[s] - served;
            }
        }
        double hours = unitHours(provisioned, stepSeconds);
        return new BacktestResult.PolicyStats(
                known == 0 ? 0 : under / (double) known,
                total == 0 ? 0 : unserved / total,
                hours,
                oracleHours == 0 ? 0 : hours / oracleHours);
    }

    private static double unitHours(int[] capacity, long stepSeconds) {
        double sum = 0;
        for (int c : capacity) {
            sum += c;
        }
        return sum * stepSeconds / 3600.0;
    }

    private static double[] nan(int n) {
        double[] a = new double[n];
        Arrays.fill(a, Double.NaN);
        return a;
    }

    private void perfectFloors(Trace trace, TargetTracking tracking, int[] floor) {
        int last = 1;
        for (int s = 0; s < floor.length; s++) {
            double d = trace.demand()[s];
            last = Double.isNaN(d) ? last : Math.max(1, tracking.needed(d));
            floor[s] = last;
        }
        if (perfect == PerfectFloors.HOUR) {
            int s = 0;
            while (s < floor.length) {
                long hour = HourlyPeaks.hour(trace, s);
                int e = s;
                int most = 0;
                while (e < floor.length && HourlyPeaks.hour(trace, e) == hour) {
                    most = Math.max(most, floor[e++]);
                }
                java.util.Arrays.fill(floor, s, e, most);
                s = e;
            }
        }
    }

    /** One planning step of the replay: the forecast path and the plan made from it. */
    public record PlanningStep(RegularSeries history, List<LoadPrediction> path, ScalingPlan plan) {}

    /**
     * The replay's planning step at {@code now} (an hour boundary of the trace), on its own: the hours that had
     * ended by then, forecast and planned by the same core with {@code policy} from {@code inForce} units. What the
     * replay does at that hour with a fresh method choice; used to check the backtest against predict-and-scale.
     */
    public PlanningStep planningStep(Trace trace, Instant now, ScalingPolicy policy, int inForce) {
        HourlyPeaks peaks = new HourlyPeaks(trace, config.hourQuantile());
        Instant lastData = null;
        int s = -1;
        while (s + 1 < trace.size() && !trace.time(s + 2).isAfter(now)) {
            s++;
            peaks.add(s);
            lastData = Double.isNaN(trace.demand()[s]) ? lastData : trace.time(s + 1);
        }
        if (s < 0) {
            throw new IllegalArgumentException("the trace has no complete interval before " + now);
        }
        PlanningCore core = new PlanningCore(new LoadPredictor(config.revalidateEvery()), new CapacityPlanner(1000));
        RegularSeries history = peaks.history(s, config.history());
        List<LoadPrediction> path = core.forecast(inputs(history), now);
        return new PlanningStep(
                history,
                path,
                core.plan(
                        trace.name(),
                        policy,
                        inForce,
                        path,
                        now,
                        java.util.Optional.ofNullable(lastData),
                        java.util.Optional.empty()));
    }

    /** What the core forecasts from at one planning step: the trace's hourly history, the target's zone and events. */
    PlanningCore.Inputs inputs(RegularSeries history) {
        return inputs(history, List.of());
    }

    /** The same with the keywords trending now (from the replayed mentions, see {@link SocialReplay}). */
    PlanningCore.Inputs inputs(RegularSeries history, List<PlanningCore.SocialTrend> trends) {
        return new PlanningCore.Inputs(
                history, null, config.zone(), config.excluded(), config.events(), trends, Map.of(), null);
    }
}
