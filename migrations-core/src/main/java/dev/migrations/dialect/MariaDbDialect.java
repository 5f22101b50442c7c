package dev.migrations.dialect;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * MariaDB 10.6+ and MySQL 8.0+: backquoted identifiers, {@code GET_LOCK} named locks, {@code lock_wait_timeout} for
 * the metadata lock queue, and DDL that commits implicitly (so no migration that changes the schema runs in a
 * transaction).
 *
 * <p>Its timeouts are whole seconds for the lock waits ({@code lock_wait_timeout}, {@code innodb_lock_wait_timeout}:
 * a lock timeout under a second is rounded up to one second) and, on MariaDB, {@code max_statement_time} for every
 * statement; MySQL's {@code max_execution_time} bounds only {@code SELECT}s.
 */
public final class MariaDbDialect implements Dialect {

	/** MariaDB and MySQL refuse identifiers longer than 64 characters. */
	public static final int MAX_IDENTIFIER_LENGTH = 64;

	/** ER_LOCK_WAIT_TIMEOUT: a row lock (InnoDB) or a metadata lock ({@code lock_wait_timeout}) was not granted. */
	private static final int LOCK_WAIT_TIMEOUT = 1205;

	/** ER_BAD_FIELD_ERROR. */
	private static final int UNDEFINED_COLUMN = 1054;

	/** ER_NO_SUCH_TABLE. */
	private static final int UNDEFINED_TABLE = 1146;

	private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

	private static final String LOCK_HOLDER_SQL = """
			SELECT IS_USED_LOCK(?) AS holder, p.USER, p.HOST, p.TIME, p.COMMAND, p.STATE, LEFT(p.INFO, 200)
			FROM (SELECT 1) one LEFT JOIN information_schema.PROCESSLIST p ON p.ID = IS_USED_LOCK(?)""";

	// InnoDB lists the transactions that hold row or table locks; the metadata locks of a transaction that only
	// read are not listed without the metadata_lock_info plugin, but such a transaction is still in INNODB_TRX.
	private static final String LOCK_BLOCKERS_SQL = """
			SELECT t.trx_mysql_thread_id, p.USER, LEFT(p.INFO, 200), t.trx_started, t.trx_tables_locked
			FROM information_schema.INNODB_TRX t LEFT JOIN information_schema.PROCESSLIST p ON p.ID = t.trx_mysql_thread_id
			WHERE t.trx_mysql_thread_id <> CONNECTION_ID() AND t.trx_started <= NOW(6) - INTERVAL ? MICROSECOND
			ORDER BY t.trx_started
			LIMIT 5""";

	/** Session variables that change by themselves (every statement, every insert) and are never restored. */
	private static final Set<String> VOLATILE = Set.of("timestamp", "insert_id", "last_insert_id", "identity",
			"rand_seed1", "rand_seed2", "pseudo_thread_id", "error_count", "warning_count", "in_transaction",
			"last_gtid", "gtid_seq_no", "wsrep_gtid_seq_no");

	private final boolean mysql;

	private MariaDbDialect(boolean mysql) {
		this.mysql = mysql;
	}

	/** MariaDB: {@code max_statement_time} bounds every statement. */
	public static MariaDbDialect mariaDb() {
		return new MariaDbDialect(false);
	}

	/** MySQL: {@code max_execution_time} bounds only {@code SELECT}s. */
	public static MariaDbDialect mysql() {
		return new MariaDbDialect(true);
	}

	@Override
	public String name() {
		return this.mysql ? "MySQL" : "MariaDB";
	}

	@Override
	public boolean transactionalDdl() {
		return false;
	}

