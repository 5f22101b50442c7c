package dev.migrations.core;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.migrations.safety.Secrets;
import dev.migrations.schema.SqlStatement;
import dev.migrations.schema.StatementExecutor;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Records what a migration would run instead of running it, for {@link Migrator#plan()}. Reads go to the database in
 * a read-only transaction that is rolled back; each statement recorded after a read is marked as depending on data.
 * {@code jdbc()} routes its statements here as the migration's executor does: each one that is not a read is
 * recorded (so that the plan shows it), then it runs on the read-only connection, where reads work and a write fails
 * and ends the migration's plan.
 */
final class PlanExecutor implements StatementExecutor, RoutedJdbc.Route {

	private final Connection connection;

	private final JdbcTemplate jdbcTemplate;

	private final List<PlannedStatement> statements = new ArrayList<>();

	private boolean readData;

	private final boolean transactional;

	private boolean readOnlyTransaction;

	private @Nullable JdbcTemplate routedTemplate;

	PlanExecutor(Connection connection, JdbcTemplate jdbcTemplate, boolean transactional) {
		this.connection = connection;
		this.transactional = transactional;
		this.jdbcTemplate = jdbcTemplate;
	}

	@Override
	public void execute(SqlStatement statement) {
		record(statement, null);
	}

	@Override
	public boolean inTransaction() {
		return this.transactional;
	}

	@Override
	public boolean dryRun() {
		return true;
	}

	@Override
	public int update(SqlStatement statement) {
		record(statement, null);
		return 0;
	}

	@Override
	public int executeBatch(SqlStatement statement, List<List<@Nullable Object>> parameterLists, int batchSize) {
		return executeBatch(statement, parameterLists, batchSize, 1);
	}

	@Override
	public int executeBatch(SqlStatement statement, List<List<@Nullable Object>> parameterLists, int batchSize,
			int rowsPerStatement) {
		record(statement, "JDBC batch of " + ((long) parameterLists.size() * rowsPerStatement) + " row(s)"
				+ ((rowsPerStatement > 1) ? " in " + parameterLists.size() + " statement(s)" : "") + ", " + batchSize
				+ " per executeBatch");
		return 0;
	}

	@Override
	public List<Map<String, @Nullable Object>> executeReturning(SqlStatement statement) {
		record(statement, "returns rows; the plan returns none to the migration");
		this.readData = true;
		return List.of();
	}

	@Override
	public List<Map<String, @Nullable Object>> query(SqlStatement statement) {
		this.readData = true;
		return read(statement);
	}

	/** The catalog, read without marking what follows as depending on data: it only shapes how values are bound. */
	@Override
	public List<Map<String, @Nullable Object>> readCatalog(SqlStatement statement) {
		return read(statement);
	}

	private List<Map<String, @Nullable Object>> read(SqlStatement statement) {
		Savepoint savepoint = null;
		try {
			startReadOnlyTransaction();
			savepoint = this.connection.setSavepoint();
			List<Map<String, @Nullable Object>> rows = this.jdbcTemplate.queryForList(statement.sql(),
					statement.parameters().toArray());
			this.connection.releaseSavepoint(savepoint);
			return rows;
		}
		catch (SQLException ex) {
			throw new MigrationException("Planning could not read the database: " + ex.getMessage(), ex);
		}
		catch (RuntimeException ex) {
			if (savepoint != null) {
				try {
					this.connection.rollback(savepoint);
				}
				catch (SQLException rollback) {
					ex.addSuppressed(rollback);
				}
			}
			throw ex;
		}
	}

	@Override
	public JdbcTemplate jdbcTemplate() {
		this.readData = true;
		try {
			startReadOnlyTransaction();
		}
		catch (SQLException ex) {
			throw new MigrationException("Planning could not start a read-only transaction: " + ex.getMessage(), ex);
		}
		if (this.routedTemplate == null) {
			this.routedTemplate = RoutedJdbc.template(this.jdbcTemplate, this);
		}
		return this.routedTemplate;
	}

	@Override
	public @Nullable Object route(List<String> sql, boolean batch, RoutedJdbc.Execution execution) throws SQLException {
		for (String text : sql) {
			if (!isRead(text)) {
				record(SqlStatement.of(text), batch ? "through jdbc(), in a JDBC batch" : "through jdbc()");
			}
		}
		startReadOnlyTransaction();
		return execution.run();
	}

	/** Whether the statement only reads: its first keyword is SELECT, WITH, VALUES, TABLE, SHOW or EXPLAIN. */
	static boolean isRead(String sql) {
		int i = 0;
		while (i < sql.length()) {
			char c = sql.charAt(i);
			if (Character.isWhitespace(c) || c == '(') {
				i++;
			}
			else if (sql.startsWith("--", i)) {
				int end = sql.indexOf('\n', i);
				i = (end < 0) ? sql.length() : end + 1;
			}
			else if (sql.startsWith("/*", i)) {
				int end = sql.indexOf("*/", i + 2);
				i = (end < 0) ? sql.length() : end + 2;
			}
			else {
				break;
			}
		}
		int end = i;
		while (end < sql.length() && Character.isLetter(sql.charAt(end))) {
			end++;
		}
		String keyword = sql.substring(i, end).toUpperCase(java.util.Locale.ROOT);
		return java.util.Set.of("SELECT", "WITH", "VALUES", "TABLE", "SHOW", "EXPLAIN").contains(keyword);
	}

	/**
	 * Opens the read-only transaction that guards the database from the migration's code, on its first access:
	 * a migration that only renders statements is planned without a round trip.
	 */
	private void startReadOnlyTransaction() throws SQLException {
		if (!this.readOnlyTransaction) {
			this.connection.setAutoCommit(false);
			try (java.sql.Statement statement = this.connection.createStatement()) {
				statement.execute("SET TRANSACTION READ ONLY");
			}
			this.readOnlyTransaction = true;
		}
	}

	/** Rolls back the read-only transaction, if one was opened. */
	void finish() throws SQLException {
		if (this.readOnlyTransaction) {
			this.readOnlyTransaction = false;
			this.connection.rollback();
			this.connection.setAutoCommit(true);
		}
	}

	private void record(SqlStatement statement, @Nullable String note) {
		// The plan is printed and served by the endpoint: secrets in the SQL are redacted here, once.
		this.statements.add(new PlannedStatement(Secrets.redact(statement.sql()), statement.parameters(),
				statement.transactional(), this.readData, note));
	}

	List<PlannedStatement> statements() {
		return this.statements;
	}

}
