/**
 * The backtest commands (backtest, backtest-many, bench-backtest, bound, export-history) and their outputs:
 * summary, verdict, timeline and decisions CSV, the HTML report with uPlot charts (HtmlReport, ChartData,
 * ChartJson) and the PNG chart (PngChart, XChart).
 *
 * <p><b>May import.</b> Imports from this project today: aws; backtest; cli; cli.m4; events; metrics; patterns;
 * targets. New code here should not add a project import beyond these.
 *
 * <p><b>Known debt: package cycles.</b> cli.backtest &lt;-&gt; cli (cli.backtest uses LocalAws; cli uses
 * BacktestCommand, BacktestManyCommand, BenchBacktestCommand, BoundCommand, ExportHistoryCommand).
 */
package io.predictivescaling.cli.backtest;
