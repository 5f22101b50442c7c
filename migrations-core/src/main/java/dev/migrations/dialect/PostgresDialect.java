package dev.migrations.dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * PostgreSQL: double-quoted identifiers, escaped string literals, session advisory locks.
 */
public final class PostgresDialect implements Dialect {

	/** PostgreSQL truncates identifiers to 63 bytes (NAMEDATALEN - 1). */
	public static final int MAX_IDENTIFIER_BYTES = 63;

	private static final String LOCK_TIMEOUT = "55P03";

	private static final String UNDEFINED_TABLE = "42P01";

	// pg_locks splits a bigint advisory key into classid (high half) and objid (low half), with objsubid 1.
	private static final String LOCK_HOLDER_SQL = """
			SELECT a.pid, a.application_name, host(a.client_addr), a.backend_start, a.state, a.query
			FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
			WHERE l.locktype = 'advisory' AND l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
			  AND l.classid::bigint = ? AND l.objid::bigint = ? AND l.objsubid = 1
			LIMIT 1""";

	private static final String LOCK_BLOCKERS_SQL = """
			SELECT a.pid, a.application_name, left(a.query, 200), a.xact_start,
			       string_agg(DISTINCT c.oid::regclass::text, ', ')
			FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid JOIN pg_class c ON c.oid = l.relation
			WHERE l.locktype = 'relation' AND l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
			  AND a.pid <> pg_backend_pid() AND c.relkind IN ('r', 'p', 'm', 'f')
			  AND c.relnamespace NOT IN ('pg_catalog'::regnamespace, 'information_schema'::regnamespace)
			  AND a.xact_start <= clock_timestamp() - make_interval(secs => ?)
			GROUP BY a.pid, a.application_name, a.query, a.xact_start
			ORDER BY a.xact_start
			LIMIT 5""";

	@Override
	public String name() {
		return "PostgreSQL";
	}

	/**
	 * Quotes an identifier.
	 * @throws IllegalArgumentException when it is empty, holds a NUL character, or is longer than
	 * {@value #MAX_IDENTIFIER_BYTES} bytes in UTF-8 (PostgreSQL would silently truncate it, and name something else)
	 */
	@Override
	public String quote(String identifier) {
		if (identifier.isEmpty()) {
			throw new IllegalArgumentException("An SQL identifier must not be empty");
		}
		if (identifier.indexOf('\0') >= 0) {
			throw new IllegalArgumentException("An SQL identifier must not contain a NUL character: " + identifier);
		}
		int bytes = identifier.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
		if (bytes > MAX_IDENTIFIER_BYTES) {
			throw new IllegalArgumentException("The identifier \"" + identifier + "\" is " + bytes
					+ " bytes long in UTF-8; PostgreSQL silently truncates identifiers to " + MAX_IDENTIFIER_BYTES
					+ " bytes, so it would name something else: use a name of at most " + MAX_IDENTIFIER_BYTES
					+ " bytes");
		}
		return '"' + identifier.replace("\"", "\"\"") + '"';
	}

	@Override
	public String literal(@Nullable Object value) {
		return Literals.render(value, PostgresDialect::stringLiteral, (number) -> stringLiteral(number.toString()));
	}

