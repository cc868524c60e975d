/**
 * Planning many targets: batching targets into queue messages (TargetBatches, PlanBatch, DispatchService), the
 * queue port and its SQS adapter (PlanQueue, SqsPlanQueue), leases so a target is planned by one worker at a time
 * (LeaseStore, DynamoDbLeaseStore), and planning one batch through the planning core (FleetBatchPlanner).
 *
 * <p><b>May import.</b> Imports from this project today: aws (Retry); scaling (PredictAndScaleService); targets
 * (ScalableTarget, TargetRepository). New code here should not add a project import beyond these.
 */
package io.predictivescaling.fleet;
