/**
 * The backtest: trace files read onto a regular grid (TraceReader, TraceLayout, TraceValues), the replay of the
 * planning core over them (Backtest, PlannedFloors, SocialReplay, DecisionLog, SizingTrack) against simulated
 * target tracking (the simulation package), the hindsight bound (FeasibilityBound), and the open peers
 * replayed under the same target tracking (PeerReplay). Pure: no AWS calls. Nothing
 * in production imports it.
 *
 * <p><b>May import:</b> common, events, forecast, metrics, patterns, peers, planning, sentiment, simulation,
 * targets. New
 * code here imports only these packages of this project; adding one is a design change made here, and it must not
 * close a package cycle (PackageDependenciesTest checks both).
 */
package io.predictivescaling.backtest;
