/**
 * AWS plumbing every feature shares: the SDK clients with the project's retry, timeout and endpoint settings
 * (AwsClients), the retry policy for partial failures and throttling (Retry), and environment and system-property
 * settings (Settings).
 *
 * <p><b>May import.</b> Imports nothing from this project: only the JDK and libraries. New code here should not add
 * a project import beyond these.
 */
package io.predictivescaling.aws;
