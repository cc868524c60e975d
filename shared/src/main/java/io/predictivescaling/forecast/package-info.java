/**
 * Forecasting a regular series: the ForecastMethod port and the methods (SeasonalNaive, SeasonalProfile,
 * DoubleSeasonalHoltWinters, SeasonalAutoregression), their validated combination with conformal P10-P90 intervals
 * (ValidatedEnsemble, Forecasters), and LoadPredictor, which turns a target's history into LoadPrediction values
 * per horizon. Pure: no AWS calls. Every method obeys ForecastMethodContractTest.
 *
 * <p><b>May import.</b> Imports from this project today: metrics (RegularSeries); patterns (LoadPatterns,
 * TimeWindow). New code here should not add a project import beyond these.
 *
 * <p><b>Known debt: package cycles.</b> Through longer loops (e.g. metrics -&gt; targets -&gt; patterns -&gt;
 * metrics, feedback -&gt; backtest -&gt; scaling -&gt; feedback) backtest, events, feedback, forecast, metrics,
 * patterns, scaling, sentiment and targets are one strongly connected group today; issue 17 breaks it by moving
 * shared helpers (HTTP feeds, statistics, EventBridge publishing, metrics emission, TimeWindow, the simulation
 * production uses) into a common package.
 */
package io.predictivescaling.forecast;
