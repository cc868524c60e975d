/**
 * The M4 Hourly benchmark commands (forecast-m4, score-m4, split-m4, backtest-m4 input): reading M4 CSVs, the
 * Naive2 benchmark, and sMAPE, MASE, OWA and quantile scores.
 *
 * <p><b>May import:</b> cli.files, forecast. New code here imports only these packages of this project; adding one is a design
 * change made here, and it must not close a package cycle (PackageDependenciesTest checks both).
 */
package io.predictivescaling.cli.m4;
