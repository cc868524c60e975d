/**
 * Running against a local emulator: starting moto_server (Moto), finding the project root, and creating tables from
 * template.yaml's own definitions (TemplateTables). Used by the CLI's demo and invoke commands and by the tests;
 * never by a deployed Lambda.
 *
 * <p><b>May import:</b> nothing from this project. New code here imports only these packages of this project; adding
 * one is a design change made here, and it must not close a package cycle (PackageDependenciesTest checks both).
 */
package io.predictivescaling.aws.local;
