/**
 * bench-fleet: planning a large fleet of targets against in-memory fakes of the stores and services (FakeStores,
 * FakeServices), timed and counted (Meter).
 *
 * <p><b>May import:</b> aws, common, events, feedback, fleet, forecast, metrics, patterns, planning, scaling, sentiment,
 * targets. New code here imports only these packages of this project; adding one is a design change made here, and
 * it must not close a package cycle (PackageDependenciesTest checks both).
 */
package io.predictivescaling.cli.fleet;
