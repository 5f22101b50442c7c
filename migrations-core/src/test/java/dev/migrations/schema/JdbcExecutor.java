package dev.migrations.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.StatementCreatorUtils;

/**
 * Runs each statement on its own (auto-commit), like a non-transactional migration, and keeps the SQL for assertions.
 */
class JdbcExecutor implements StatementExecutor {

	private final JdbcTemplate jdbc;

	final List<String> statements = new ArrayList<>();

	final List<List<@Nullable Object>> parameters = new ArrayList<>();

	int batches;

	JdbcExecutor(DataSource dataSource) {
		this.jdbc = new JdbcTemplate(dataSource);
	}

	@Override
	public void execute(SqlStatement statement) {
		update(statement);
	}

	@Override
	public int update(SqlStatement statement) {
		this.statements.add(statement.sql());
		this.parameters.add(statement.parameters());
		return statement.parameters().isEmpty() ? this.jdbc.update(statement.sql())
				: this.jdbc.update(statement.sql(), statement.parameters().toArray());
	}

	@Override
	public int executeBatch(SqlStatement statement, List<List<@Nullable Object>> parameterLists, int batchSize) {
		this.statements.add(statement.sql());
		int[][] counts = this.jdbc.batchUpdate(statement.sql(), parameterLists, batchSize, (ps, values) -> {
			for (int i = 0; i < values.size(); i++) {
				StatementCreatorUtils.setParameterValue(ps, i + 1, SqlTypeValue.TYPE_UNKNOWN, values.get(i));
			}
		});
		this.batches += counts.length;
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
		this.statements.add(statement.sql());
		this.parameters.add(statement.parameters());
		return this.jdbc.queryForList(statement.sql(), statement.parameters().toArray());
	}

	@Override
	public List<Map<String, @Nullable Object>> query(SqlStatement statement) {
		return this.jdbc.queryForList(statement.sql(), statement.parameters().toArray());
	}

	@Override
	public JdbcTemplate jdbcTemplate() {
		return this.jdbc;
	}

	String last() {
		return this.statements.get(this.statements.size() - 1);
	}

}
