package dev.migrations.core;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.migrations.schema.SqlStatement;
import dev.migrations.schema.StatementExecutor;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.StatementCreatorUtils;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Runs a migration's statements on the run's connection, inside the migration's transaction when it has one, and
 * keeps the SQL it ran for the history.
 */
final class ConnectionExecutor implements StatementExecutor {

	private final ResolvedMigration migration;

	private final JdbcTemplate jdbcTemplate;

	private final List<String> script = new ArrayList<>();

	private final @Nullable StatementRetry retry;

	/**
	 * @param jdbcTemplate the run's {@link #on(Connection) template}
	 * @param migration the migration whose statements it runs
	 * @param retry how a statement that timed out on a lock is tried again, {@code null} to let the failure end the
	 * attempt (a transactional migration is retried whole)
	 */
	ConnectionExecutor(JdbcTemplate jdbcTemplate, ResolvedMigration migration, @Nullable StatementRetry retry) {
		this.migration = migration;
		this.retry = retry;
		this.jdbcTemplate = jdbcTemplate;
	}

	/** A JdbcTemplate on the run's connection; it suppresses close, so it hands the connection back to the run. */
	static JdbcTemplate on(Connection connection) {
		return new JdbcTemplate(new SingleConnectionDataSource(connection, true));
	}

	@Override
	public void execute(SqlStatement statement) {
		if (statement.parameters().isEmpty()) {
			requireTransactionFits(statement);
			this.script.add(statement.sql());
			retrying(statement, () -> {
				this.jdbcTemplate.execute(statement.sql());
				return null;
			});
		}
		else {
			update(statement);
		}
	}

	@Override
	public int update(SqlStatement statement) {
		requireTransactionFits(statement);
		this.script.add(statement.sql());
		return retrying(statement, () -> this.jdbcTemplate.update(statement.sql(), statement.parameters().toArray()));
	}

	@Override
	public int executeBatch(SqlStatement statement, List<List<@Nullable Object>> parameterLists, int batchSize) {
		requireTransactionFits(statement);
		this.script.add(statement.sql() + " -- batch of " + parameterLists.size() + " row(s)");
		int[][] counts = retrying(statement, () -> this.jdbcTemplate.batchUpdate(statement.sql(), parameterLists, batchSize,
				(ps, parameters) -> {
					for (int i = 0; i < parameters.size(); i++) {
						StatementCreatorUtils.setParameterValue(ps, i + 1, SqlTypeValue.TYPE_UNKNOWN, parameters.get(i));
					}
				}));
		int rows = 0;
		for (int[] batch : counts) {
			for (int count : batch) {
				rows += Math.max(count, 0);
			}
		}
		return rows;
	}

	@Override
	public List<Map<String, @Nullable Object>> executeReturning(SqlStatement statement) {
		requireTransactionFits(statement);
		this.script.add(statement.sql());
		return retrying(statement, () -> this.jdbcTemplate.queryForList(statement.sql(), statement.parameters().toArray()));
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
		if (!statement.transactional() && this.migration.transactional()) {
			throw new MigrationException("Migration " + this.migration.id() + " runs in a transaction, but '"
					+ statement.sql() + "' cannot run inside a transaction block; override transactional() to return "
					+ "false in " + this.migration.source() + " (and keep that migration to such statements)");
		}
	}

	@Override
	public List<Map<String, @Nullable Object>> query(SqlStatement statement) {
		this.script.add(statement.sql());
		return this.jdbcTemplate.queryForList(statement.sql(), statement.parameters().toArray());
	}

	@Override
	public boolean inTransaction() {
		return this.migration.transactional();
	}

	@Override
	public JdbcTemplate jdbcTemplate() {
		return this.jdbcTemplate;
	}

	/** Runs one statement, trying it again after a lock timeout. */
	@FunctionalInterface
	interface StatementRetry {

		void execute(Runnable statement);

	}

	/** The SQL run so far, one statement a line group, for the history. */
	@Nullable String script() {
		return this.script.isEmpty() ? null : String.join(";\n", this.script) + ";";
	}

}
