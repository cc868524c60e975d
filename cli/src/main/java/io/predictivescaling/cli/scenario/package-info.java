/**
 * The seeded story scenarios (scenario game-release, scenario viral-moment: generated load, mentions and calendar
 * replayed through the ordinary backtest) and bench-social.
 *
 * <p><b>May import.</b> Imports from this project today: backtest; cli; events; patterns. New code here should not
 * add a project import beyond these.
 *
 * <p><b>Known debt: package cycles.</b> cli.scenario &lt;-&gt; cli (cli.scenario uses Main; cli uses
 * BenchSocialCommand, ScenarioCommand).
 */
package io.predictivescaling.cli.scenario;
