/**
 * Spring Boot auto-configuration for migrations: {@code migrations.*} properties, the startup initializer and
 * the command-line runner.
 */
@NullMarked
package dev.migrations.autoconfigure;

import org.jspecify.annotations.NullMarked;
