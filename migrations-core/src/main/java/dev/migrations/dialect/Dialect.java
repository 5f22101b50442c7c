package dev.migrations.dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * What the engine needs to know about a database: how to quote, how to render a literal where the database cannot
 * bind a parameter (DDL), how to take the schema lock, and how to find out who holds it.
 */
public interface Dialect {

	/** The dialect's name, for messages. */
	String name();

	/**
	 * Quotes one identifier, whatever it contains: {@code orders} becomes {@code "orders"} and {@code a"b} becomes
	 * {@code "a""b"}. Names are never split on dots; use {@link #qualify(String, String)} for a schema.
	 */
	String quote(String identifier);

	/** A quoted, optionally schema-qualified name: {@code "app"."orders"}, or {@code "orders"} without a schema. */
	default String qualify(@Nullable String schema, String name) {
		return (schema != null) ? quote(schema) + "." + quote(name) : quote(name);
	}

	/**
	 * Renders a constant as SQL text, for the places where PostgreSQL takes no bind parameters (column defaults and
	 * other DDL). Strings are escaped, numbers are validated, anything else is refused.
	 */
	String literal(@Nullable Object value);

	/** The schema that unqualified names resolve to on this connection. */
	String currentSchema(Connection connection) throws SQLException;

	/** Tries once to take the session lock {@code key}; never waits. */
	boolean tryLock(Connection connection, long key) throws SQLException;

	/** Releases the session lock {@code key}; {@code false} when this session did not hold it. */
	boolean unlock(Connection connection, long key) throws SQLException;

	/** The session that holds the lock {@code key}, if any. */
	Optional<LockHolder> lockHolder(Connection connection, long key) throws SQLException;

	/**
	 * Sets the lock and statement timeouts (in milliseconds) for the current transaction ({@code local}) or the
	 * session, in one round trip.
	 */
	void setTimeouts(Connection connection, long lockTimeoutMillis, long statementTimeoutMillis, boolean local)
			throws SQLException;

	/** Returns the session's lock and statement timeouts to their defaults. */
	void resetTimeouts(Connection connection) throws SQLException;

	/**
	 * The column's type as the database prints it ({@code character varying(20)}), empty when the table or column
	 * does not exist. The safety checks use it to tell type changes that rewrite the table from those that do not.
	 */
	Optional<String> columnType(Connection connection, @Nullable String schema, String table, String column)
			throws SQLException;

	/** Whether a table, view or other relation of that name exists. */
	boolean relationExists(Connection connection, @Nullable String schema, String name) throws SQLException;

	/** The session's time zone setting. */
	String timeZone(Connection connection) throws SQLException;

	/** Whether the exception means a statement gave up waiting for a lock (PostgreSQL: SQLSTATE 55P03). */
	boolean isLockTimeout(Throwable ex);

	/** Whether the exception means a column does not exist (PostgreSQL: SQLSTATE 42703). */
	boolean isUndefinedColumn(Throwable ex);

	/** Whether the exception means the table or view does not exist (PostgreSQL: SQLSTATE 42P01). */
	boolean isUndefinedTable(Throwable ex);

	/**
	 * The dialect for the database behind the connection.
	 * @throws UnsupportedDatabaseException when the database is not supported
	 */
	static Dialect of(Connection connection) throws SQLException {
		String product = connection.getMetaData().getDatabaseProductName();
		if ("PostgreSQL".equalsIgnoreCase(product)) {
			return new PostgresDialect();
		}
		throw new UnsupportedDatabaseException(product);
	}

}
