package dev.migrations.dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

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

	/** The session's {@code search_path}, as {@link #setSearchPath} takes it back. */
	String searchPath(Connection connection) throws SQLException;

	/** Sets the session's {@code search_path} to the value (a list of quoted identifiers), bound, not spliced. */
	void setSearchPath(Connection connection, String searchPath) throws SQLException;

	/** Releases the session lock {@code key}; {@code false} when this session did not hold it. */
	boolean unlock(Connection connection, long key) throws SQLException;

	/** The session that holds the lock {@code key}, if any. */
	Optional<LockHolder> lockHolder(Connection connection, long key) throws SQLException;

	/**
	 * The other sessions that hold locks on tables in a transaction open for at least {@code heldFor}: who a statement
	 * that gave up waiting {@code heldFor} for its lock was most likely waiting behind, oldest first, at most five.
	 */
	List<LockBlocker> lockBlockers(Connection connection, Duration heldFor) throws SQLException;

	/**
	 * Sets the lock and statement timeouts (in milliseconds) for the current transaction ({@code local}) or the
	 * session, in one round trip.
	 */
	void setTimeouts(Connection connection, long lockTimeoutMillis, long statementTimeoutMillis, boolean local)
			throws SQLException;

	/** The id of the server session behind the connection at this moment (PostgreSQL: {@code pg_backend_pid()}). */
	long sessionId(Connection connection) throws SQLException;

	/**
	 * The session id announced to the driver when the connection was opened (PostgreSQL: the process id of the
	 * BackendKeyData message), empty when the driver does not tell. A connection pooler between the application and
	 * the database announces an id of its own, so it differs from {@link #sessionId(Connection)}.
	 */
	default OptionalLong announcedSessionId(Connection connection) {
		return OptionalLong.empty();
	}

	/**
	 * Whether the server session survives from one transaction to the next on this auto-commit connection: the
	 * session id and a session-level probe setting are read in two separate transactions. The probe is reset
	 * afterwards. A transaction-mode pooler answers {@code false} when the second transaction lands on another
	 * server session.
	 */
	boolean sessionPersists(Connection connection) throws SQLException;

	/** The session's settings that a client can change ({@code SET}), by name, to be restored after a run. */
	Map<String, String> sessionSettings(Connection connection) throws SQLException;

	/** Sets back every session setting that differs from the snapshot taken by {@link #sessionSettings}. */
	void restoreSessionSettings(Connection connection, Map<String, String> snapshot) throws SQLException;

	/**
	 * Makes the server check every {@code millis} during a long statement whether the client is still connected,
	 * and end the session (releasing its locks) when it is not (PostgreSQL 14+: {@code
	 * client_connection_check_interval}).
	 * @return {@code false} when the server cannot do that (PostgreSQL before 14, or a platform without it)
	 */
	boolean setConnectionCheckInterval(Connection connection, long millis) throws SQLException;

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
	 * The query that summarizes a history table in one row, so that a restart with nothing to do reads one row instead
	 * of every row. Its columns: the number of applied rows, the number of other rows (failed, running), the newest
	 * applied id, the MD5 (lowercase hex) of the applied ids joined by {@code ,} in their binary order, the number of
	 * applied rows with a checksum, and the MD5 of those rows' {@code id:checksum} joined the same way.
	 * @param qualifiedTable the quoted, qualified history table
	 */
	String historySummaryQuery(String qualifiedTable);

	/**
	 * Whether the exception means the object a statement creates exists already (PostgreSQL: {@code relation "users"
	 * already exists}, SQLSTATE 42P07, and the other duplicate-object states 42P06, 42701, 42710, 42723).
	 */
	boolean isAlreadyExists(Throwable ex);

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
