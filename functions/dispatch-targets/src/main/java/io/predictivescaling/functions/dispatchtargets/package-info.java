/**
 * The dispatch-targets Lambda: a thin handler that wires the target repository and the SQS queue from the
 * environment and runs the fleet's DispatchService.
 *
 * <p><b>May import.</b> Imports from this project today: aws; fleet; targets. New code here should not add a
 * project import beyond these.
 */
package io.predictivescaling.functions.dispatchtargets;
