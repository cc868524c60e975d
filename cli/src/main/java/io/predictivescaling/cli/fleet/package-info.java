/**
 * bench-fleet: planning a large fleet of targets against in-memory fakes of the stores and services (FakeStores,
 * FakeServices), timed and counted (Meter).
 *
 * <p><b>May import.</b> Imports from this project today: events; feedback; fleet; metrics; patterns; scaling;
 * sentiment; targets. New code here should not add a project import beyond these.
 */
package io.predictivescaling.cli.fleet;
