package dev.migrations.core;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.migrations.safety.Secrets;
import dev.migrations.safety.SessionSettings;
import dev.migrations.schema.JdbcStatementExecutor;
import dev.migrations.schema.SqlStatement;
import dev.migrations.schema.StatementExecutor;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Runs a step's statements (a migration's or a seeder's) on the run's connection, inside the step's transaction when
 * it has one, and keeps the SQL it ran (statements only, never values, secrets redacted) for the history.
 *
 * <p>Every statement of the step passes through {@link #beforeStatement(SqlStatement)} before it runs: the DSL's,
 * raw SQL, the bulk writer's and those run through {@code q.jdbc()} (whose template reports them from the JDBC level).
 */
final class ConnectionExecutor implements StatementExecutor, RoutedJdbc.Route {

	private final MigrationStep step;

	private final String source;

	private final JdbcStatementExecutor jdbc;

	private final StatementGuard guard;

	private @Nullable JdbcTemplate routedTemplate;

	private final @Nullable List<String> script;

	private final @Nullable StatementRetry retry;

	/** Whether every statement so far is proven to leave the session's settings alone, and no raw JDBC was handed out. */
	private boolean settingsUntouched = true;

	/**
	 * @param jdbcTemplate the run's {@link #on(Connection) template}
	 * @param step the step whose statements it runs
	 * @param source where the step comes from, for messages
	 * @param guard the safety check of each statement, {@link StatementGuard#NONE} for none
	 * @param recordScript whether to keep the SQL for the history
	 * @param retry how a statement that timed out on a lock is tried again, {@code null} to let the failure end the
	 * attempt (a transactional step is retried whole)
	 */
	ConnectionExecutor(JdbcTemplate jdbcTemplate, MigrationStep step, String source, StatementGuard guard,
			boolean recordScript, @Nullable StatementRetry retry) {
		this.step = step;
		this.source = source;
		this.guard = guard;
		this.script = recordScript ? new ArrayList<>() : null;
		this.retry = retry;
		this.jdbc = new JdbcStatementExecutor(jdbcTemplate);
	}

	/** A JdbcTemplate on the run's connection; it suppresses close, so it hands the connection back to the run. */
	static JdbcTemplate on(Connection connection) {
		return new JdbcTemplate(new SingleConnectionDataSource(connection, true));
	}

	/**
	 * The one place every statement of the step passes before it runs: it checks that the statement fits the step's
	 * transaction, runs the safety checks on it, and records it in the script.
	 */
	void beforeStatement(SqlStatement statement) {
		beforeStatement(statement, statement.sql());
	}

	private void beforeStatement(SqlStatement statement, String scriptLine) {
		requireTransactionFits(statement);
		this.guard.check(statement);
		// The checks parsed the statement already when they run; otherwise it is parsed here.
		if (this.settingsUntouched && this.guard.settingsUntouched() == null
				&& !SessionSettings.untouchedBy(statement.sql())) {
			this.settingsUntouched = false;
		}
		if (this.script != null) {
			this.script.add(Secrets.redact(scriptLine));
		}
	}

	@Override
	public void execute(SqlStatement statement) {
		if (statement.parameters().isEmpty()) {
			beforeStatement(statement);
			retrying(statement, () -> {
				this.jdbc.execute(statement);
				return null;
			});
		}
		else {
			update(statement);
		}
	}

	@Override
	public int update(SqlStatement statement) {
		beforeStatement(statement);
		return retrying(statement, () -> this.jdbc.update(statement));
	}

	@Override
	public int executeBatch(SqlStatement statement, List<List<@Nullable Object>> parameterLists, int batchSize) {
		return executeBatch(statement, parameterLists, batchSize, 1);
	}

	@Override
	public int executeBatch(SqlStatement statement, List<List<@Nullable Object>> parameterLists, int batchSize,
			int rowsPerStatement) {
		beforeStatement(statement, statement.sql() + " -- batch of " + ((long) parameterLists.size() * rowsPerStatement)
				+ " row(s)");
		return retrying(statement, () -> this.jdbc.executeBatch(statement, parameterLists, batchSize));
	}

	@Override
	public List<Map<String, @Nullable Object>> executeReturning(SqlStatement statement) {
		beforeStatement(statement);
		return retrying(statement, () -> this.jdbc.executeReturning(statement));
	}

	@Override
	public @Nullable Object route(List<String> sql, boolean batch, RoutedJdbc.Execution execution) throws SQLException {
		for (String text : sql) {
			beforeStatement(SqlStatement.of(text), batch ? text + " -- in a JDBC batch" : text);
		}
		if (batch || this.retry == null) {
			return execution.run();
		}
		// A statement that timed out on a lock outside a transaction is tried again, as every statement is.
		try {
			return retrying(SqlStatement.of(sql.get(0)), () -> {
				try {
					return execution.run();
				}
				catch (SQLException ex) {
					throw new UncheckedSqlException(ex);
				}
			});
		}
		catch (UncheckedSqlException ex) {
			throw ex.getCause();
		}
	}

	/**
	 * Runs a statement, through the retry when there is one (non-transactional migrations). A statement that cannot
	 * run in a transaction ({@code CREATE INDEX CONCURRENTLY}) is not retried blindly: when it fails it may leave an
	 * INVALID index behind, which a second attempt would trip over; the safe helpers clean up and retry instead.
	 */
	private <T> T retrying(SqlStatement sql, java.util.function.Supplier<T> statement) {
		if (this.retry == null || !sql.transactional()) {
			return statement.get();
		}
		List<T> result = new ArrayList<>(1);
		this.retry.execute(() -> {
			result.clear();
			result.add(statement.get());
		});
		return result.get(0);
	}

	private void requireTransactionFits(SqlStatement statement) {
		if (!statement.transactional() && this.step.transactional()) {
			String hint = (this.step.kind() == MigrationStep.Kind.SEEDER)
					? "seeders change data: put such statements in a non-transactional migration"
					: "override transactional() to return false in " + this.source
							+ " (and keep that migration to such statements)";
			throw new MigrationException(((this.step.kind() == MigrationStep.Kind.SEEDER) ? "Seeder " : "Migration ")
					+ this.step.id() + " runs in a transaction, but '" + Secrets.redact(statement.sql())
					+ "' cannot run inside a transaction block; " + hint);
		}
	}

	@Override
	public List<Map<String, @Nullable Object>> query(SqlStatement statement) {
		beforeStatement(statement);
		return this.jdbc.query(statement);
	}

	/**
	 * The engine's own read of the catalog (the column types of a bulk write): not a statement of the migration, so
	 * it is neither checked nor recorded, as {@code plan} does not show it either.
	 */
	@Override
	public List<Map<String, @Nullable Object>> readCatalog(SqlStatement statement) {
		return this.jdbc.query(statement);
	}

	@Override
	public boolean inTransaction() {
		return this.step.transactional();
	}

	/** A template on the run's connection whose every statement passes {@link #beforeStatement} before it runs. */
	@Override
	public JdbcTemplate jdbcTemplate() {
		// Its connection can be unwrapped to the driver's, or have its settings changed without a statement.
		this.settingsUntouched = false;
		if (this.routedTemplate == null) {
			this.routedTemplate = RoutedJdbc.template(this.jdbc.jdbcTemplate(), this);
		}
		return this.routedTemplate;
	}

	/** Runs one statement, trying it again after a lock timeout. */
	@FunctionalInterface
	interface StatementRetry {

		void execute(Runnable statement);

	}

	/**
	 * Whether the statements run so far are all proven to change no session setting (see {@link SessionSettings}) and
	 * the migration was handed no JDBC access: then the session's timeouts are still those the runner set.
	 */
	boolean settingsUntouched() {
		Boolean checked = this.guard.settingsUntouched();
		return this.settingsUntouched && (checked == null || checked);
	}

	/** The SQL run so far, one statement a line group, for the history. */
	@Nullable String script() {
		return (this.script == null || this.script.isEmpty()) ? null : String.join(";\n", this.script) + ";";
	}

	/** A JDBC failure carried through the retry, which handles unchecked exceptions. */
	private static final class UncheckedSqlException extends RuntimeException {

		UncheckedSqlException(SQLException cause) {
			super(cause);
		}

		@Override
		public synchronized SQLException getCause() {
			return (SQLException) super.getCause();
		}

	}

}
