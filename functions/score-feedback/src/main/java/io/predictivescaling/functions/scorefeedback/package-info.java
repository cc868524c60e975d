/**
 * The score-feedback Lambda: a thin handler that wires the DynamoDB adapters from the environment and runs
 * ScoreFeedbackService on its injected clock.
 *
 * <p>ScoreFeedbackWiring is the one place the service is built: by the handler from the environment, and by the
 * CLI and the tests from their own clients and tables.
 *
 * <p><b>May import.</b> Imports from this project today: aws; feedback; metrics; targets. New code here should not
 * add a project import beyond these.
 */
package io.predictivescaling.functions.scorefeedback;
