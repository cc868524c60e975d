/**
 * Known events (releases, tournaments, holidays): the EventSource port and its implementations (ICalendarSource,
 * RssEventSource, CsvEventSource, built from EVENT_SOURCES by EventSourceRegistry), the event store port and its
 * DynamoDB adapter, the fetch-events service, and what events do to a forecast (EventImpact learned from past
 * events, EventEffects, EventAdjuster, Cascades).
 *
 * <p><b>May import.</b> Imports from this project today: aws (Retry); forecast (LoadPrediction); metrics
 * (RegularSeries); scaling (EventPublisher); sentiment (HttpFeeds, SentimentSource). New code here should not add a
 * project import beyond these.
 *
 * <p><b>Known debt: package cycles.</b> Direct: events &lt;-&gt; scaling (events uses EventPublisher; scaling uses
 * EventAdjuster, EventEffects, EventImpact, EventStore, KnownEvent); events &lt;-&gt; sentiment (events uses
 * HttpFeeds, SentimentSource; sentiment uses EventAdjuster). Through longer loops (e.g. metrics -&gt; targets -&gt;
 * patterns -&gt; metrics, feedback -&gt; backtest -&gt; scaling -&gt; feedback) backtest, events, feedback,
 * forecast, metrics, patterns, scaling, sentiment and targets are one strongly connected group today; issue 17
 * breaks it by moving shared helpers (HTTP feeds, statistics, EventBridge publishing, metrics emission, TimeWindow,
 * the simulation production uses) into a common package.
 */
package io.predictivescaling.events;
