package io.predictivescaling.backtest;

import io.predictivescaling.forecast.LoadPrediction;
import io.predictivescaling.metrics.RegularSeries;
import io.predictivescaling.planning.PlanningCore;
import io.predictivescaling.planning.ScalingPlan;
import java.time.Instant;
import java.util.List;

/**
 * What the backtest lets signals other than load do, and whom it tells what it planned: the social replay
 * and the decision log ({@link DecisionLog}). The default does nothing, so a replay without a hook is the plain
 * load-and-calendar backtest.
 */
public interface ReplayHook {
    ReplayHook NONE = new ReplayHook() {};

    /**
     * The load interval ending at {@code now} is over: feed the signals that have ended by then.
     *
     * @return true when one of them asks for a plan at once (a trend starting: predict-and-scale runs every 5
     *     minutes and would plan on it within one run, not at the next hour)
     */
    default boolean advance(Instant now) {
        return false;
    }

    /**
     * The keywords trending at {@code now}, for the planning core to apply as predict-and-scale does (none by
     * default).
     *
     * @param history the hourly load the forecast learns from (the impact is learned against it)
     */
    default List<PlanningCore.SocialTrend> social(Instant now, RegularSeries history) {
        return List.of();
    }

    /** Told of every plan, before its floors replace the old ones. */
    default void planned(Planned planned) {}

    /**
     * One plan of the replay.
     *
     * @param now the decision time
     * @param first the first interval whose floor the plan sets (a warm-up after {@code now})
     * @param history the hourly load the forecast learned from
     * @param alone the load forecast alone, without upcoming events or social trends (the same as {@code path}
     *     when there were none)
     * @param path what was planned from (events and social signals applied, capped together by the core)
     * @param plan the live sizing's plan
     * @param before the floors per interval before this plan
     * @param after the floors this plan sets, from {@code first} on
     */
    record Planned(
            Instant now,
            int first,
            RegularSeries history,
            List<LoadPrediction> alone,
            List<LoadPrediction> path,
            ScalingPlan plan,
            int[] before,
            int[] after) {}
}
