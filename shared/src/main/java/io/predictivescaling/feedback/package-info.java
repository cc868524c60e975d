/**
 * Scoring matured predictions against the load that came (ScoreFeedbackService, Accuracy, MaturedPrediction), the
 * feedback store port and its DynamoDB adapter (which also holds signal confidence), daily re-tuning of
 * capacityQuantile and loadPerUnit (SizingTuner), and metrics emission (MetricsEmitter, EmbeddedMetricFormat:
 * CloudWatch embedded metric format on stdout).
 *
 * <p><b>May import.</b> Imports from this project today: aws (Retry); backtest (BacktestConfig, FloorReplay,
 * SizingChooser, TargetTracking); forecast (LoadPrediction); metrics (LoadSample, Rollup, Rollups,
 * TimeSeriesStore); scaling (CapacityPlanner, ScalingPolicy); targets (ScalableTarget, TargetRepository). New code
 * here should not add a project import beyond these.
 *
 * <p><b>Known debt: package cycles.</b> Direct: feedback &lt;-&gt; scaling (feedback uses CapacityPlanner,
 * ScalingPolicy; scaling uses Accuracy, FeedbackStore). Through longer loops (e.g. metrics -&gt; targets -&gt;
 * patterns -&gt; metrics, feedback -&gt; backtest -&gt; scaling -&gt; feedback) backtest, events, feedback,
 * forecast, metrics, patterns, scaling, sentiment and targets are one strongly connected group today; issue 17
 * breaks it by moving shared helpers (HTTP feeds, statistics, EventBridge publishing, metrics emission, TimeWindow,
 * the simulation production uses) into a common package.
 */
package io.predictivescaling.feedback;
