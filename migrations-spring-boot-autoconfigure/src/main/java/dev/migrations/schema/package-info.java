/**
 * The schema DSL ({@link dev.migrations.schema.QueryInterface}) that migrations use: table, column, index and
 * constraint builders that render quoted SQL through a {@link dev.migrations.dialect.Dialect}.
 */
@NullMarked
package dev.migrations.schema;

import org.jspecify.annotations.NullMarked;
