/**
 * What is scaled and how: ScalableTarget (one item of the targets table, with its CloudWatchMetric), its scaling
 * configuration (ScalingConfig: the AAS resource it scales, ScalableResource, and the ScalingPolicy knobs), and the
 * TargetRepository port with its DynamoDB adapter, which parses and validates the table's attributes. A new kind of
 * scalable target starts here (ScalableResource).
 *
 * <p><b>May import:</b> aws, common. New code here imports only these packages of this project; adding one is a
 * design change made here, and it must not close a package cycle (PackageDependenciesTest checks both).
 */
package io.predictivescaling.targets;
