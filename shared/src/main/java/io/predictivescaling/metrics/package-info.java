/**
 * Recording load: the MetricSource port and its CloudWatch adapter (CloudWatchMetricSource, CloudWatchHistory),
 * sample validation (SampleValidator), the TimeSeriesStore port and its DynamoDB adapter with roll-ups (Rollup,
 * Rollups), the regular grid the engine reads (RegularSeries), and the record-metrics service.
 *
 * <p><b>May import:</b> aws, targets. New code here imports only these packages of this project; adding one is a
 * design change made here, and it must not close a package cycle (PackageDependenciesTest checks both).
 */
package io.predictivescaling.metrics;
