/**
 * The seeded story scenarios (scenario game-release, scenario viral-moment: generated load, mentions and calendar
 * replayed through the ordinary backtest command) and bench-social.
 *
 * <p><b>May import:</b> backtest, cli.backtest, cli.files, common, events. New code here imports only these packages of this
 * project; adding one is a design change made here, and it must not close a package cycle (PackageDependenciesTest
 * checks both).
 */
package io.predictivescaling.cli.scenario;
