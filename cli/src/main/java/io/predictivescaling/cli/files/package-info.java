/**
 * What each file or folder option of the command line must be (FileOption: an input file, an input folder, an output
 * file, an output folder), checked while the command line is parsed, so every command refuses a folder given for a
 * file, a missing, unreadable or empty input, or an output whose folder does not exist, in one line that names the
 * option, the path, what is wrong and the fix, before it reads or writes anything.
 *
 * <p><b>May import:</b> nothing from this project. New code here must not import this project's packages; adding
 * one is a design change made here, and it must not close a package cycle (PackageDependenciesTest checks both).
 */
package io.predictivescaling.cli.files;
