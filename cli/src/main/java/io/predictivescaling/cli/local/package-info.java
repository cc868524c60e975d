/**
 * A local AWS for the commands: LocalAws points every client at a given endpoint or a moto_server it starts, and
 * prepares the stack's tables and a demo target.
 *
 * <p><b>May import:</b> aws, aws.local, common. New code here imports only these packages of this project; adding
 * one is a design change made here, and it must not close a package cycle (PackageDependenciesTest checks both).
 */
package io.predictivescaling.cli.local;
