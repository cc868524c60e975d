/**
 * The predict-and-scale Lambdas: the scheduled handler and the queue (fan-out) handler, both thin, and
 * PredictAndScaleWiring, which builds the service and its adapters from the environment once.
 *
 * <p><b>May import.</b> Imports from this project today: aws; events; feedback; fleet; metrics; patterns; scaling;
 * sentiment; targets. New code here should not add a project import beyond these.
 */
package io.predictivescaling.functions.predictandscale;
