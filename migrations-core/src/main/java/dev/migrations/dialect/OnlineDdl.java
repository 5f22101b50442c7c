package dev.migrations.dialect;

/**
 * The DDL operations for which a database may be asked to work online or fail at once ({@link Dialect#online}).
 */
public enum OnlineDdl {

	/** {@code ADD COLUMN} of a plain column (no key, reference or check). */
	ADD_COLUMN,

	/** {@code DROP COLUMN}. */
	DROP_COLUMN,

	/** {@code RENAME COLUMN}. */
	RENAME_COLUMN,

	/** {@code CREATE INDEX}. */
	ADD_INDEX,

	/** {@code DROP INDEX}. */
	DROP_INDEX

}
