/**
 * The fetch-events Lambda: a thin handler that builds the event sources from EVENT_SOURCES and runs
 * FetchEventsService.
 *
 * <p><b>May import.</b> Imports from this project today: aws; events; feedback; scaling. New code here should not
 * add a project import beyond these.
 */
package io.predictivescaling.functions.fetchevents;
