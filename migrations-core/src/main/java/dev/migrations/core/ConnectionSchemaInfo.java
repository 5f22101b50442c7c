package dev.migrations.core;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

import dev.migrations.dialect.Dialect;
import dev.migrations.safety.SchemaInfo;
import org.jspecify.annotations.Nullable;

/**
 * What the safety checks may ask of the live schema, answered on the run's connection (catalog reads only).
 */
final class ConnectionSchemaInfo implements SchemaInfo {

	private final Connection connection;

	private final Dialect dialect;

	private @Nullable String timeZone;

	ConnectionSchemaInfo(Connection connection, Dialect dialect) {
		this.connection = connection;
		this.dialect = dialect;
	}

	@Override
	public Optional<String> columnType(@Nullable String schema, String table, String column) {
		try {
			return this.dialect.columnType(this.connection, schema, table, column);
		}
		catch (SQLException | RuntimeException ex) {
			return Optional.empty();
		}
	}

	@Override
	public Optional<Boolean> tableExists(@Nullable String schema, String table) {
		try {
			return Optional.of(this.dialect.relationExists(this.connection, schema, table));
		}
		catch (SQLException | RuntimeException ex) {
			return Optional.empty();
		}
	}

	@Override
	public Optional<String> timeZone() {
		try {
			if (this.timeZone == null) {
				this.timeZone = this.dialect.timeZone(this.connection);
			}
			return Optional.of(this.timeZone);
		}
		catch (SQLException | RuntimeException ex) {
			return Optional.empty();
		}
	}

}
