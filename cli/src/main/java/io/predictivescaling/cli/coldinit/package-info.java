/**
 * Cold starts of a packaged Lambda zip: ColdInitRun starts a fresh JVM with only the zip and the Lambda runtime's
 * event serializer on the class path, ColdInitLauncher is that JVM's main class (the runtime's bootstrap).
 *
 * <p><b>May import:</b> nothing from this project. The launcher runs beside the zip's classes and must refer to none
 * of them; the run only starts processes and reads files.
 */
package io.predictivescaling.cli.coldinit;
