/**
 * Planning and applying capacity: the pure planning core shared by predict-and-scale and the backtest
 * (PlanningCore, CapacityPlanner, ScalingPolicy, Strategy, Severity, ScalingPlan, CapacityStep), turning a plan
 * into scheduled actions safely (PlanReconciler, PlanApplier, ScheduledFloor), the capacity gateway port and its
 * Application Auto Scaling adapter, the prediction store port and its DynamoDB adapters, EventBridge publishing
 * (EventPublisher, EventBridgePublisher, PlanEvents), the bundle of stores a plan reads (PlanInputs), and the
 * predict-and-scale service.
 *
 * <p><b>May import.</b> Imports from this project today: aws (Retry); events (EventAdjuster, EventEffects,
 * EventImpact, EventStore, KnownEvent); feedback (Accuracy, FeedbackStore); forecast (LoadPrediction,
 * LoadPredictor, LocalHours); metrics (LoadSample, RegularSeries, Rollup, Rollups, TimeSeriesStore); patterns
 * (LoadPatterns, PatternStore, TimeWindow); sentiment (Signal, SignalStore, SocialImpact); targets (ScalableTarget,
 * TargetRepository). New code here should not add a project import beyond these.
 *
 * <p><b>Known debt: package cycles.</b> Direct: scaling &lt;-&gt; events (scaling uses EventAdjuster, EventEffects,
 * EventImpact, EventStore, KnownEvent; events uses EventPublisher); scaling &lt;-&gt; feedback (scaling uses
 * Accuracy, FeedbackStore; feedback uses CapacityPlanner, ScalingPolicy); scaling &lt;-&gt; sentiment (scaling uses
 * Signal, SignalStore, SocialImpact; sentiment uses EventPublisher); scaling &lt;-&gt; targets (scaling uses
 * ScalableTarget, TargetRepository; targets uses ScalableResource, ScalingConfig, ScalingPolicy). Through longer
 * loops (e.g. metrics -&gt; targets -&gt; patterns -&gt; metrics, feedback -&gt; backtest -&gt; scaling -&gt;
 * feedback) backtest, events, feedback, forecast, metrics, patterns, scaling, sentiment and targets are one
 * strongly connected group today; issue 17 breaks it by moving shared helpers (HTTP feeds, statistics, EventBridge
 * publishing, metrics emission, TimeWindow, the simulation production uses) into a common package.
 */
package io.predictivescaling.scaling;
