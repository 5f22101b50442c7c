package dev.migrations.schema;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a migration uses to change the schema, after Sequelize's {@code queryInterface}. Every operation renders one
 * or more statements with quoted identifiers; values travel as bound parameters, except in DDL where PostgreSQL takes
 * none and the dialect renders an escaped literal.
 *
 * <p>Table names are single identifiers in the migration's schema (the connection's {@code current_schema()} unless
 * configured): {@code "orders"} is the table {@code "orders"}, never split on dots.
 */
public interface QueryInterface {

	/**
	 * {@code CREATE TABLE}: <pre>{@code
	 * q.createTable("orders", t -> {
	 *     t.bigIdentity("id").primaryKey();
	 *     t.bigint("user_id").notNull().references("users", "id").onDelete(CASCADE);
	 *     t.timestamps();
	 * });}</pre>
	 */
	void createTable(String table, Consumer<TableDefinition> definition);

	/** {@code DROP TABLE}; fails when the table does not exist. */
	void dropTable(String table);

	/** {@code ALTER TABLE ... ADD COLUMN} with a nullable column of the type. */
	default void addColumn(String table, String column, DataType type) {
		addColumn(table, column, type, (definition) -> {
		});
	}

	/** {@code ALTER TABLE ... ADD COLUMN}, e.g. {@code addColumn("users", "status", text(), c -> c.notNull().defaultValue("active"))}. */
	void addColumn(String table, String column, DataType type, Consumer<ColumnDefinition> options);

	/** {@code ALTER TABLE ... DROP COLUMN}. */
	void removeColumn(String table, String column);

	/** {@code ALTER TABLE ... RENAME COLUMN from TO to}. */
	void renameColumn(String table, String from, String to);

	/** {@code CREATE [UNIQUE] INDEX [CONCURRENTLY]}, see {@link IndexDefinition#index(String...)}. */
	void addIndex(String table, IndexDefinition index);

	/** {@code DROP INDEX [CONCURRENTLY]} of the index the definition names or derives on the table. */
	void removeIndex(String table, IndexDefinition index);

	/** {@code DROP INDEX} by name. */
	void removeIndex(String indexName);

	/**
	 * Runs SQL the migration author writes, with {@code ?} placeholders bound to the parameters in order:
	 * {@code q.sql("UPDATE orders SET status = ? WHERE status IS NULL", "pending")}.
	 */
	void sql(String sql, @Nullable Object... parameters);

	/** Runs a query with bound parameters and returns its rows as maps of column label to value, in column order. */
	List<Map<String, @Nullable Object>> query(String sql, @Nullable Object... parameters);

	/** A {@link JdbcTemplate} on the migration's connection: its statements share the migration's transaction. */
	JdbcTemplate jdbc();

	/** A {@link JdbcClient} on the migration's connection: its statements share the migration's transaction. */
	default JdbcClient jdbcClient() {
		return JdbcClient.create(jdbc());
	}

	/** The schema that the table names resolve to, or {@code null} for the connection's current schema. */
	@Nullable String schema();

}
