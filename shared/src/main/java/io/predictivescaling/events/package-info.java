/**
 * Known (calendar) events: releases, tournaments, holidays. The EventSource port and its implementations
 * (ICalendarSource, RssEventSource, CsvEventSource, built from EVENT_SOURCES by EventSourceRegistry), the event
 * store port and its DynamoDB adapter, the fetch-events service, and what events do to a forecast (EventImpact
 * learned from past events, EventEffects, EventAdjuster, Cascades). "Event" here means a KnownEvent on a calendar;
 * a message on the event bus is a common.EventPublisher.Event.
 *
 * <p><b>May import:</b> aws, common, forecast, metrics. New code here imports only these packages of this project;
 * adding one is a design change made here, and it must not close a package cycle (PackageDependenciesTest checks
 * both).
 */
package io.predictivescaling.events;
