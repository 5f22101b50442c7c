package dev.migrations.core;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;

import dev.migrations.dialect.Dialect;
import dev.migrations.safety.SchemaInfo;
import org.jspecify.annotations.Nullable;

/**
 * What the safety checks may ask of the live schema, answered on the run's connection (catalog reads only).
 */
final class ConnectionSchemaInfo implements SchemaInfo {

	/** The most relation names of one schema read at once; with more, each name is asked alone. */
	private static final int RELATION_NAMES_LIMIT = 20_000;

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

	/**
	 * The names of every relation of the schema ({@code null}: that an unqualified name finds), in one query: see
	 * {@link Dialect#relationNames}; empty when they cannot be read that way, and then {@link #tableExists} answers.
	 */
	Optional<Set<String>> relationNames(@Nullable String schema) {
		try {
			return this.dialect.relationNames(this.connection, schema, RELATION_NAMES_LIMIT);
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