	@Override
	public @Nullable String unsupported(Feature feature) {
		return switch (feature) {
			case SCHEMAS -> name() + " has no schemas inside a database (a schema is a database there)";
			case PARTIAL_INDEX -> name() + " has no partial indexes (CREATE INDEX ... WHERE)";
			case CONCURRENT_INDEX -> name() + " has no CREATE/DROP INDEX CONCURRENTLY; the starter asks for "
					+ "ALGORITHM=INPLACE, LOCK=NONE instead, so a plain index does not block writes";
			case INDEX_INCLUDE -> name() + " has no covering-index INCLUDE columns";
			case INDEX_METHOD -> name() + " chooses the index structure per engine (no USING gin/gist/brin)";
			case NOT_VALID_CONSTRAINT -> name() + " has no NOT VALID constraints nor VALIDATE CONSTRAINT";
			case ENUM_TYPES -> name() + " has no named enum types; write the enum inline: DataType.of(\"ENUM('a','b')\")";
			case EXTENSIONS -> name() + " has no extensions";
			case MATERIALIZED_VIEWS -> name() + " has no materialized views";
			case ARRAYS -> name() + " has no array types";
			case ROUTINES -> "PL/pgSQL functions and triggers are PostgreSQL's; on " + name()
					+ " write them as raw SQL with q.sql(...)";
			case CATALOG_SNAPSHOT -> "the schema snapshot and diff read PostgreSQL's catalog and replay migrations in a "
					+ "scratch PostgreSQL database; they are not available on " + name();
			case INDEX_BY_NAME_ONLY -> name() + " drops an index by its table too: use removeIndex(table, index(...))";
			case ALTER_COLUMN -> name() + " changes a column's type or nullability with MODIFY COLUMN and the whole "
					+ "column definition: write it with q.sql(\"ALTER TABLE t MODIFY COLUMN c ...\") (the safety checks "
					+ "tell whether it copies the table)";
			case COMMENT_ON -> name() + " has no COMMENT ON; write the comment in the column or table definition";
		};
	}

	/**
	 * Quotes an identifier with backquotes.
	 * @throws IllegalArgumentException when it is empty, holds a NUL character, ends with a space, or is longer than
	 * {@value #MAX_IDENTIFIER_LENGTH} characters
	 */
	@Override
	public String quote(String identifier) {
		if (identifier.isEmpty()) {
			throw new IllegalArgumentException("An SQL identifier must not be empty");
		}
		if (identifier.indexOf('\0') >= 0) {
			throw new IllegalArgumentException("An SQL identifier must not contain a NUL character: " + identifier);
		}
		if (identifier.endsWith(" ")) {
			throw new IllegalArgumentException(name() + " refuses identifiers that end with a space: '" + identifier + "'");
		}
		int length = identifier.codePointCount(0, identifier.length());
		if (length > MAX_IDENTIFIER_LENGTH) {
			throw new IllegalArgumentException("The identifier `" + identifier + "` is " + length + " characters long; "
					+ name() + " refuses identifiers longer than " + MAX_IDENTIFIER_LENGTH + " characters");
		}
		return '`' + identifier.replace("`", "``") + '`';
	}

	@Override
	public String literal(@Nullable Object value) {
		return Literals.render(value, this::stringLiteral, (number) -> {
			throw new IllegalArgumentException(name() + " has no NaN or infinite numbers: " + number);
		});
	}

	/**
	 * A quoted string: quotes doubled and backslashes escaped. Under {@code NO_BACKSLASH_ESCAPES} a backslash comes
	 * out doubled, never as a way out of the string.
	 */
	private String stringLiteral(String text) {
		if (text.indexOf('\0') >= 0) {
			throw new IllegalArgumentException("A string literal for " + name() + " cannot contain a NUL character");
		}
		return '\'' + text.replace("\\", "\\\\").replace("'", "''") + '\'';
	}

	@Override
	public String renderType(String type) {
		String lower = type.toLowerCase(Locale.ROOT).trim();
		if (lower.endsWith("[]")) {
			throw new UnsupportedOperationException(unsupported(Feature.ARRAYS) + ": " + type);
		}
		return switch (lower) {
			case "timestamptz", "timestamp with time zone" -> "DATETIME(6)";
			case "timestamp", "timestamp without time zone" -> "DATETIME(6)";
			case "jsonb" -> "JSON";
			case "uuid" -> "CHAR(36)";
			case "bytea" -> "LONGBLOB";
			case "boolean" -> "BOOLEAN";
			case "double precision" -> "DOUBLE";
			case "numeric" -> "DECIMAL(65,30)";
			case "time" -> "TIME(6)";
			case "interval", "inet", "cidr", "tsvector", "money" -> throw new UnsupportedOperationException(
					name() + " has no " + type + " type; choose another with DataType.of(...)");
			default -> {
				if (lower.startsWith("timestamptz(") || lower.startsWith("timestamp(")) {
					yield "DATETIME" + lower.substring(lower.indexOf('('));
				}
				if (lower.startsWith("numeric(")) {
					yield "DECIMAL" + lower.substring("numeric".length());
				}
				yield type;
			}
		};
	}

