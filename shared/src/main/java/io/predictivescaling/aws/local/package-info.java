/**
 * Running against a local emulator: starting moto_server (Moto), finding the project root, and creating tables from
 * template.yaml's own definitions (TemplateTables). Used by the CLI's demo and invoke commands and by the tests;
 * never by a deployed Lambda.
 *
 * <p><b>May import.</b> Imports nothing from this project: only the JDK and libraries. New code here should not add
 * a project import beyond these.
 */
package io.predictivescaling.aws.local;
