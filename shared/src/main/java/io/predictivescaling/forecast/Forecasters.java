package io.predictivescaling.forecast;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The method families the engine chooses from, for a given number of steps per day. */
public final class Forecasters {
    private Forecasters() {}

    /** How many of the best-validated candidates are combined. */
    public static final int KEEP = 5;

    /**
     * Candidates for a series with {@code day} steps per day (24 for hourly data, 288 for 5-minute data): the
     * classic seasonal methods, the seasonal autoregressions, the drifting daily pattern and the day-type profiles
     * ({@link DayTypeProfile}: weekdays and weekend days each from the recent days of their own type).
     */
    public static List<ForecastMethod> candidates(int day) {
        List<ForecastMethod> methods = classicCandidates(day);
        methods.add(new SeasonalAutoregression(day, false, "seasonal-ar"));
        methods.add(new SeasonalAutoregression(day, true, "seasonal-ar-log"));
        methods.add(new DriftingSeasonalNaive(day, 1, "drifting-naive"));
        methods.add(new DriftingSeasonalNaive(day, 3, "drifting-profile-3"));
        // Weekdays and weekend days apart, each from its last 5 or 10 days of the same type; as they were, or in logs
        // shifted to the level the last day showed (a ratio). Chosen on six inner M4 windows (see DayTypeProfile).
        for (int k : new int[] {5, 10}) {
            methods.add(new DayTypeProfile(day, k, false, 0, "day-type-" + k));
            methods.add(new DayTypeProfile(day, k, true, 1, "day-type-" + k + "-log-level"));
        }
        methods.add(GlobalAutoregression.hourly(day));
        return methods;
    }

    /**
     * The engine as validated over the last {@code origins} windows of the horizon: the best {@link #KEEP}
     * candidates, combined.
     */
    public static ValidatedEnsemble ensemble(int day, int origins) {
        return new ValidatedEnsemble(candidates(day), origins, KEEP, day);
    }

    /**
     * The engine before the seasonal autoregressions (seasonal naive, profiles and Holt-Winters, best 3
     * combined), kept as the reference it is measured against ({@code forecast-m4 --method classic}).
     */
    public static List<ForecastMethod> classicCandidates(int day) {
        int week = 7 * day;
        List<ForecastMethod> methods = new ArrayList<>();
        methods.add(new SeasonalNaive(day, "daily-naive"));
        methods.add(new SeasonalNaive(week, "weekly-naive"));
        for (boolean log : new boolean[] {false, true}) {
            String suffix = log ? "-log" : "";
            for (int k : new int[] {3, 7}) {
                methods.add(new SeasonalProfile(day, k, day, log, "daily-profile-" + k + suffix));
            }
            for (int k : new int[] {2, 3, 4}) {
                methods.add(new SeasonalProfile(week, k, day, log, "weekly-profile-" + k + suffix));
            }
        }
        methods.add(new DoubleSeasonalHoltWinters(day, 0, false, "holt-winters"));
        methods.add(new DoubleSeasonalHoltWinters(day, 0, true, "holt-winters-log"));
        methods.add(new DoubleSeasonalHoltWinters(day, week, false, "double-seasonal"));
        methods.add(new DoubleSeasonalHoltWinters(day, week, true, "double-seasonal-log"));
        return methods;
    }

    /** The engine as the M4 benchmark runs it: validated on the last 8 windows. */
    public static ValidatedEnsemble auto(int day) {
        return ensemble(day, 8);
    }

    /** The engine before the seasonal autoregressions, see {@link #classicCandidates}. */
    public static ValidatedEnsemble classic(int day) {
        return new ValidatedEnsemble(classicCandidates(day), 8, 3);
    }

    /** For the M4 benchmark (hourly series): "auto", "classic" or one candidate by name. */
    public static ForecastMethod hourly(String name) {
        return hourly(name, candidates(24));
    }

    /** As {@link #hourly(String)}, with {@link GlobalAutoregression} using {@code model} instead of the default. */
    public static ForecastMethod hourly(String name, GlobalArModel model) {
        List<ForecastMethod> methods = new ArrayList<>();
        candidates(24).forEach(m -> methods.add(m instanceof GlobalAutoregression g ? g.withModel(model) : m));
        return hourly(name, methods);
    }

    private static ForecastMethod hourly(String name, List<ForecastMethod> candidates) {
        if ("auto".equals(name)) {
            return new ValidatedEnsemble(candidates, 8, KEEP, 24);
        }
        if ("classic".equals(name)) {
            return classic(24);
        }
        Map<String, ForecastMethod> byName = new LinkedHashMap<>();
        candidates.forEach(m -> byName.put(m.name(), m));
        ForecastMethod method = byName.get(name);
        if (method == null) {
            throw new IllegalArgumentException(
                    "unknown method '" + name + "'; known: auto, classic, " + byName.keySet());
        }
        return method;
    }
}
