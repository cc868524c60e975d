package io.predictivescaling.feedback;

import io.predictivescaling.forecast.LoadPrediction;
import io.predictivescaling.metrics.LoadSample;
import io.predictivescaling.metrics.Rollup;
import io.predictivescaling.metrics.Rollups;
import io.predictivescaling.planning.CapacityPlanner;
import io.predictivescaling.simulation.Burstiness;
import io.predictivescaling.simulation.FloorReplay;
import io.predictivescaling.simulation.Sizing;
import io.predictivescaling.simulation.SizingChooser;
import io.predictivescaling.simulation.TargetTracking;
import io.predictivescaling.targets.ScalingPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Learns how to size a target's floors from its own last week, as the backtest does: each candidate sizing
 * ({@link Sizing#candidates}: the P50, P65, P80 or P90 of the predicted load, sized at target tracking's utilization
 * or a third or two thirds of the way to full, and at two thirds or full with 1-3 whole spare units; 36 in all)
 * turns the hourly predictions that were really made into floors, which are replayed under target tracking over the
 * real load (5-minute means, or the metric's own coarser interval), next to target tracking alone. {@link
 * SizingChooser} then takes the cheapest that kept under-provisioning at or below 0.5% (judged with a half-count
 * allowance for luck, see {@link SizingChooser#meetsObjective}) within 1.15x target tracking's capacity; for bursty
 * load ({@link Burstiness#withinHour} of the week's load) that no sizing covered, the cheapest at or below 10% within
 * 1.10x (see {@link SizingChooser}), as the backtest chooses.
 */
public final class SizingTuner {
    public static final Duration WINDOW = Duration.ofDays(7);
    static final Duration MIN_HISTORY = Duration.ofDays(1);
    /** The finest interval replayed: target tracking's alarms see 1-minute data, 5-minute means are close enough. */
    static final Duration FINEST = Duration.ofMinutes(5);

    static final SizingChooser CHOOSER =
            new SizingChooser(SizingChooser.DEFAULT_OBJECTIVE, SizingChooser.DEFAULT_COST_CAP);

    /** The sizing chosen, readable in the accuracy table ({@code scope = sizing}). */
    public record TunedSizing(
            double capacityQuantile, double loadPerUnit, int spareUnits, String reason, Instant tunedAt) {}

    private SizingTuner() {}

    /**
     * @param predictions the target's predictions over the window (any horizon; the ones each hour's plan
     *     used are picked out)
     * @param samples its load over the window
     * @return empty until there is a day of load with predictions to judge by
     */
    public static Optional<TunedSizing> tune(
            ScalingPolicy policy,
            double targetUtilization,
            List<MaturedPrediction> predictions,
            List<LoadSample> samples,
            Instant now) {
        Duration interval = interval(samples);
        long step = interval.getSeconds();
        Instant end = Instant.ofEpochSecond(Math.floorDiv(now.getEpochSecond(), step) * step);
        Instant start = end.minus(WINDOW);
        int n = (int) (WINDOW.getSeconds() / step);
        double[] demand = new double[n];
        Arrays.fill(demand, Double.NaN);
        List<LoadSample> inWindow = samples.stream()
                .filter(s -> !s.timestamp().isBefore(start) && s.timestamp().isBefore(end))
                .toList();
        for (Rollup r : Rollups.of(inWindow, interval)) {
            demand[(int) ((r.start().getEpochSecond() - start.getEpochSecond()) / step)] = r.mean();
        }
        Map<Long, List<LoadPrediction>> planned = plannedPerHour(predictions, policy.warmup());
        int judged = 0;
        for (int i = 0; i < n; i++) {
            if (!Double.isNaN(demand[i]) && planned.containsKey(hourOf(start, i, step))) {
                judged++;
            }
        }
        if (judged * step < MIN_HISTORY.getSeconds()) {
            return Optional.empty();
        }
        double unit = policy.loadPerUnit() / targetUtilization;
        TargetTracking tracking = TargetTracking.awsDefaults(targetUtilization, unit, interval, policy.warmup());
        int[] none = new int[n];
        Arrays.fill(none, policy.floor());
        SizingChooser.Record alone = FloorReplay.replay(demand, none, tracking);
        List<Sizing> sizings = Sizing.candidates(targetUtilization);
        List<SizingChooser.Record> records = new ArrayList<>();
        // Sizings share their quantile's planned load (4 quantiles among 36 sizings): each is worked out once.
        Map<Double, double[]> loadByQuantile = new HashMap<>();
        for (Sizing z : sizings) {
            double[] load = loadByQuantile.computeIfAbsent(z.quantile(), q -> plannedLoad(q, planned, start, n, step));
            records.add(FloorReplay.replay(demand, floors(policy, z, unit, load), tracking));
        }
        double burstiness = Burstiness.withinHour(demand, 0, n - 1, (int) (3600 / step));
        int chosen = CHOOSER.choose(records, alone, burstiness);
        Sizing z = sizings.get(chosen);
        SizingChooser.Record r = records.get(chosen);
        String reason = String.format(
                        Locale.ROOT,
                        "%s (loadPerUnit %.4g): over the last %d h of %d-minute load it "
                                + "would have left %.2f%% of intervals under-provisioned at %.2fx the capacity of target "
                                + "tracking alone (%.2f%% under-provisioned)",
                        z.label(),
                        unit * z.floorUtilization(),
                        judged * step / 3600,
                        step / 60,
                        100.0 * r.underProvisioned() / Math.max(1, r.intervals()),
                        r.unitHours() / Math.max(1e-9, alone.unitHours()),
                        100.0 * alone.underProvisioned() / Math.max(1, alone.intervals()))
                + (CHOOSER.choseBursty(records, alone, burstiness)
                        ? String.format(
                                Locale.ROOT,
                                "; bursty load (each hour's P90 %.1fx its median) that no sizing covered within budget: "
                                        + "aimed at %.0f%% within %.2fx, bursts left to target tracking",
                                burstiness,
                                100 * SizingChooser.BURSTY_OBJECTIVE,
                                SizingChooser.BURSTY_COST_CAP)
                        : "");
        return Optional.of(new TunedSizing(z.quantile(), unit * z.floorUtilization(), z.spare(), reason, now));
    }

    /**
     * For each hour, the predictions its plan was made from: those of the latest run at least a warm-up before
     * the hour began (the planner sizes an hour by the most demanding of them).
     */
    static Map<Long, List<LoadPrediction>> plannedPerHour(List<MaturedPrediction> predictions, Duration warmup) {
        Map<Long, Instant> latestRun = new HashMap<>();
        Map<Long, List<LoadPrediction>> byHour = new HashMap<>();
        for (MaturedPrediction p : predictions) {
            long hour = Math.floorDiv(p.forecastTime().getEpochSecond(), 3600);
            Instant madeAt = p.forecastTime().minus(p.horizon());
            if (madeAt.isAfter(Instant.ofEpochSecond(hour * 3600).minus(warmup))) {
                continue;
            }
            Instant latest = latestRun.get(hour);
            if (latest == null || madeAt.isAfter(latest)) {
                latestRun.put(hour, madeAt);
                byHour.put(hour, new ArrayList<>());
            }
            if (madeAt.equals(latestRun.get(hour))) {
                byHour.get(hour)
                        .add(new LoadPrediction(
                                p.forecastTime(), p.horizon(), p.predicted(), p.lower(), p.upper(), 1.0, ""));
            }
        }
        return byHour;
    }

    /** Per interval, the load its hour's plan covered at quantile {@code q} (0 where no plan was made). */
    private static double[] plannedLoad(
            double q, Map<Long, List<LoadPrediction>> planned, Instant start, int n, long step) {
        double[] load = new double[n];
        for (int i = 0; i < n; i++) {
            List<LoadPrediction> hour = planned.get(hourOf(start, i, step));
            load[i] = hour == null
                    ? 0
                    : hour.stream()
                            .mapToDouble(p -> CapacityPlanner.plannedLoad(p, q))
                            .max()
                            .orElse(0);
        }
        return load;
    }

    private static int[] floors(ScalingPolicy policy, Sizing z, double unit, double[] load) {
        int[] floors = new int[load.length];
        for (int i = 0; i < load.length; i++) {
            int needed =
                    (int) Math.ceil(load[i] / (unit * z.floorUtilization()) - 1e-9) + (load[i] > 0 ? z.spare() : 0);
            floors[i] = Math.max(policy.floor(), Math.min(policy.limit(), needed));
        }
        return floors;
    }

    private static long hourOf(Instant start, int i, long step) {
        return Math.floorDiv(start.getEpochSecond() + i * step, 3600);
    }

    /**
     * The interval replayed: the metric's own (the median gap between its samples, in whole minutes), never finer
     * than 5 minutes, so that a metric reported every 30 minutes is not replayed as five gaps and a datapoint.
     */
    static Duration interval(List<LoadSample> samples) {
        long[] times = samples.stream()
                .mapToLong(s -> s.timestamp().getEpochSecond())
                .sorted()
                .distinct()
                .toArray();
        if (times.length < 2) {
            return FINEST;
        }
        long[] gaps = new long[times.length - 1];
        for (int i = 1; i < times.length; i++) {
            gaps[i - 1] = times[i] - times[i - 1];
        }
        Arrays.sort(gaps);
        long minutes = Math.max(FINEST.toMinutes(), (gaps[gaps.length / 2] + 59) / 60);
        while (3600 % (minutes * 60) != 0 && minutes < 60) {
            minutes++; // a whole number of intervals per hour, so hours and intervals line up
        }
        return Duration.ofMinutes(Math.min(60, minutes));
    }
}
