package dev.migrations.schema;

import org.jspecify.annotations.Nullable;

/**
 * One column as {@link QueryInterface#describeTable} reads it from the catalog.
 *
 * @param name the column's name
 * @param type the type as PostgreSQL prints it ({@code format_type}), e.g. {@code numeric(10,2)}
 * @param nullable whether the column allows NULL
 * @param defaultValue the default as SQL ({@code 'active'::text}, {@code now()}), or {@code null} when none
 * @param primaryKey whether the column is part of the primary key
 * @param identity {@code ALWAYS} or {@code BY DEFAULT} for an identity column, {@code null} otherwise
 */
public record ColumnDescription(String name, String type, boolean nullable, @Nullable String defaultValue,
		boolean primaryKey, @Nullable String identity) {
}
