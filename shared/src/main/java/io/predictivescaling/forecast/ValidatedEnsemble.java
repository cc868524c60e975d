package io.predictivescaling.forecast;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Chooses and combines methods per series by rolling-origin validation on that series' own history: each
 * candidate forecasts the last few windows it has not seen, and the best few by mean absolute error are
 * averaged with weights that favour the more accurate. Combinations of simple seasonal methods chosen this
 * way are what won the M4 competition's hourly track among statistical methods.
 */
public final class ValidatedEnsemble implements ForecastMethod {
    private final List<ForecastMethod> candidates;
    private final int origins;
    private final int keep;

    public ValidatedEnsemble(List<ForecastMethod> candidates, int origins, int keep) {
        this.candidates = List.copyOf(candidates);
        this.origins = origins;
        this.keep = keep;
    }

    /** The validation result of one candidate. */
    public record Scored(ForecastMethod method, double error, double weight) {
    }

    /** What was chosen for a series and the combined forecast. */
    public record Choice(List<Scored> chosen, double[] forecast) {
    }

    @Override
    public String name() {
        return "validated-ensemble";
    }

    @Override
    public double[] forecast(double[] history, int horizon) {
        return choose(history, horizon).forecast();
    }

    public Choice choose(double[] history, int horizon) {
        int n = history.length;
        List<Scored> scored = new ArrayList<>();
        for (ForecastMethod method : candidates) {
            double error = 0;
            int windows = 0;
            for (int o = 1; o <= origins; o++) {
                int origin = n - o * horizon;
                if (origin < method.minHistory()) {
                    break;
                }
                double[] past = java.util.Arrays.copyOf(history, origin);
                double[] f = method.forecast(past, horizon);
                double sum = 0;
                for (int h = 0; h < horizon; h++) {
                    sum += Math.abs(history[origin + h] - f[h]);
                }
                error += sum / horizon;
                windows++;
            }
            if (windows > 0) {
                scored.add(new Scored(method, error / windows, 0));
            }
        }
        if (scored.isEmpty()) {
            throw new IllegalArgumentException("history of " + n + " steps is too short for every method");
        }
        scored.sort(Comparator.comparingDouble(Scored::error));
        List<Scored> best = scored.subList(0, Math.min(keep, scored.size()));
        double floor = Math.max(best.get(0).error(), 1e-9);
        double total = 0;
        List<Scored> weighted = new ArrayList<>();
        for (Scored s : best) {
            double w = 1 / Math.max(s.error(), floor);
            weighted.add(new Scored(s.method(), s.error(), w));
            total += w;
        }
        double[] combined = new double[horizon];
        List<Scored> chosen = new ArrayList<>();
        for (Scored s : weighted) {
            double w = s.weight() / total;
            chosen.add(new Scored(s.method(), s.error(), w));
            double[] f = s.method().forecast(history, horizon);
            for (int h = 0; h < horizon; h++) {
                combined[h] += w * f[h];
            }
        }
        return new Choice(chosen, combined);
    }

    @Override
    public int minHistory() {
        return candidates.stream().mapToInt(ForecastMethod::minHistory).min().orElse(1);
    }
}
