/**
 * The analyze-patterns Lambda: a thin handler that wires the DynamoDB adapters from the environment and runs
 * AnalyzePatternsService.
 *
 * <p>AnalyzePatternsWiring is the one place the service is built: by the handler from the environment, and by the
 * CLI and the tests from their own clients and tables.
 *
 * <p><b>May import.</b> Imports from this project today: aws; metrics; patterns; targets. New code here should not
 * add a project import beyond these.
 */
package io.predictivescaling.functions.analyzepatterns;
