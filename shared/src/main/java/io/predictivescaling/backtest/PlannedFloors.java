package io.predictivescaling.backtest;

import io.predictivescaling.forecast.LoadPrediction;
import io.predictivescaling.planning.CapacityStep;
import io.predictivescaling.planning.ScalingPlan;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Turns an hourly plan into the backtest's per-interval floors: the hour's step, interpolated and shaped. */
final class PlannedFloors {
    private PlannedFloors() {}

    /** Sets floors (and the prediction behind them) for intervals from {@code first} that the plan covers. */
    static void apply(
            ScalingPlan plan,
            List<LoadPrediction> path,
            Trace trace,
            int first,
            int[] floor,
            int[] planned,
            double[] predicted,
            double[] lower,
            double[] upper,
            boolean interpolate,
            double[] shape,
            int limit) {
        if (plan.steps().isEmpty()) {
            return;
        }
        Instant end = path.get(path.size() - 1).forecastTime().plus(Duration.ofHours(1));
        StepCursor current = new StepCursor(plan.steps());
        StepCursor following = new StepCursor(plan.steps());
        for (int s = first; s < trace.size(); s++) {
            Instant t = trace.time(s);
            if (!t.isBefore(end)) {
                break;
            }
            Optional<CapacityStep> step = current.at(t);
            floor[s] = step.map(CapacityStep::capacity).orElse(0);
            planned[s] = floor[s];
            if (interpolate && step.isPresent()) {
                // Ahead of a rise the floor climbs through the second half of the hour toward the next hour's;
                // it never dips below the hour's own, so a rise at the hour boundary is still covered.
                long into = t.getEpochSecond() % 3600;
                Instant next = t.plusSeconds(3600);
                Optional<CapacityStep> after = following.at(next).filter(x -> next.isBefore(end));
                if (into >= 1800 && after.isPresent() && after.get().capacity() > floor[s]) {
                    double w = (into - 1800) / 3600.0;
                    floor[s] =
                            (int) Math.ceil((1 - w) * floor[s] + w * after.get().capacity() - 1e-9);
                }
            }
            if (shape != null && floor[s] > 0) {
                // A recurring within-hour shape (a job at five past the hour) lifts or lowers its intervals.
                int position = (int) ((t.getEpochSecond() % 3600) / trace.step().getSeconds());
                floor[s] = (int) Math.ceil(floor[s] * shape[Math.min(position, shape.length - 1)] - 1e-9);
            }
            floor[s] = Math.min(floor[s], Math.max(limit, planned[s]));
            LoadPrediction p = slot(path, t);
            if (p != null) {
                predicted[s] = p.predictedLoad();
                lower[s] = p.lower();
                upper[s] = p.upper();
            }
        }
    }

    /** {@link ScalingPlan#stepAt} for times that only move forward: the plan's steps are in time order. */
    private static final class StepCursor {
        private final List<CapacityStep> steps;
        private int index = -1;

        StepCursor(List<CapacityStep> steps) {
            this.steps = steps;
        }

        Optional<CapacityStep> at(Instant t) {
            while (index + 1 < steps.size() && !steps.get(index + 1).at().isAfter(t)) {
                index++;
            }
            return index < 0 ? Optional.empty() : Optional.of(steps.get(index));
        }
    }

    private static LoadPrediction slot(List<LoadPrediction> path, Instant t) {
        long hour = Math.floorDiv(t.getEpochSecond(), 3600);
        long first = Math.floorDiv(path.get(0).forecastTime().getEpochSecond(), 3600);
        int k = (int) (hour - first);
        return k >= 0 && k < path.size() ? path.get(k) : null;
    }
}
