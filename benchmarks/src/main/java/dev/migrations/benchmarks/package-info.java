/**
 * The benchmark harness: the starter beside Flyway, Liquibase and a plain JDBC floor, each in its own JVM. Run it
 * with {@code benchmarks/run.sh}; see {@code benchmarks/README.md}.
 */
package dev.migrations.benchmarks;
