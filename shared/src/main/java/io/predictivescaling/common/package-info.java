/**
 * Small things several features share, and nothing feature-specific: HTTP feeds through one guarded client
 * (GuardedHttp: scheme and host checks, size cap, deadline; HttpFeeds for RSS/iCalendar/CSV feeds, HttpJsonClient
 * for JSON APIs) with SourceException as the one failure type of every event and sentiment source; statistics
 * (Stats: median, robust sigma, Theil-Sen slope); time windows (TimeWindow); publishing to the project's event bus
 * (the EventPublisher port and its EventBridge adapter, EventBridgePublisher); and metrics emission in CloudWatch's
 * embedded metric format (EmbeddedMetricFormat). What a metric or an event means belongs to the feature that emits
 * it.
 *
 * <p><b>May import:</b> aws. New code here imports only these packages of this project; adding one is a design
 * change made here, and it must not close a package cycle (PackageDependenciesTest checks both).
 */
package io.predictivescaling.common;
