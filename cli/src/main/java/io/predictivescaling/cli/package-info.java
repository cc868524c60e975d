/**
 * The bin/predictive-scaling command line (picocli): Main and the commands that are not backtests or benchmarks of
 * a feature (demo, invoke, report, trends, event-impact, add-event, bench-patterns, bench-scale), and what they
 * share (CliContext, SinceConverter; the AWS they talk to is cli.local's).
 *
 * <p><b>May import:</b> aws, aws.local, backtest, cli.backtest, cli.coldinit, cli.files, cli.fleet, cli.local, cli.m4, cli.scenario, common,
 * events, feedback, forecast, functions.analyzepatterns, functions.dispatchtargets, functions.fetchevents,
 * functions.fetchsentiment, functions.predictandscale, functions.recordmetrics, functions.scorefeedback, metrics,
 * patterns, scaling, sentiment. New code here imports only these packages of this project; adding one is a design
 * change made here, and it must not close a package cycle (PackageDependenciesTest checks both).
 */
package io.predictivescaling.cli;
