package dev.migrations.schema;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Where a {@link QueryInterface} sends its statements: the migration's connection when it runs, a recorder when it is
 * only planned.
 */
public interface StatementExecutor {

	/** Runs a statement that changes something. */
	void execute(SqlStatement statement);

	/** Runs a query and returns its rows, each a map of column label to value in column order. */
	List<Map<String, @Nullable Object>> query(SqlStatement statement);

	/** A {@link JdbcTemplate} on the migration's connection and transaction. */
	JdbcTemplate jdbcTemplate();

}
