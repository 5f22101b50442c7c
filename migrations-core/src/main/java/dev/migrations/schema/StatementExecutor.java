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

	/** Whether the statements share one transaction. */
	default boolean inTransaction() {
		return false;
	}

	/** Whether statements are only recorded, not run. */
	default boolean dryRun() {
		return false;
	}

	/**
	 * A {@link JdbcTemplate} on the migration's connection and transaction. A migration's executor hands out one whose
	 * every statement passes through the executor (recorded in the script, shown by {@code plan}) before it runs.
	 */
	JdbcTemplate jdbcTemplate();

	/**
	 * Reads the catalog for the query interface's own use (the column types a bulk write binds its values by), not
	 * for the migration's; by default through {@link #query}. A dry run reads it without marking what follows as
	 * depending on data.
	 */
	default List<Map<String, @Nullable Object>> readCatalog(SqlStatement statement) {
		return query(statement);
	}

	/**
	 * Runs a statement that changes rows and returns how many; by default through {@link #execute}, reporting 0.
	 */
	default int update(SqlStatement statement) {
		execute(statement);
		return 0;
	}

	/**
	 * Runs one statement for each parameter list, sending {@code batchSize} at a time as a JDBC batch, and returns the
	 * rows changed; by default one {@link #update} each.
	 * @param statement the statement, its own parameters unused
	 */
	default int executeBatch(SqlStatement statement, List<List<@Nullable Object>> parameterLists, int batchSize) {
		int rows = 0;
		for (List<@Nullable Object> parameters : parameterLists) {
			rows += update(new SqlStatement(statement.sql(), parameters, statement.transactional()));
		}
		return rows;
	}

	/**
	 * {@link #executeBatch(SqlStatement, List, int)} of a statement that writes {@code rowsPerStatement} rows each
	 * time (a multi-row {@code INSERT}), so that what is recorded counts rows; by default the same.
	 */
	default int executeBatch(SqlStatement statement, List<List<@Nullable Object>> parameterLists, int batchSize,
			int rowsPerStatement) {
		return executeBatch(statement, parameterLists, batchSize);
	}

	/**
	 * Runs a statement that changes rows and returns rows ({@code INSERT ... RETURNING}); by default through
	 * {@link #query}.
	 */
	default List<Map<String, @Nullable Object>> executeReturning(SqlStatement statement) {
		return query(statement);
	}

}
