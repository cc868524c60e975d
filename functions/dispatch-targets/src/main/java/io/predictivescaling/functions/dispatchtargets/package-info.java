/**
 * The dispatch-targets Lambda: a thin handler that wires the target repository and the SQS queue from the
 * environment and runs the fleet's DispatchService.
 *
 * <p>DispatchTargetsWiring is the one place the service is built: by the handler from the environment, and by the
 * CLI and the tests from their own clients and tables.
 *
 * <p><b>May import:</b> aws, common, fleet, targets. New code here imports only these packages of this project;
 * adding one is a design change made here, and it must not close a package cycle (PackageDependenciesTest checks
 * both).
 */
package io.predictivescaling.functions.dispatchtargets;
