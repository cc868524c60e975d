/**
 * Learning a target's load patterns: daily and weekly shape, trend and spikes (PatternAnalyzer, LoadPatterns,
 * IntraHourProfile), the pattern store port and its DynamoDB adapter, and the analyze-patterns service.
 *
 * <p><b>May import:</b> aws, common, metrics, targets. New code here imports only these packages of this project;
 * adding one is a design change made here, and it must not close a package cycle (PackageDependenciesTest checks
 * both).
 */
package io.predictivescaling.patterns;