	/** A text column that can be a key: MariaDB indexes {@code TEXT} only by a prefix. */
	@Override
	public String keyText() {
		return "VARCHAR(255)";
	}

	@Override
	public String identity(boolean always) {
		// AUTO_INCREMENT always lets an explicit value through: "always" cannot be enforced.
		return "AUTO_INCREMENT";
	}

	@Override
	public String defaultExpression(String expression) {
		String lower = expression.toLowerCase(Locale.ROOT).trim();
		return switch (lower) {
			case "now()", "current_timestamp", "clock_timestamp()", "transaction_timestamp()" -> "CURRENT_TIMESTAMP(6)";
			case "gen_random_uuid()" -> "(UUID())";
			default -> expression;
		};
	}

	@Override
	public String online(OnlineDdl operation) {
		// A table copy fails at once ("ALGORITHM=... is not supported") instead of blocking writes for its length.
		return switch (operation) {
			case ADD_COLUMN, DROP_COLUMN, RENAME_COLUMN -> ", ALGORITHM=INSTANT";
			case ADD_INDEX -> " ALGORITHM=INPLACE LOCK=NONE";
			// Dropping an index is a change of metadata in InnoDB; MariaDB takes no clause on DROP INDEX.
			case DROP_INDEX -> "";
		};
	}

	@Override
	public String dropIndexSql(@Nullable String schema, String table, String index) {
		return "DROP INDEX " + quote(index) + " ON " + qualify(schema, table) + online(OnlineDdl.DROP_INDEX);
	}

	@Override
	public String currentSchema(Connection connection) throws SQLException {
		String schema = SingleRow.query(connection, "SELECT DATABASE()", (row) -> row.getString(1));
		if (schema == null) {
			throw new SQLException("The connection has no database selected: name one in the JDBC URL, e.g. "
					+ "jdbc:mariadb://host:3306/app");
		}
		return schema;
	}

	/** A database is the namespace here: the current one, quoted, as {@link #setSearchPath} takes it back. */
	@Override
	public String searchPath(Connection connection) throws SQLException {
		return quote(currentSchema(connection));
	}

	/** Makes the quoted database the current one ({@code USE}, through the driver's {@code setCatalog}). */
	@Override
	public void setSearchPath(Connection connection, String searchPath) throws SQLException {
		if (searchPath.length() < 3 || !searchPath.startsWith("`") || !searchPath.endsWith("`")) {
			throw new SQLException(name() + " takes one backquoted database name as the schema of a run, not "
					+ searchPath);
		}
		connection.setCatalog(searchPath.substring(1, searchPath.length() - 1).replace("``", "`"));
	}

	/** The named lock of a key: lock names are server-wide, at most 64 characters. */
	static String lockName(long key) {
		return "dev.migrations." + Long.toHexString(key);
	}

	@Override
	public boolean tryLock(Connection connection, long key) throws SQLException {
		return lockCall(connection, "SELECT GET_LOCK(?, 0)", key);
	}

	/** 1 released, 0 held by another session, NULL held by no one. */
	@Override
	public boolean unlock(Connection connection, long key) throws SQLException {
		return lockCall(connection, "SELECT RELEASE_LOCK(?)", key);
	}

	private static boolean lockCall(Connection connection, String sql, long key) throws SQLException {
		return SingleRow.query(connection, sql, (row) -> row.getInt(1) == 1, lockName(key));
	}

