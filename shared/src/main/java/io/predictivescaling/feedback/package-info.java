/**
 * Scoring matured predictions against the load that came (ScoreFeedbackService, Accuracy, MaturedPrediction), the
 * feedback store port and its DynamoDB adapter (which also holds signal confidence), daily re-tuning of
 * capacityQuantile and loadPerUnit from simulated replays (SizingTuner), and accuracy as metrics (the
 * MetricsEmitter port; AccuracyMetrics writes them in the embedded metric format).
 *
 * <p><b>May import:</b> aws, common, forecast, metrics, planning, simulation, targets. New code here imports only
 * these packages of this project; adding one is a design change made here, and it must not close a package cycle
 * (PackageDependenciesTest checks both).
 */
package io.predictivescaling.feedback;
