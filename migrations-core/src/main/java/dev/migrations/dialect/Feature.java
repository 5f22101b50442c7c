package dev.migrations.dialect;

/**
 * What a migration may ask for that not every database has; {@link Dialect#unsupported(Feature)} says why one is
 * missing.
 */
public enum Feature {

	/** Schemas as namespaces inside a database ({@code CREATE SCHEMA}, {@code withSchema}). */
	SCHEMAS,

	/** Indexes with a {@code WHERE} predicate. */
	PARTIAL_INDEX,

	/** {@code CREATE/DROP INDEX CONCURRENTLY}. */
	CONCURRENT_INDEX,

	/** Covering indexes ({@code INCLUDE}). */
	INDEX_INCLUDE,

	/** An index access method ({@code USING gin}). */
	INDEX_METHOD,

	/** {@code NOT VALID} constraints and {@code VALIDATE CONSTRAINT}. */
	NOT_VALID_CONSTRAINT,

	/** Named enum types ({@code CREATE TYPE ... AS ENUM}). */
	ENUM_TYPES,

	/** {@code CREATE EXTENSION}. */
	EXTENSIONS,

	/** Materialized views. */
	MATERIALIZED_VIEWS,

	/** Array types. */
	ARRAYS,

	/** PL/pgSQL functions and triggers written with the QueryInterface. */
	ROUTINES,

	/** The schema snapshot of the catalog and the {@code diff} command's scratch-database replay. */
	CATALOG_SNAPSHOT,

	/** Dropping an index by its name alone, without its table. */
	INDEX_BY_NAME_ONLY,

	/** Changing a column's type or nullability by itself ({@code ALTER COLUMN ... TYPE / SET NOT NULL}). */
	ALTER_COLUMN,

	/** {@code COMMENT ON TABLE/COLUMN}. */
	COMMENT_ON

}
