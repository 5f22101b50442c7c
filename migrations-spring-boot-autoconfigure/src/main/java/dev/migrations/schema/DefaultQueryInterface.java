package dev.migrations.schema;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import dev.migrations.dialect.Dialect;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@link QueryInterface} that renders statements with a {@link Dialect} and hands them to a
 * {@link StatementExecutor}.
 */
public final class DefaultQueryInterface implements QueryInterface {

	private final Dialect dialect;

	private final StatementExecutor executor;

	private final @Nullable String schema;

	public DefaultQueryInterface(Dialect dialect, StatementExecutor executor, @Nullable String schema) {
		this.dialect = dialect;
		this.executor = executor;
		this.schema = schema;
	}

	@Override
	public void createTable(String table, Consumer<TableDefinition> definition) {
		TableDefinition body = new TableDefinition();
		definition.accept(body);
		execute(SqlStatement.of(body.toSql(this.dialect, table(table), this.schema)));
	}

	@Override
	public void dropTable(String table) {
		execute(SqlStatement.of("DROP TABLE " + table(table)));
	}

	@Override
	public void addColumn(String table, String column, DataType type, Consumer<ColumnDefinition> options) {
		ColumnDefinition definition = new ColumnDefinition(column, type);
		options.accept(definition);
		execute(SqlStatement.of("ALTER TABLE " + table(table) + " ADD COLUMN " + definition.toSql(this.dialect, this.schema)));
	}

	@Override
	public void removeColumn(String table, String column) {
		execute(SqlStatement.of("ALTER TABLE " + table(table) + " DROP COLUMN " + this.dialect.quote(column)));
	}

	@Override
	public void renameColumn(String table, String from, String to) {
		execute(SqlStatement.of("ALTER TABLE " + table(table) + " RENAME COLUMN " + this.dialect.quote(from) + " TO "
				+ this.dialect.quote(to)));
	}

	@Override
	public void addIndex(String table, IndexDefinition index) {
		execute(index.createOn(this.dialect, this.schema, table));
	}

	@Override
	public void removeIndex(String table, IndexDefinition index) {
		execute(index.dropOn(this.dialect, this.schema, table));
	}

	@Override
	public void removeIndex(String indexName) {
		execute(IndexDefinition.dropIndex(this.dialect, this.schema, indexName, false));
	}

	@Override
	public void sql(String sql, @Nullable Object... parameters) {
		execute(SqlStatement.of(Objects.requireNonNull(sql, "sql"), parameters));
	}

	@Override
	public List<Map<String, @Nullable Object>> query(String sql, @Nullable Object... parameters) {
		return this.executor.query(new SqlStatement(sql, Arrays.asList(parameters.clone()), true));
	}

	@Override
	public JdbcTemplate jdbc() {
		return this.executor.jdbcTemplate();
	}

	@Override
	public @Nullable String schema() {
		return this.schema;
	}

	private String table(String table) {
		return this.dialect.qualify(this.schema, Objects.requireNonNull(table, "table"));
	}

	private void execute(SqlStatement statement) {
		this.executor.execute(statement);
	}

}
