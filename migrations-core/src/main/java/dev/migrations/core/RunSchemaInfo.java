package dev.migrations.core;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import dev.migrations.safety.SchemaInfo;
import org.jspecify.annotations.Nullable;

/**
 * What the safety checks learn about the live database during one locked command, remembered from the first answer:
 * the dry-run review asks before anything is applied, so a table that a pending migration creates stays "new" (not
 * yet used by anyone) when the statements that use it are checked again as they run, after it was created.
 */
final class RunSchemaInfo implements SchemaInfo {

	private final SchemaInfo live;

	private final Map<String, Optional<Boolean>> tables = new HashMap<>();

	private final Map<String, Optional<String>> columns = new HashMap<>();

	RunSchemaInfo(SchemaInfo live) {
		this.live = live;
	}

	@Override
	public Optional<String> columnType(@Nullable String schema, String table, String column) {
		return this.columns.computeIfAbsent(schema + "\u0000" + table + "\u0000" + column,
				(key) -> this.live.columnType(schema, table, column));
	}

	@Override
	public Optional<Boolean> tableExists(@Nullable String schema, String table) {
		return this.tables.computeIfAbsent(schema + "\u0000" + table, (key) -> this.live.tableExists(schema, table));
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
