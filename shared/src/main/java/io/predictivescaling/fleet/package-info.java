/**
 * Planning many targets: batching targets into queue messages (TargetBatches, PlanBatch, DispatchService), the
 * queue port and its SQS adapter (PlanQueue, SqsPlanQueue), leases so a target is planned by one worker at a time
 * (LeaseStore, DynamoDbLeaseStore), and planning one batch through predict-and-scale (FleetBatchPlanner).
 *
 * <p><b>May import:</b> aws, scaling, targets. New code here imports only these packages of this project; adding one
 * is a design change made here, and it must not close a package cycle (PackageDependenciesTest checks both).
 */
package io.predictivescaling.fleet;
