/**
 * The schema DSL ({@link dev.migrations.schema.QueryInterface}) that migrations use: table, column, index, constraint,
 * type and object builders that render quoted SQL through a {@link dev.migrations.dialect.Dialect}, data operations
 * with bound parameters, catalog reads, and reversible changes (each operation with its inverse).
 */
@NullMarked
package dev.migrations.schema;

import org.jspecify.annotations.NullMarked;
