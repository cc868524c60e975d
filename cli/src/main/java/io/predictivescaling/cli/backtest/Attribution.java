package io.predictivescaling.cli.backtest;

import io.predictivescaling.backtest.Backtest;
import io.predictivescaling.backtest.BacktestConfig;
import io.predictivescaling.backtest.BacktestResult;
import io.predictivescaling.backtest.Trace;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * What each signal added: the same replay (same planning core, same sizing tuning) is run without the social
 * signal and, when there are events, without events either, and the predictive policy's capacity and
 * under-provisioning compared step by step: reactive scaling (target tracking alone), + the load forecast's floors
 * ({@code forecast}), + calendar events ({@code events}), + the social signal ({@code social}). The replays without
 * a signal run on their own threads beside the full one (they share nothing), so on a machine with cores to spare
 * the attribution costs no wall time.
 */
final class Attribution implements AutoCloseable {
    private final ExecutorService pool;
    private final CompletableFuture<BacktestResult.PolicyStats> withoutSocial;
    private final CompletableFuture<BacktestResult.PolicyStats> loadAlone;

    private Attribution(Trace t, BacktestConfig config, boolean social) {
        pool = Executors.newFixedThreadPool(2, r -> {
            Thread thread = new Thread(r, "attribution");
            thread.setDaemon(true);
            return thread;
        });
        boolean events = !config.events().isEmpty();
        withoutSocial = social ? replay(t, config) : null;
        loadAlone = !events
                ? withoutSocial
                : replay(t, config.with(config.unit(), config.targetUtilization(), config.warmup(), List.of()));
    }

    /**
     * Starts the replays without each signal given, in the background.
     *
     * @param social whether the full replay has a social signal
     * @return null when there is nothing to attribute (no events, no social signal)
     */
    static Attribution start(Trace t, BacktestConfig config, boolean social) {
        return social || !config.events().isEmpty() ? new Attribution(t, config, social) : null;
    }

    private CompletableFuture<BacktestResult.PolicyStats> replay(Trace t, BacktestConfig config) {
        return CompletableFuture.supplyAsync(
                () -> new Backtest(config).run(t, null).policies().get("predictive"), pool);
    }

    /**
     * @param full the replay with every signal
     * @return per signal ({@code forecast}, then {@code events} and {@code social} when given): added unit-hours,
     *     the share it added, and the under-provisioned fraction before and after it was added
     */
    Map<String, Map<String, Object>> of(BacktestResult full) throws InterruptedException {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        BacktestResult.PolicyStats all = full.policies().get("predictive");
        BacktestResult.PolicyStats base = get(loadAlone, all);
        BacktestResult.PolicyStats beforeSocial = get(withoutSocial, all);
        out.put("forecast", added(full.policies().get("reactive"), base));
        if (loadAlone != withoutSocial) {
            out.put("events", added(base, beforeSocial));
        }
        if (withoutSocial != null) {
            out.put("social", added(beforeSocial, all));
        }
        return out;
    }

    private static BacktestResult.PolicyStats get(
            CompletableFuture<BacktestResult.PolicyStats> f, BacktestResult.PolicyStats otherwise)
            throws InterruptedException {
        if (f == null) {
            return otherwise;
        }
        try {
            return f.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    private static Map<String, Object> added(BacktestResult.PolicyStats before, BacktestResult.PolicyStats after) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("addedUnitHours", after.capacityUnitHours() - before.capacityUnitHours());
        m.put(
                "addedShare",
                before.capacityUnitHours() == 0 ? 0 : after.capacityUnitHours() / before.capacityUnitHours() - 1);
        m.put("underProvisionedBefore", before.underProvisionedFraction());
        m.put("underProvisionedAfter", after.underProvisionedFraction());
        return m;
    }

    /** What each signal is called in the console and the report. */
    static String title(String signal) {
        return switch (signal) {
            case "forecast" -> "the load forecast's floors (over target tracking alone)";
            case "events" -> "calendar events";
            case "social" -> "the social signal";
            default -> signal;
        };
    }

    /** "the social signal: +12.0 unit-hours (+0.4%), under-provisioned 1.200% -> 0.800%". */
    static String line(String signal, Map<String, Object> m) {
        return String.format(
                Locale.ROOT,
                "%s: %+,.1f unit-hours (%+.1f%%), under-provisioned %.3f%% -> %.3f%%",
                title(signal),
                (double) m.get("addedUnitHours"),
                100 * (double) m.get("addedShare"),
                100 * (double) m.get("underProvisionedBefore"),
                100 * (double) m.get("underProvisionedAfter"));
    }
}
