/**
 * The fetch-events Lambda: a thin handler that builds the event sources from EVENT_SOURCES and runs
 * FetchEventsService.
 *
 * <p>FetchEventsWiring is the one place the service is built: by the handler from the environment, and by the
 * CLI and the tests from their own clients and tables.
 *
 * <p><b>May import.</b> Imports from this project today: aws; events; feedback; scaling. New code here should not
 * add a project import beyond these.
 */
package io.predictivescaling.functions.fetchevents;
