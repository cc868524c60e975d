/**
 * The one planning core, shared by predict-and-scale and the backtest: PlanningCore (history, zone, exclusions,
 * events and social trends in; predictions, capacity steps and scheduled actions out) and CapacityPlanner with what
 * it produces (ScalingPlan, CapacityStep, ScheduledFloor, Severity, Strategy). Pure: no AWS, no clock but the time
 * it is given.
 *
 * <p><b>May import:</b> common, events, forecast, metrics, patterns, sentiment, targets. New code here imports only
 * these packages of this project; adding one is a design change made here, and it must not close a package cycle
 * (PackageDependenciesTest checks both).
 */
package io.predictivescaling.planning;
