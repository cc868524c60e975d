/**
 * AWS plumbing every feature shares: the SDK clients with the project's retry, timeout and endpoint settings
 * (AwsClients), the retry policy for partial failures and throttling (Retry), and environment and system-property
 * settings (Settings).
 *
 * <p><b>May import:</b> nothing from this project. New code here imports only these packages of this project; adding
 * one is a design change made here, and it must not close a package cycle (PackageDependenciesTest checks both).
 */
package io.predictivescaling.aws;
