/**
 * Test support for applications that use the migrations starter: {@link dev.migrations.testing.MigratedDatabase}
 * gives each test class a copy of a template database that is migrated once per distinct set of migrations, and
 * {@link dev.migrations.testing.MigrationsVerifier} checks that every migration's {@code down} undoes its {@code up}.
 */
@NullMarked
package dev.migrations.testing;

import org.jspecify.annotations.NullMarked;