	@Override
	public Optional<LockHolder> lockHolder(Connection connection, long key) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(LOCK_HOLDER_SQL)) {
			statement.setString(1, lockName(key));
			statement.setString(2, lockName(key));
			try (ResultSet rs = statement.executeQuery()) {
				if (!rs.next() || rs.getObject(1) == null) {
					return Optional.empty();
				}
				// Without the PROCESS privilege another user's session is not listed: the id is still known.
				String command = rs.getString(5);
				String state = (command != null) ? command + ((rs.getString(6) != null && !rs.getString(6).isEmpty())
						? " (" + rs.getString(6) + ")" : "") + " for " + rs.getLong(4) + " s" : null;
				return Optional.of(new LockHolder(rs.getInt(1), rs.getString(2), rs.getString(3), null, state,
						rs.getString(7)));
			}
		}
	}

	@Override
	public List<LockBlocker> lockBlockers(Connection connection, Duration heldFor) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(LOCK_BLOCKERS_SQL)) {
			statement.setLong(1, heldFor.toNanos() / 1000);
			List<LockBlocker> blockers = new ArrayList<>();
			try (ResultSet rs = statement.executeQuery()) {
				while (rs.next()) {
					LocalDateTime started = rs.getObject(4, LocalDateTime.class);
					blockers.add(new LockBlocker(rs.getInt(1), rs.getString(2), rs.getString(3),
							(started != null) ? started.atZone(ZoneId.systemDefault()).toOffsetDateTime() : null,
							rs.getLong(5) + " table(s)"));
				}
			}
			return blockers;
		}
	}

	/**
	 * Sets the session's lock waits (metadata locks: {@code lock_wait_timeout}; row locks:
	 * {@code innodb_lock_wait_timeout}; whole seconds, at least one) and its statement time limit. There is no
	 * transaction-local setting: {@code local} ones stay until the session sets others.
	 */
	@Override
	public void setTimeouts(Connection connection, long lockTimeoutMillis, long statementTimeoutMillis, boolean local)
			throws SQLException {
		long lockSeconds = Math.max(1, (lockTimeoutMillis + 999) / 1000);
		String statementLimit = this.mysql ? "max_execution_time = ?" : "max_statement_time = ?";
		try (PreparedStatement statement = connection.prepareStatement(
				"SET SESSION lock_wait_timeout = ?, SESSION innodb_lock_wait_timeout = ?, SESSION " + statementLimit)) {
			statement.setLong(1, lockSeconds);
			statement.setLong(2, lockSeconds);
			if (this.mysql) {
				statement.setLong(3, statementTimeoutMillis);
			}
			else {
				statement.setBigDecimal(3, BigDecimal.valueOf(statementTimeoutMillis, 3));
			}
			statement.execute();
		}
	}

	@Override
	public boolean onConflict() {
		return false;
	}

	@Override
	public boolean transactionLocalSettings() {
		return false;
	}

	@Override
	public long sessionId(Connection connection) throws SQLException {
		return SingleRow.query(connection, "SELECT CONNECTION_ID()", (row) -> row.getLong(1));
	}

	/** The connection id and a user variable set in one transaction are read in the next. */
	@Override
	public boolean sessionPersists(Connection connection) throws SQLException {
		String token = UUID.randomUUID().toString();
		long first;
		try (PreparedStatement statement = connection.prepareStatement("SET @migrations_probe = ?")) {
			statement.setString(1, token);
			statement.execute();
		}
		first = sessionId(connection);
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("SELECT CONNECTION_ID(), @migrations_probe")) {
			boolean same = rs.next() && rs.getLong(1) == first && token.equals(rs.getString(2));
			statement.execute("SET @migrations_probe = NULL");
			return same;
		}
	}

	@Override
	public Map<String, String> sessionSettings(Connection connection) throws SQLException {
		String sql = this.mysql
				? "SELECT LOWER(VARIABLE_NAME), VARIABLE_VALUE FROM performance_schema.session_variables"
				: "SELECT LOWER(VARIABLE_NAME), SESSION_VALUE FROM information_schema.SYSTEM_VARIABLES "
						+ "WHERE VARIABLE_SCOPE = 'SESSION' AND READ_ONLY = 'NO'";
		Map<String, String> settings = new LinkedHashMap<>();
		try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
			while (rs.next()) {
				String name = rs.getString(1);
				if (!VOLATILE.contains(name) && rs.getString(2) != null) {
					settings.put(name, rs.getString(2));
				}
			}
		}
		return settings;
	}

	@Override
	public void setSessionSettings(Connection connection, Map<String, String> settings) throws SQLException {
		StringBuilder sql = new StringBuilder();
		settings.forEach((name, value) -> {
			// Names come from the server's own catalog; a numeric variable refuses a quoted value.
			sql.append((sql.length() == 0) ? "SET " : ", ").append("SESSION ").append(quote(name)).append(" = ")
				.append(NUMBER.matcher(value).matches() ? value : stringLiteral(value));
		});
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql.toString());
		}
	}

	/** Neither server checks for a dead client during a statement. */
	@Override
	public boolean setConnectionCheckInterval(Connection connection, long millis) {
		return false;
	}

	@Override
	public Optional<String> columnType(Connection connection, @Nullable String schema, String table, String column)
			throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("SELECT COLUMN_TYPE FROM information_schema.COLUMNS "
				+ "WHERE TABLE_SCHEMA = COALESCE(?, DATABASE()) AND TABLE_NAME = ? AND COLUMN_NAME = ?")) {
			statement.setString(1, schema);
			statement.setString(2, table);
			statement.setString(3, column);
			try (ResultSet rs = statement.executeQuery()) {
				return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
			}
		}
	}

	@Override
	public boolean relationExists(Connection connection, @Nullable String schema, String name) throws SQLException {
		return SingleRow.query(connection, "SELECT COUNT(*) FROM information_schema.TABLES "
				+ "WHERE TABLE_SCHEMA = COALESCE(?, DATABASE()) AND TABLE_NAME = ?", (row) -> row.getInt(1) > 0, schema,
				name);
	}

	@Override
	public String timeZone(Connection connection) throws SQLException {
		return SingleRow.query(connection, "SELECT @@session.time_zone", (row) -> row.getString(1));
	}

	/**
	 * The same summary as PostgreSQL's: ids compared as bytes ({@code CAST ... AS BINARY}), whatever the table's
	 * collation. {@code GROUP_CONCAT} stops at {@code group_concat_max_len} (1 MB on MariaDB, 1 KB by default on
	 * MySQL): a cut list gives a digest that matches no code, so the run reads every row instead, never skips one.
	 */
	@Override
	public String historySummaryQuery(String qualifiedTable) {
		String applied = "state = 'applied'";
		String checksummed = "state = 'applied' AND checksum IS NOT NULL";
		return "SELECT COALESCE(SUM(" + applied + "), 0), COALESCE(SUM(state <> 'applied'), 0), "
				+ "CAST(MAX(CASE WHEN " + applied + " THEN CAST(id AS BINARY) END) AS CHAR), "
				+ "COALESCE(SUM(state = 'applied' AND checksum IS NULL), 0), "
				+ "MD5(COALESCE(GROUP_CONCAT(CASE WHEN " + checksummed + " THEN CONCAT(id, ':', checksum) END "
				+ "ORDER BY CAST(id AS BINARY) SEPARATOR ','), '')) FROM " + qualifiedTable;
	}

	@Override
	public String endSession(long sessionId) {
		return "KILL " + sessionId;
	}

	@Override
	public String lockViews() {
		return "information_schema.PROCESSLIST and information_schema.INNODB_TRX";
	}

	@Override
	public boolean isLockTimeout(Throwable ex) {
		return hasCode(ex, LOCK_WAIT_TIMEOUT);
	}

	@Override
	public boolean isUndefinedColumn(Throwable ex) {
		return hasCode(ex, UNDEFINED_COLUMN);
	}

	@Override
	public boolean isUndefinedTable(Throwable ex) {
		return hasCode(ex, UNDEFINED_TABLE);
	}

	/**
	 * ER_DB_CREATE_EXISTS, ER_TABLE_EXISTS_ERROR, ER_DUP_FIELDNAME, ER_DUP_KEYNAME and ER_FK_DUP_NAME.
	 */
	@Override
	public boolean isAlreadyExists(Throwable ex) {
		for (int code : new int[] { 1007, 1050, 1060, 1061, 1826 }) {
			if (hasCode(ex, code)) {
				return true;
			}
		}
		return false;
	}

	private static boolean hasCode(Throwable ex, int code) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof SQLException sql && sql.getErrorCode() == code) {
				return true;
			}
		}
		return false;
	}

}
