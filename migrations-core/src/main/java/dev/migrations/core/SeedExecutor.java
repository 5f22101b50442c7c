package dev.migrations.core;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.migrations.schema.JdbcStatementExecutor;
import dev.migrations.schema.SqlStatement;
import dev.migrations.schema.StatementExecutor;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Runs a seeder's statements on the seed run's connection, inside the seeder's transaction, and keeps the SQL it ran
 * (statements only, never values) for the seed history. Every statement, {@code jdbc()}'s too, passes
 * {@link #beforeStatement(SqlStatement)} before it runs.
 */
final class SeedExecutor implements StatementExecutor, RoutedJdbc.Route {

	private final String seederId;

	private final JdbcStatementExecutor jdbc;

	private @Nullable JdbcTemplate routedTemplate;

	private final List<String> script = new ArrayList<>();

	SeedExecutor(Connection connection, String seederId) {
		this.seederId = seederId;
		// Suppresses close so that JdbcTemplate hands the run's connection back to us, not to the pool.
		this.jdbc = new JdbcStatementExecutor(new JdbcTemplate(new SingleConnectionDataSource(connection, true)));
	}

	/** The one place every statement of the seeder passes before it runs. */
	void beforeStatement(SqlStatement statement) {
		if (!statement.transactional()) {
			throw new MigrationException("Seeder " + this.seederId + " runs in a transaction, but '" + statement.sql()
					+ "' cannot run inside a transaction block; seeders change data, put such statements in a "
					+ "non-transactional migration");
		}
		this.script.add(statement.sql());
	}

	@Override
	public void execute(SqlStatement statement) {
		beforeStatement(statement);
		this.jdbc.execute(statement);
	}

	@Override
	public int update(SqlStatement statement) {
		beforeStatement(statement);
		return this.jdbc.update(statement);
	}

	@Override
	public int executeBatch(SqlStatement statement, List<List<@Nullable Object>> parameterLists, int batchSize) {
		return executeBatch(statement, parameterLists, batchSize, 1);
	}

	@Override
	public int executeBatch(SqlStatement statement, List<List<@Nullable Object>> parameterLists, int batchSize,
			int rowsPerStatement) {
		beforeStatement(new SqlStatement(statement.sql() + " -- batch of "
				+ ((long) parameterLists.size() * rowsPerStatement) + " row(s)", List.of(), statement.transactional()));
		return this.jdbc.executeBatch(statement, parameterLists, batchSize);
	}

	@Override
	public List<Map<String, @Nullable Object>> executeReturning(SqlStatement statement) {
		beforeStatement(statement);
		return this.jdbc.executeReturning(statement);
	}

	@Override
	public List<Map<String, @Nullable Object>> query(SqlStatement statement) {
		this.script.add(statement.sql());
		return this.jdbc.query(statement);
	}

	@Override
	public JdbcTemplate jdbcTemplate() {
		if (this.routedTemplate == null) {
			this.routedTemplate = RoutedJdbc.template(this.jdbc.jdbcTemplate(), this);
		}
		return this.routedTemplate;
	}

	@Override
	public @Nullable Object route(List<String> sql, boolean batch, RoutedJdbc.Execution execution) throws SQLException {
		for (String text : sql) {
			beforeStatement(SqlStatement.of(batch ? text + " -- in a JDBC batch" : text));
		}
		return execution.run();
	}

	@Nullable String script() {
		return this.script.isEmpty() ? null : String.join(";\n", this.script) + ";";
	}

}
