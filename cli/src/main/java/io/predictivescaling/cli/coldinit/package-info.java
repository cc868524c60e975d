/**
 * bench-cold-init's launcher: ColdInitLauncher starts a function's zip in a fresh JVM, ColdInitRun is what that JVM
 * runs and reports (init and first-invoke times).
 *
 * <p><b>May import:</b> nothing from this project. The launched JVM holds only the zip under test, so new code
 * here must not import this project's packages; adding one is a design change made here, and it must not close a
 * package cycle (PackageDependenciesTest checks both).
 */
package io.predictivescaling.cli.coldinit;
