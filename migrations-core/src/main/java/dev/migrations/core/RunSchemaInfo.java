package dev.migrations.core;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.migrations.safety.SchemaInfo;
import org.jspecify.annotations.Nullable;

/**
 * What the safety checks learn about the live database during one locked command, remembered from the first answer:
 * the dry-run review asks before anything is applied, so a table that a pending migration creates stays "new" (not
 * yet used by anyone) when the statements that use it are checked again as they run, after it was created.
 */
final class RunSchemaInfo implements SchemaInfo {

	private final ConnectionSchemaInfo live;

	/**
	 * While the review runs (nothing is applied then): the relation names of each schema asked about more than once,
	 * read in one query instead of one per table; {@code null} outside the review, where each table is asked live.
	 */
	private @Nullable Map<String, Optional<Set<String>>> relationNames;

	/** The schemas asked about during the review, by {@link #schemaKey}. */
	private final Set<String> askedSchemas = new HashSet<>();

	private final Map<String, Optional<Boolean>> tables = new HashMap<>();

	private final Map<String, Optional<String>> columns = new HashMap<>();

	RunSchemaInfo(ConnectionSchemaInfo live) {
		this.live = live;
	}

	@Override
	public Optional<String> columnType(@Nullable String schema, String table, String column) {
		return this.columns.computeIfAbsent(schema + "\u0000" + table + "\u0000" + column,
				(key) -> this.live.columnType(schema, table, column));
	}

	@Override
	public Optional<Boolean> tableExists(@Nullable String schema, String table) {
		return this.tables.computeIfAbsent(schema + "\u0000" + table, (key) -> lookUp(schema, table));
	}

	private Optional<Boolean> lookUp(@Nullable String schema, String table) {
		Map<String, Optional<Set<String>>> snapshot = this.relationNames;
		String key = schemaKey(schema);
		// The first question about a schema is one query either way; from the second on, reading all its names at
		// once saves a round trip per table.
		if (snapshot != null && !this.askedSchemas.add(key)) {
			Optional<Set<String>> names = snapshot.computeIfAbsent(key, (k) -> this.live.relationNames(schema));
			if (names.isPresent()) {
				return Optional.of(names.get().contains(table));
			}
		}
		return this.live.tableExists(schema, table);
	}

	private static String schemaKey(@Nullable String schema) {
		return (schema != null) ? "schema " + schema : "search path";
	}

	/**
	 * Runs the review: while it runs nothing is applied, so the relation names of a schema read once answer every
	 * question about its tables; after it, a question not answered yet is asked live again.
	 */
	<T> T reviewing(Review<T> review) throws SQLException {
		this.relationNames = new HashMap<>();
		try {
			return review.run();
		}
		finally {
			this.relationNames = null;
			this.askedSchemas.clear();
		}
	}

	/** The review's work. */
	@FunctionalInterface
	interface Review<T> {

		T run() throws SQLException;

	}

	/**
	 * Asks, before the statement that creates the table runs, whether it exists: when it does not, it stays "new" for
	 * the rest of the run (a {@code CREATE TABLE IF NOT EXISTS} of an existing table changes nothing).
	 */
	@Override
	public void tableCreated(@Nullable String schema, String table) {
		tableExists(schema, table);
	}

	@Override
	public Optional<String> timeZone() {
		return this.live.timeZone();
	}

}
