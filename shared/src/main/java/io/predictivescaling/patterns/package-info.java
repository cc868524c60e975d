/**
 * Learning a target's load patterns: daily and weekly shape, trend and spikes (PatternAnalyzer, LoadPatterns,
 * IntraHourProfile), the pattern store port and its DynamoDB adapter, the analyze-patterns service, and small
 * shared helpers that live here today (Stats, TimeWindow).
 *
 * <p><b>May import.</b> Imports from this project today: aws (Retry); metrics (RegularSeries, Rollup,
 * TimeSeriesStore); targets (ScalableTarget, TargetRepository). New code here should not add a project import
 * beyond these.
 *
 * <p><b>Known debt: package cycles.</b> Direct: patterns &lt;-&gt; targets (patterns uses ScalableTarget,
 * TargetRepository; targets uses TimeWindow). Through longer loops (e.g. metrics -&gt; targets -&gt; patterns -&gt;
 * metrics, feedback -&gt; backtest -&gt; scaling -&gt; feedback) backtest, events, feedback, forecast, metrics,
 * patterns, scaling, sentiment and targets are one strongly connected group today; issue 17 breaks it by moving
 * shared helpers (HTTP feeds, statistics, EventBridge publishing, metrics emission, TimeWindow, the simulation
 * production uses) into a common package.
 */
package io.predictivescaling.patterns;
