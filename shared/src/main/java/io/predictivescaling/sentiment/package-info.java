/**
 * Social signals: the SentimentSource port and its implementations (PublicApiSources: reddit, mastodon, bluesky,
 * hackernews; RssSentimentSource; built from SENTIMENT_SOURCES by SentimentSourceRegistry), scoring and trend
 * detection (LexiconScorer, TrendDetector), the signal store port and its DynamoDB adapter, the fetch-sentiment
 * service, and SocialImpact (what a trend adds to a forecast, with its skill gate). "Signal" here is one keyword's
 * mention counts and score over an hour; feedback's signal keys ("pattern:&lt;method&gt;", "event:&lt;type&gt;",
 * "social:&lt;keyword&gt;") name what shaped a prediction.
 *
 * <p><b>May import:</b> aws, common, events, forecast, metrics, targets. New code here imports only these packages
 * of this project; adding one is a design change made here, and it must not close a package cycle
 * (PackageDependenciesTest checks both).
 */
package io.predictivescaling.sentiment;
