/**
 * The backtest: trace files read onto a regular grid (TraceReader, TraceLayout, TraceValues), the replay of the
 * planning core over them (Backtest, PlannedFloors, SocialReplay, DecisionLog) against a simulated target tracking
 * policy (CapacitySimulator, TargetTracking, FloorReplay), sizing chosen from replays (SizingChooser, SizingTrack)
 * and the hindsight bound (FeasibilityBound). Pure: no AWS calls.
 *
 * <p><b>May import.</b> Imports from this project today: events (KnownEvent); forecast (LoadPrediction,
 * LoadPredictor); metrics (RegularSeries); patterns (IntraHourProfile, Stats, TimeWindow); scaling
 * (CapacityPlanner, CapacityStep, PlanningCore, ScalingPlan, ScalingPolicy); sentiment (FetchSentimentService,
 * Signal, SocialImpact, TrendDetector). New code here should not add a project import beyond these.
 *
 * <p><b>Known debt: package cycles.</b> Through longer loops (e.g. metrics -&gt; targets -&gt; patterns -&gt;
 * metrics, feedback -&gt; backtest -&gt; scaling -&gt; feedback) backtest, events, feedback, forecast, metrics,
 * patterns, scaling, sentiment and targets are one strongly connected group today; issue 17 breaks it by moving
 * shared helpers (HTTP feeds, statistics, EventBridge publishing, metrics emission, TimeWindow, the simulation
 * production uses) into a common package.
 */
package io.predictivescaling.backtest;
