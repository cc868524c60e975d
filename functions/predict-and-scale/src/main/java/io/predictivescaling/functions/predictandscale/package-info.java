/**
 * The predict-and-scale Lambdas: the scheduled handler and the queue (fan-out) handler, both thin, and
 * PredictAndScaleWiring, which builds the service and its adapters from the environment once.
 *
 * <p><b>May import:</b> aws, common, events, feedback, fleet, metrics, patterns, scaling, sentiment, targets. New
 * code here imports only these packages of this project; adding one is a design change made here, and it must not
 * close a package cycle (PackageDependenciesTest checks both).
 */
package io.predictivescaling.functions.predictandscale;
