/**
 * The fetch-sentiment Lambda: a thin handler that builds the social sources from SENTIMENT_SOURCES and runs
 * FetchSentimentService.
 *
 * <p>FetchSentimentWiring is the one place the service is built: by the handler from the environment, and by the
 * CLI and the tests from their own clients and tables.
 *
 * <p><b>May import.</b> Imports from this project today: aws; feedback; scaling; sentiment; targets. New code here
 * should not add a project import beyond these.
 */
package io.predictivescaling.functions.fetchsentiment;
