/**
 * Social signals: the SentimentSource port and its implementations (PublicApiSources: reddit, mastodon, bluesky,
 * hackernews; RssSentimentSource; built from SENTIMENT_SOURCES by SentimentSourceRegistry), the guarded HTTP client every feed and
 * API goes through (GuardedHttp, HttpFeeds, HttpJsonClient) with SourceException as the one failure
 * type, scoring and trend detection (LexiconScorer, TrendDetector), the signal store port and its DynamoDB adapter,
 * the fetch-sentiment service, and SocialImpact (what a trend adds to a forecast, with its skill gate).
 *
 * <p><b>May import.</b> Imports from this project today: aws (Retry, Settings); events (EventAdjuster); forecast
 * (LoadPrediction); metrics (RegularSeries); patterns (Stats); scaling (EventPublisher); targets (ScalableTarget,
 * TargetRepository). New code here should not add a project import beyond these.
 *
 * <p><b>Known debt: package cycles.</b> Direct: sentiment &lt;-&gt; events (sentiment uses EventAdjuster; events
 * uses HttpFeeds, SentimentSource); sentiment &lt;-&gt; scaling (sentiment uses EventPublisher; scaling uses
 * Signal, SignalStore, SocialImpact). Through longer loops (e.g. metrics -&gt; targets -&gt; patterns -&gt;
 * metrics, feedback -&gt; backtest -&gt; scaling -&gt; feedback) backtest, events, feedback, forecast, metrics,
 * patterns, scaling, sentiment and targets are one strongly connected group today; issue 17 breaks it by moving
 * shared helpers (HTTP feeds, statistics, EventBridge publishing, metrics emission, TimeWindow, the simulation
 * production uses) into a common package.
 */
package io.predictivescaling.sentiment;
