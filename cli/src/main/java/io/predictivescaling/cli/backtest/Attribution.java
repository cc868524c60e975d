package io.predictivescaling.cli.backtest;

import io.predictivescaling.backtest.Backtest;
import io.predictivescaling.backtest.BacktestConfig;
import io.predictivescaling.backtest.BacktestResult;
import io.predictivescaling.backtest.Trace;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What each signal added: the replay is run again without the social signal, and (when there are events)
 * without events either, and the predictive policy's capacity and under-provisioning compared step by step
 * (load alone, + events, + social).
 */
final class Attribution {
    private Attribution() {
    }

    /**
     * @param full the replay with every signal
     * @return per signal ({@code events}, {@code social}): added unit-hours, and under-provisioned fraction
     *     before and after it was added
     */
    static Map<String, Map<String, Object>> of(Trace t, BacktestConfig config, BacktestResult full) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        BacktestResult.PolicyStats all = full.policies().get("predictive");
        BacktestResult.PolicyStats withoutSocial = new Backtest(config).run(t, null).policies().get("predictive");
        if (!config.events().isEmpty()) {
            BacktestResult.PolicyStats loadAlone = new Backtest(config.with(config.unit(), config.targetUtilization(),
                    config.warmup(), List.of())).run(t, null).policies().get("predictive");
            out.put("events", added(loadAlone, withoutSocial));
        }
        out.put("social", added(withoutSocial, all));
        return out;
    }

    private static Map<String, Object> added(BacktestResult.PolicyStats before, BacktestResult.PolicyStats after) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("addedUnitHours", after.capacityUnitHours() - before.capacityUnitHours());
        m.put("addedShare", before.capacityUnitHours() == 0 ? 0
                : after.capacityUnitHours() / before.capacityUnitHours() - 1);
        m.put("underProvisionedBefore", before.underProvisionedFraction());
        m.put("underProvisionedAfter", after.underProvisionedFraction());
        return m;
    }

    /** "social: +12.0 unit-hours (+0.4%), under-provisioned 1.200% -> 0.800%". */
    static String line(String signal, Map<String, Object> m) {
        return String.format(Locale.ROOT, "%s: %+.1f unit-hours (%+.1f%%), under-provisioned %.3f%% -> %.3f%%", signal,
                (double) m.get("addedUnitHours"), 100 * (double) m.get("addedShare"),
                100 * (double) m.get("underProvisionedBefore"), 100 * (double) m.get("underProvisionedAfter"));
    }
}
