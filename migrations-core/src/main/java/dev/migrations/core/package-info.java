/**
 * The migration engine: {@link dev.migrations.core.Migration}, the {@link dev.migrations.core.Migrator} (plan, lock,
 * apply, record), the history store and the schema lock. Free of Spring Boot.
 */
@NullMarked
package dev.migrations.core;

import org.jspecify.annotations.NullMarked;
