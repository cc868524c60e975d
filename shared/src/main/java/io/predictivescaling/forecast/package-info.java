/**
 * Forecasting a regular series: the ForecastMethod port and the methods (SeasonalNaive, SeasonalProfile,
 * DoubleSeasonalHoltWinters, SeasonalAutoregression, GlobalAutoregression with its trained GlobalArModel), their
 * validated combination with conformal P10-P90 intervals (ValidatedEnsemble, Forecasters), and LoadPredictor, which
 * turns a target's history into LoadPrediction values per horizon. Pure: no AWS calls. Every method obeys ForecastMethodContractTest.
 *
 * <p><b>May import:</b> common, metrics, patterns. New code here imports only these packages of this project; adding
 * one is a design change made here, and it must not close a package cycle (PackageDependenciesTest checks both).
 */
package io.predictivescaling.forecast;
