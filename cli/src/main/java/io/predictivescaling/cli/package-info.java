/**
 * The bin/predictive-scaling command line (picocli): Main and the commands that are not backtests or benchmarks of
 * a feature (demo, invoke, report, trends, event-impact, add-event, bench-patterns, bench-scale), and what they
 * share (CliContext, AwsAccess, LocalAws, UserError).
 *
 * <p><b>May import.</b> Imports from this project today: aws; aws.local; backtest; cli.backtest; cli.fleet; cli.m4;
 * cli.scenario; events; feedback; forecast; functions.analyzepatterns; functions.dispatchtargets;
 * functions.fetchevents; functions.fetchsentiment; functions.predictandscale; functions.recordmetrics;
 * functions.scorefeedback; metrics; patterns; scaling; sentiment; targets. New code here should not add a project
 * import beyond these.
 *
 * <p><b>Known debt: package cycles.</b> cli &lt;-&gt; cli.backtest (cli uses BacktestCommand, BacktestManyCommand,
 * BenchBacktestCommand, BoundCommand, ExportHistoryCommand; cli.backtest uses LocalAws); cli &lt;-&gt; cli.scenario
 * (cli uses BenchSocialCommand, ScenarioCommand; cli.scenario uses Main).
 */
package io.predictivescaling.cli;
