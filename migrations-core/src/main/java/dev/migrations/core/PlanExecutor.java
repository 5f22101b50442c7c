package dev.migrations.core;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.migrations.schema.SqlStatement;
import dev.migrations.schema.StatementExecutor;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Records what a migration would run instead of running it, for {@link Migrator#plan()}. Reads go to the database in
 * a read-only transaction that is rolled back; each statement recorded after a read is marked as depending on data.
 * {@code jdbc()} is the read-only connection: reads work, writes fail and end the migration's plan.
 */
final class PlanExecutor implements StatementExecutor {

	private final Connection connection;

	private final JdbcTemplate jdbcTemplate;

	private final List<PlannedStatement> statements = new ArrayList<>();

	private boolean readData;

	private final boolean transactional;

	private boolean readOnlyTransaction;

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
		record(statement, "JDBC batch of " + parameterLists.size() + " row(s), " + batchSize + " per executeBatch");
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
		return this.jdbcTemplate;
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
		this.statements.add(new PlannedStatement(statement.sql(), statement.parameters(), statement.transactional(),
				this.readData, note));
	}

	List<PlannedStatement> statements() {
		return this.statements;
	}

}
