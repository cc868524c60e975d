/**
 * The fetch-events Lambda: a thin handler that builds the event sources from EVENT_SOURCES and runs
 * FetchEventsService.
 *
 * <p>FetchEventsWiring is the one place the service is built: by the handler from the environment, and by the CLI
 * and the tests from their own clients and tables.
 *
 * <p><b>May import:</b> aws, common, events. New code here imports only these packages of this project; adding one
 * is a design change made here, and it must not close a package cycle (PackageDependenciesTest checks both).
 */
package io.predictivescaling.functions.fetchevents;
