/**
 * What is scaled: ScalableTarget (one item of the targets table, with its CloudWatchMetric and scaling
 * configuration) and the TargetRepository port with its DynamoDB adapter, which parses and validates the table's
 * attributes.
 *
 * <p><b>May import.</b> Imports from this project today: aws (Retry); patterns (TimeWindow); scaling
 * (ScalableResource, ScalingConfig, ScalingPolicy). New code here should not add a project import beyond these.
 *
 * <p><b>Known debt: package cycles.</b> Direct: targets &lt;-&gt; patterns (targets uses TimeWindow; patterns uses
 * ScalableTarget, TargetRepository); targets &lt;-&gt; scaling (targets uses ScalableResource, ScalingConfig,
 * ScalingPolicy; scaling uses ScalableTarget, TargetRepository). Through longer loops (e.g. metrics -&gt; targets
 * -&gt; patterns -&gt; metrics, feedback -&gt; backtest -&gt; scaling -&gt; feedback) backtest, events, feedback,
 * forecast, metrics, patterns, scaling, sentiment and targets are one strongly connected group today; issue 17
 * breaks it by moving shared helpers (HTTP feeds, statistics, EventBridge publishing, metrics emission, TimeWindow,
 * the simulation production uses) into a common package.
 */
package io.predictivescaling.targets;
