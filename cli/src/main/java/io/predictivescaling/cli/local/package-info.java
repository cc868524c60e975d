/**
 * The AWS a command talks to: the two shapes of the --endpoint option (AwsEndpoint: AWS unless an emulator is
 * named; EmulatorEndpoint: the named emulator or a moto_server started for the command), the checks before a
 * command talks to it and the one-line explanation of SDK failures (AwsAccess), pointing every client at a local
 * emulator and preparing its tables and a demo target (LocalAws), and UserError, the one-line error with its fix
 * that Main prints without a stack trace.
 *
 * <p><b>May import:</b> aws, aws.local, common. New code here imports only these packages of this project; adding
 * one is a design change made here, and it must not close a package cycle (PackageDependenciesTest checks both).
 */
package io.predictivescaling.cli.local;
