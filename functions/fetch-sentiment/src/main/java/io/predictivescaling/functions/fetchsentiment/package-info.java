/**
 * The fetch-sentiment Lambda: a thin handler that builds the social sources from SENTIMENT_SOURCES and runs
 * FetchSentimentService.
 *
 * <p><b>May import.</b> Imports from this project today: aws; feedback; scaling; sentiment; targets. New code here
 * should not add a project import beyond these.
 */
package io.predictivescaling.functions.fetchsentiment;
