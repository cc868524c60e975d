/**
 * Simulated Application Auto Scaling, used by the backtest and by production's sizing tuner: target tracking as AWS
 * documents it (TargetTracking, CapacitySimulator), replaying scheduled floors under it (FloorReplay), and choosing
 * how to size floors from such replays (Sizing, SizingChooser). Pure: no AWS calls.
 *
 * <p><b>May import:</b> nothing from this project. New code here imports only these packages of this project; adding
 * one is a design change made here, and it must not close a package cycle (PackageDependenciesTest checks both).
 */
package io.predictivescaling.simulation;
