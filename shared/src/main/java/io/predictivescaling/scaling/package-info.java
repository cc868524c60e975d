/**
 * The predict-and-scale service: reads what a plan needs (PlanInputs: the feedback, signal and event stores), plans
 * through the planning core, turns a plan into scheduled actions safely (PlanReconciler, PlanApplier), announces it
 * on the event bus (PlanEvents), the capacity gateway port and its Application Auto Scaling adapter
 * (CapacityGateway, ApplicationAutoScalingGateway, TargetState), and the prediction store port and its DynamoDB
 * adapters (PredictionStore, PredictionRecord, DynamoDbPredictionStore, WriteOnChangePredictionStore).
 *
 * <p><b>May import:</b> aws, common, events, feedback, forecast, metrics, patterns, planning, sentiment, targets.
 * New code here imports only these packages of this project; adding one is a design change made here, and it must
 * not close a package cycle (PackageDependenciesTest checks both).
 */
package io.predictivescaling.scaling;
