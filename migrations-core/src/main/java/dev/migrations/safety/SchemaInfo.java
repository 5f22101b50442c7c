package dev.migrations.safety;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * What the checks may learn about the live database to be more precise; everything is optional and the analysis
 * itself never touches the database. Without it, a column type change is always reported, since it cannot be shown
 * to be free of a rewrite.
 */
public interface SchemaInfo {

	/**
	 * The current type of a column as PostgreSQL's {@code format_type} renders it (e.g.
	 * {@code character varying(20)}, {@code numeric(10,2)}, {@code timestamp without time zone}), or empty when
	 * unknown.
	 * @param schema the table's schema as written in the migration, or {@code null} for the search path
	 * @param table the table's name, normalized as PostgreSQL does (unquoted names in lower case)
	 * @param column the column's name, normalized likewise
	 */
	Optional<String> columnType(@Nullable String schema, String table, String column);

	/**
	 * Whether the table exists in the live database, or empty when unknown. A table that does not exist yet is
	 * created by an earlier pending migration of the same run: nobody uses it, so nothing done to it is flagged.
	 * @param schema the table's schema as written in the migration, or {@code null} for the search path
	 * @param table the table's name, normalized as PostgreSQL does
	 */
	default Optional<Boolean> tableExists(@Nullable String schema, String table) {
		return Optional.empty();
	}

	/**
	 * Told when the analysed statements create a table, before the statement runs: an implementation that remembers
	 * what it answered for the whole run can keep such a table "new" for the statements of later migrations of the
	 * run that use it, after it was created.
	 * @param schema the table's schema as written in the migration, or {@code null} for the search path
	 * @param table the table's name, normalized as PostgreSQL does
	 */
	default void tableCreated(@Nullable String schema, String table) {
	}

	/** The {@code TimeZone} setting the migration runs with (e.g. {@code UTC}), or empty when unknown. */
	Optional<String> timeZone();

	/** Knows nothing. */
	static SchemaInfo unknown() {
		return new SchemaInfo() {

			@Override
			public Optional<String> columnType(@Nullable String schema, String table, String column) {
				return Optional.empty();
			}

			@Override
			public Optional<String> timeZone() {
				return Optional.empty();
			}

		};
	}

}