	private static String stringLiteral(String text) {
		if (text.indexOf('\0') >= 0) {
			throw new IllegalArgumentException("PostgreSQL text cannot contain a NUL character");
		}
		// E'' makes the escaping independent of standard_conforming_strings.
		StringBuilder sql = new StringBuilder(text.length() + 3);
		boolean backslash = text.indexOf('\\') >= 0;
		if (backslash) {
			sql.append('E');
		}
		sql.append('\'');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\'') {
				sql.append("''");
			}
			else if (c == '\\') {
				sql.append("\\\\");
			}
			else {
				sql.append(c);
			}
		}
		return sql.append('\'').toString();
	}

	@Override
	public String currentSchema(Connection connection) throws SQLException {
		String schema = SingleRow.query(connection, "SELECT current_schema()", (row) -> row.getString(1));
		if (schema == null) {
			throw new SQLException("The connection has no current schema: its search_path names no existing schema");
		}
		return schema;
	}

	@Override
	public String searchPath(Connection connection) throws SQLException {
		return setting(connection, "search_path");
	}

	@Override
	public void setSearchPath(Connection connection, String searchPath) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("SELECT set_config('search_path', ?, false)")) {
			statement.setString(1, searchPath);
			statement.executeQuery().close();
		}
	}

	@Override
	public boolean tryLock(Connection connection, long key) throws SQLException {
		return booleanCall(connection, "SELECT pg_try_advisory_lock(?)", key);
	}

	@Override
	public boolean unlock(Connection connection, long key) throws SQLException {
		return booleanCall(connection, "SELECT pg_advisory_unlock(?)", key);
	}

	private static boolean booleanCall(Connection connection, String sql, long key) throws SQLException {
		return SingleRow.query(connection, sql, (row) -> row.getBoolean(1), key);
	}

	@Override
	public Optional<LockHolder> lockHolder(Connection connection, long key) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(LOCK_HOLDER_SQL)) {
			statement.setLong(1, (key >>> 32) & 0xFFFFFFFFL);
			statement.setLong(2, key & 0xFFFFFFFFL);
			try (ResultSet rs = statement.executeQuery()) {
				if (!rs.next()) {
					return Optional.empty();
				}
				return Optional.of(new LockHolder(rs.getInt(1), rs.getString(2), rs.getString(3),
						rs.getObject(4, OffsetDateTime.class), rs.getString(5), rs.getString(6)));
			}
		}
	}

	@Override
	public List<LockBlocker> lockBlockers(Connection connection, Duration heldFor) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(LOCK_BLOCKERS_SQL)) {
			statement.setDouble(1, heldFor.toMillis() / 1000.0);
			List<LockBlocker> blockers = new ArrayList<>();
			try (ResultSet rs = statement.executeQuery()) {
				while (rs.next()) {
					blockers.add(new LockBlocker(rs.getInt(1), rs.getString(2), rs.getString(3),
							rs.getObject(4, OffsetDateTime.class), rs.getString(5)));
				}
			}
			return blockers;
		}
	}

	@Override
	public void setTimeouts(Connection connection, long lockTimeoutMillis, long statementTimeoutMillis, boolean local)
			throws SQLException {
		try (PreparedStatement statement = connection
			.prepareStatement("SELECT set_config('lock_timeout', ?, ?), set_config('statement_timeout', ?, ?)")) {
			statement.setString(1, lockTimeoutMillis + "ms");
			statement.setBoolean(2, local);
			statement.setString(3, statementTimeoutMillis + "ms");
			statement.setBoolean(4, local);
			statement.executeQuery().close();
		}
	}

	@Override
	public long sessionId(Connection connection) throws SQLException {
		return SingleRow.query(connection, "SELECT pg_backend_pid()", (row) -> row.getLong(1));
	}

	/** The PgJDBC {@code PGConnection.getBackendPID()}, read reflectively: the driver is not a compile dependency. */
	@Override
	public OptionalLong announcedSessionId(Connection connection) {
		for (ClassLoader loader : new ClassLoader[] { PostgresDialect.class.getClassLoader(),
				Thread.currentThread().getContextClassLoader(), connection.getClass().getClassLoader() }) {
			try {
				Class<?> pgConnection = Class.forName("org.postgresql.PGConnection", false, loader);
				if (connection.isWrapperFor(pgConnection)) {
					Object pid = pgConnection.getMethod("getBackendPID").invoke(connection.unwrap(pgConnection));
					return (pid instanceof Number number) ? OptionalLong.of(number.longValue()) : OptionalLong.empty();
				}
			}
			catch (ReflectiveOperationException | SQLException | LinkageError | RuntimeException ex) {
				// not PgJDBC, or not from this class loader: try the next one
			}
		}
		return OptionalLong.empty();
	}

	/**
	 * Two transactions: the first reads the session's identity (process id and start time, so that a reused pid is
	 * not taken for the same session) and sets a probe; the second reads both and resets the probe in the same
	 * statement, so nothing is left where it ran. A pooler whose reset query runs after every transaction is caught
	 * by the probe even on the same server process.
	 */
	@Override
	public boolean sessionPersists(Connection connection) throws SQLException {
		String token = UUID.randomUUID().toString();
		String first;
		try (PreparedStatement statement = connection.prepareStatement("SELECT pid || '@' || backend_start, "
				+ "set_config('migrations.probe', ?, false) FROM pg_stat_activity WHERE pid = pg_backend_pid()")) {
			statement.setString(1, token);
			try (ResultSet rs = statement.executeQuery()) {
				first = rs.next() ? rs.getString(1) : null;
			}
		}
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("SELECT pid || '@' || backend_start, "
						+ "current_setting('migrations.probe', true), set_config('migrations.probe', NULL, false) "
						+ "FROM pg_stat_activity WHERE pid = pg_backend_pid()")) {
			return rs.next() && first != null && first.equals(rs.getString(1)) && token.equals(rs.getString(2));
		}
	}

	@Override
	public Map<String, String> sessionSettings(Connection connection) throws SQLException {
		Map<String, String> settings = new LinkedHashMap<>();
		try (Statement statement = connection.createStatement(); ResultSet rs = statement
			.executeQuery("SELECT name, setting FROM pg_settings WHERE context IN ('user', 'superuser') ORDER BY name")) {
			while (rs.next()) {
				settings.put(rs.getString(1), rs.getString(2));
			}
		}
		return settings;
	}

	@Override
	public void setSessionSettings(Connection connection, Map<String, String> settings) throws SQLException {
		// pg_settings.setting is in the setting's base unit, which set_config reads back as such.
		try (PreparedStatement statement = connection.prepareStatement(
				"SELECT set_config(s.name, s.value, false) FROM unnest(?::text[], ?::text[]) AS s(name, value)")) {
			statement.setArray(1, connection.createArrayOf("text", settings.keySet().toArray()));
			statement.setArray(2, connection.createArrayOf("text", settings.values().toArray()));
			statement.executeQuery().close();
		}
	}

	@Override
	public boolean setConnectionCheckInterval(Connection connection, long millis) throws SQLException {
		try {
			return SingleRow.query(connection, "SELECT CASE WHEN current_setting('server_version_num')::int >= 140000 "
					+ "THEN set_config('client_connection_check_interval', ?, false) END",
					(row) -> row.getString(1) != null, millis + "ms");
		}
		catch (SQLException ex) {
			// 22023: a platform without the check refuses any value but 0
			if ("22023".equals(ex.getSQLState())) {
				return false;
			}
			throw ex;
		}
	}

	@Override
	public Optional<String> columnType(Connection connection, @Nullable String schema, String table, String column)
			throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("SELECT format_type(a.atttypid, a.atttypmod) "
				+ "FROM pg_attribute a WHERE a.attrelid = to_regclass(?) AND a.attname = ? AND a.attnum > 0 "
				+ "AND NOT a.attisdropped")) {
			statement.setString(1, qualify(schema, table));
			statement.setString(2, column);
			try (ResultSet rs = statement.executeQuery()) {
				return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
			}
		}
	}

	@Override
	public boolean relationExists(Connection connection, @Nullable String schema, String name) throws SQLException {
		return SingleRow.query(connection, "SELECT to_regclass(?) IS NOT NULL", (row) -> row.getBoolean(1),
				qualify(schema, name));
	}

	/**
	 * An unqualified name finds a relation of any schema of {@code current_schemas(true)} (the temporary schema and
	 * {@code pg_catalog} included, schemas without USAGE left out), as {@code to_regclass} does; a qualified one, a
	 * relation of that schema, none when it does not exist. A schema without USAGE (which {@code to_regclass} refuses)
	 * and the temporary schema by its alias are left to {@link #relationExists}.
	 */
	@Override
	public Optional<Set<String>> relationNames(Connection connection, @Nullable String schema, int limit)
			throws SQLException {
		if (schema != null && schema.startsWith("pg_temp")) {
			return Optional.empty();
		}
		String sql = (schema == null)
				? "SELECT true, c.relname FROM pg_catalog.pg_class c WHERE c.relnamespace = ANY (SELECT n.oid FROM "
						+ "pg_catalog.pg_namespace n WHERE n.nspname = ANY (pg_catalog.current_schemas(true))) LIMIT ?"
				: "SELECT pg_catalog.has_schema_privilege(n.oid, 'USAGE'), c.relname FROM pg_catalog.pg_namespace n "
						+ "LEFT JOIN pg_catalog.pg_class c ON c.relnamespace = n.oid WHERE n.nspname = ? LIMIT ?";
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			int index = 1;
			if (schema != null) {
				statement.setString(index++, schema);
			}
			statement.setInt(index, limit + 1);
			Set<String> names = new HashSet<>();
			int rows = 0;
			try (ResultSet rs = statement.executeQuery()) {
				while (rs.next()) {
					if (!rs.getBoolean(1) || ++rows > limit) {
						return Optional.empty();
					}
					String name = rs.getString(2);
					if (name != null) {
						names.add(name);
					}
				}
			}
			return Optional.of(names);
		}
	}

	@Override
	public String timeZone(Connection connection) throws SQLException {
		return setting(connection, "TimeZone");
	}

	/** A setting of the session, as {@code current_setting} reads it. */
	private static String setting(Connection connection, String name) throws SQLException {
		return SingleRow.query(connection, "SELECT current_setting(?)", (row) -> row.getString(1), name);
	}

	@Override
	public boolean isLockTimeout(Throwable ex) {
		return hasState(ex, LOCK_TIMEOUT);
	}

	@Override
	public boolean isUndefinedColumn(Throwable ex) {
		return hasState(ex, "42703");
	}

	@Override
	public String historySummaryQuery(String qualifiedTable) {
		// COLLATE "C": the binary order of the ids, whatever the database's collation, as the code sorts them.
		String applied = " FILTER (WHERE state = 'applied')";
		return "SELECT count(*)" + applied + ", count(*) FILTER (WHERE state <> 'applied'), max(id COLLATE \"C\")"
				+ applied + ", count(*) FILTER (WHERE state = 'applied' AND checksum IS NULL), md5(coalesce(string_agg("
				+ "id || ':' || checksum, ',' ORDER BY id COLLATE \"C\") FILTER (WHERE state = 'applied' AND checksum "
				+ "IS NOT NULL), '')) FROM " + qualifiedTable;
	}

	@Override
	public boolean isUndefinedTable(Throwable ex) {
		return hasState(ex, UNDEFINED_TABLE);
	}

	@Override
	public boolean isAlreadyExists(Throwable ex) {
		for (String state : new String[] { "42P07", "42P06", "42701", "42710", "42723" }) {
			if (hasState(ex, state)) {
				return true;
			}
		}
		return false;
	}

	private static boolean hasState(Throwable ex, String state) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof SQLException sql && state.equals(sql.getSQLState())) {
				return true;
			}
		}
		return false;
	}

}
