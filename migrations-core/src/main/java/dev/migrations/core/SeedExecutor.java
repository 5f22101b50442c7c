package dev.migrations.core;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.migrations.schema.SqlStatement;
import dev.migrations.schema.StatementExecutor;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Runs a seeder's statements on the seed run's connection, inside the seeder's transaction, and keeps the SQL it ran
 * (statements only, never values) for the seed history.
 */
final class SeedExecutor implements StatementExecutor {

	private final String seederId;

	private final JdbcTemplate jdbcTemplate;

	private final List<String> script = new ArrayList<>();

	SeedExecutor(Connection connection, String seederId) {
		this.seederId = seederId;
		// Suppresses close so that JdbcTemplate hands the run's connection back to us, not to the pool.
		this.jdbcTemplate = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
	}

	@Override
	public void execute(SqlStatement statement) {
		if (!statement.transactional()) {
			throw new MigrationException("Seeder " + this.seederId + " runs in a transaction, but '" + statement.sql()
					+ "' cannot run inside a transaction block; seeders change data, put such statements in a "
					+ "non-transactional migration");
		}
		this.script.add(statement.sql());
		if (statement.parameters().isEmpty()) {
			this.jdbcTemplate.execute(statement.sql());
		}
		else {
			this.jdbcTemplate.update(statement.sql(), statement.parameters().toArray());
		}
	}

	@Override
	public List<Map<String, @Nullable Object>> query(SqlStatement statement) {
		this.script.add(statement.sql());
		return this.jdbcTemplate.queryForList(statement.sql(), statement.parameters().toArray());
	}

	@Override
	public JdbcTemplate jdbcTemplate() {
		return this.jdbcTemplate;
	}

	@Nullable String script() {
		return this.script.isEmpty() ? null : String.join(";\n", this.script) + ";";
	}

}
