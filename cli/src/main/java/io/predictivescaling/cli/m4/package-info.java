/**
 * The M4 Hourly benchmark commands (forecast-m4, score-m4, split-m4, backtest-m4 input): reading M4 CSVs, the
 * Naive2 benchmark, and sMAPE, MASE, OWA and quantile scores.
 *
 * <p><b>May import.</b> Imports from this project today: forecast. New code here should not add a project import
 * beyond these.
 */
package io.predictivescaling.cli.m4;
