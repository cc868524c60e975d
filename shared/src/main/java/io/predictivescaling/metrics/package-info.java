/**
 * Recording load: the MetricSource port and its CloudWatch adapter (CloudWatchMetricSource, CloudWatchHistory),
 * sample validation (SampleValidator), the TimeSeriesStore port and its DynamoDB adapter with roll-ups (Rollup,
 * Rollups), the regular grid the engine reads (RegularSeries), and the record-metrics service.
 *
 * <p><b>May import.</b> Imports from this project today: aws (Retry); targets (CloudWatchMetric, ScalableTarget,
 * TargetRepository). New code here should not add a project import beyond these.
 *
 * <p><b>Known debt: package cycles.</b> Through longer loops (e.g. metrics -&gt; targets -&gt; patterns -&gt;
 * metrics, feedback -&gt; backtest -&gt; scaling -&gt; feedback) backtest, events, feedback, forecast, metrics,
 * patterns, scaling, sentiment and targets are one strongly connected group today; issue 17 breaks it by moving
 * shared helpers (HTTP feeds, statistics, EventBridge publishing, metrics emission, TimeWindow, the simulation
 * production uses) into a common package.
 */
package io.predictivescaling.metrics;
