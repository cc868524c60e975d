/**
 * Open peers of predictive scaling, replayed by the backtest's own simulator so they can be compared with the
 * product on the same trace: a proxy of AWS predictive scaling as documented (AwsPredictiveScaling), Crane's DSP
 * predictor as its EffectiveHPA runs it (CraneDsp, CraneEhpa), and Holt-Winters as the Predictive Horizontal Pod
 * Autoscaler runs it (HoltWinters, PhpaHoltWinters). Each turns a load history into scheduled floors, walk-forward
 * (a floor depends only on load that had been seen when it was decided); target tracking runs under all of them
 * (the simulation package), so capacity units, under-provisioning and cost are counted exactly as for the product.
 * Pure: no AWS calls. Nothing in production imports it.
 *
 * <p><b>May import:</b> simulation. New code here imports only these packages of this project; adding one is a
 * design change made here, and it must not close a package cycle (PackageDependenciesTest checks both).
 */
package io.predictivescaling.peers;
