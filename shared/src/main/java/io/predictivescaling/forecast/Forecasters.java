package io.predictivescaling.forecast;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The method families the engine chooses from, for a given number of steps per day. */
public final class Forecasters {
    private Forecasters() {
    }

    /** Candidates for a series with {@code day} steps per day (24 for hourly data, 288 for 5-minute data). */
    public static List<ForecastMethod> candidates(int day) {
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

    public static ForecastMethod auto(int day) {
        return new ValidatedEnsemble(candidates(day), 8, 3);
    }

    /** For the M4 benchmark (hourly series): "auto" or one candidate by name. */
    public static ForecastMethod hourly(String name) {
        if ("auto".equals(name)) {
            return auto(24);
        }
        Map<String, ForecastMethod> byName = new LinkedHashMap<>();
        candidates(24).forEach(m -> byName.put(m.name(), m));
        ForecastMethod method = byName.get(name);
        if (method == null) {
            throw new IllegalArgumentException("unknown method '" + name + "'; known: auto, " + byName.keySet());
        }
        return method;
    }
}
