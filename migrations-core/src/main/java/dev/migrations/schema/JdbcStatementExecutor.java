package dev.migrations.schema;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.StatementCreatorUtils;

/**
 * Runs statements on a {@link JdbcTemplate} as they come, recording nothing: how every executor binds parameters and
 * sends JDBC batches, and the executor of {@link Rows#of(JdbcTemplate, String)} outside a migration. The migration's
 * executor checks and records each statement, then hands it here.
 */
public final class JdbcStatementExecutor implements StatementExecutor {

	private final JdbcTemplate jdbcTemplate;

	public JdbcStatementExecutor(JdbcTemplate jdbcTemplate) {
		this.jdbcTemplate = Objects.requireNonNull(jdbcTemplate, "jdbcTemplate");
	}

	@Override
	public void execute(SqlStatement statement) {
		if (statement.parameters().isEmpty()) {
			this.jdbcTemplate.execute(statement.sql());
		}
		else {
			update(statement);
		}
	}

	@Override
	public int update(SqlStatement statement) {
		return this.jdbcTemplate.update(statement.sql(), statement.parameters().toArray());
	}

	@Override
	public int executeBatch(SqlStatement statement, List<List<@Nullable Object>> parameterLists, int batchSize) {
		int[][] counts = this.jdbcTemplate.batchUpdate(statement.sql(), parameterLists, batchSize,
				(ps, parameters) -> {
					for (int i = 0; i < parameters.size(); i++) {
						StatementCreatorUtils.setParameterValue(ps, i + 1, SqlTypeValue.TYPE_UNKNOWN, parameters.get(i));
					}
				});
		int rows = 0;
		for (int[] batch : counts) {
			for (int count : batch) {
				// A driver that answers Statement.SUCCESS_NO_INFO adds nothing: the count is then a lower bound.
				rows += Math.max(count, 0);
			}
		}
		return rows;
	}

	@Override
	public List<Map<String, @Nullable Object>> executeReturning(SqlStatement statement) {
		return query(statement);
	}

	@Override
	public List<Map<String, @Nullable Object>> query(SqlStatement statement) {
		return this.jdbcTemplate.queryForList(statement.sql(), statement.parameters().toArray());
	}

	@Override
	public JdbcTemplate jdbcTemplate() {
		return this.jdbcTemplate;
	}

}
