/**
 * For development only: a real embedded PostgreSQL as the application's database when {@code spring.datasource.url}
 * is not set. Add this module in a way that never reaches a production build (see docs/getting-started.md).
 */
@NullMarked
package dev.migrations.embedded;

import org.jspecify.annotations.NullMarked;
