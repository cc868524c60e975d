/**
 * The backtest commands (backtest, backtest-many, bench-backtest, bound, export-history) and their outputs:
 * summary, verdict, timeline and decisions CSV, the HTML report with uPlot charts (HtmlReport, ChartData,
 * ChartJson) and the PNG chart (PngChart, XChart).
 *
 * <p><b>May import:</b> aws, backtest, cli.files, cli.local, cli.m4, common, events, metrics, peers, targets. New code here imports
 * only these packages of this project; adding one is a design change made here, and it must not close a package
 * cycle (PackageDependenciesTest checks both).
 */
package io.predictivescaling.cli.backtest;
