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
 * none and the dialect renders an escaped literal (defaults, enum labels, comments). SQL the author writes (default
 * expressions such as {@code now()}, check expressions, index expressions and predicates, view and function bodies,
 * {@code USING} conversions) is passed through as written: never put caller data in it.
 *
 * <p>Names are single identifiers in the migration's schema (the connection's {@code current_schema()} unless
 * {@link #withSchema(String)} names one): {@code "orders"} is the table {@code "orders"}, never split on dots.
 *
 * <p>Each operation documents its inverse; the operations that have one can be used in a reversible change
 * ({@link #revert(ReversibleChange)}, {@code ReversibleMigration#change}).
 */
public interface QueryInterface {

	/**
	 * This query interface with every name resolved in {@code schema}: {@code q.withSchema("billing").createTable(...)}
	 * creates {@code "billing"."..."}.
	 */
	QueryInterface withSchema(String schema);

	// ---- tables

	/**
	 * {@code CREATE TABLE}: <pre>{@code
	 * q.createTable("orders", t -> {
	 *     t.bigIdentity("id").primaryKey();
	 *     t.bigint("user_id").notNull().references("users", "id").onDelete(CASCADE);
	 *     t.timestamps();
	 * });}</pre> Inverse: {@code dropTable}.
	 */
	void createTable(String table, Consumer<TableDefinition> definition);

	/** {@code DROP TABLE}; fails when the table does not exist. No inverse: use the overload with the definition. */
	void dropTable(String table);

	/** {@code DROP TABLE}, with the table's definition so that the inverse ({@code createTable}) is known. */
	void dropTable(String table, Consumer<TableDefinition> definition);

	/** {@code ALTER TABLE from RENAME TO to}. Inverse: the rename back. */
	void renameTable(String from, String to);

	/** Whether the table exists in the migration's schema; reads the catalog. */
	boolean tableExists(String table);

	/**
	 * The table's columns with type, nullability, default and primary key, read from the catalog.
	 * @throws IllegalArgumentException when the table does not exist
	 */
	TableDescription describeTable(String table);

	/** The tables in the migration's schema, by name (the history table included). */
	List<String> listTables();

	// ---- columns

	/** {@code ALTER TABLE ... ADD COLUMN} with a nullable column of the type. Inverse: {@code removeColumn}. */
	default void addColumn(String table, String column, DataType type) {
		addColumn(table, column, type, (definition) -> {
		});
	}

	/**
	 * {@code ALTER TABLE ... ADD COLUMN}, e.g. {@code addColumn("users", "status", text(), c -> c.notNull().defaultValue("active"))}.
	 * Inverse: {@code removeColumn}.
	 */
	void addColumn(String table, String column, DataType type, Consumer<ColumnDefinition> options);

	/** {@code ALTER TABLE ... DROP COLUMN}. No inverse: use the overload with the definition. */
	void removeColumn(String table, String column);

	/** {@code ALTER TABLE ... DROP COLUMN}, with the column's definition so that the inverse ({@code addColumn}) is known. */
	void removeColumn(String table, String column, DataType type, Consumer<ColumnDefinition> options);

	/** {@code ALTER TABLE ... RENAME COLUMN from TO to}. Inverse: the rename back. */
	void renameColumn(String table, String from, String to);

	/**
	 * {@code ALTER TABLE ... ALTER COLUMN ...}: type (with {@code USING}), default, nullability, in one statement. What
	 * the change does not name stays as it is: {@code changeColumn("products", "price", c -> c.type(numeric(12, 2)))}
	 * keeps NOT NULL and the default. No inverse: write up and down.
	 */
	void changeColumn(String table, String column, Consumer<ColumnChange> change);

	// ---- indexes

	/** {@code CREATE [UNIQUE] INDEX [CONCURRENTLY]}, see {@link IndexDefinition}. Inverse: {@code removeIndex}. */
	void addIndex(String table, IndexDefinition index);

	/** {@code DROP INDEX [CONCURRENTLY]} of the index the definition names or derives. Inverse: {@code addIndex}. */
	void removeIndex(String table, IndexDefinition index);

	/** {@code DROP INDEX} by name. No inverse: use the overload with the definition. */
	void removeIndex(String indexName);

	/**
	 * {@code DROP INDEX CONCURRENTLY} by name; PostgreSQL refuses it in a transaction block, so the migration must
	 * be non-transactional. No inverse.
	 */
	void removeIndexConcurrently(String indexName);

	/** The names of the table's indexes, read from the catalog. */
	List<String> listIndexes(String table);

	// ---- constraints

	/**
	 * {@code ALTER TABLE ... ADD CONSTRAINT}, see {@link ConstraintDefinition}: foreign key, check, unique, primary
	 * key, optionally {@code NOT VALID}. Inverse: {@code removeConstraint}.
	 */
	void addConstraint(String table, ConstraintDefinition constraint);

	/** {@code ALTER TABLE ... VALIDATE CONSTRAINT}: checks the rows of a NOT VALID constraint. Inverse: nothing to do. */
	void validateConstraint(String table, String constraintName);

	/** {@code ALTER TABLE ... DROP CONSTRAINT} by name. No inverse: use the overload with the definition. */
	void removeConstraint(String table, String constraintName);

	/** {@code ALTER TABLE ... DROP CONSTRAINT} of the constraint the definition names or derives. Inverse: {@code addConstraint}. */
	void removeConstraint(String table, ConstraintDefinition constraint);

	/** The table's constraints, read from the catalog, by name. */
	List<ConstraintDescription> listConstraints(String table);

	// ---- enum types

	/** {@code CREATE TYPE name AS ENUM ('a', 'b')}; labels are escaped literals. Inverse: {@code dropEnum}. */
	void createEnum(String name, String... values);

	/** {@code ALTER TYPE name ADD VALUE 'value'}, last. Inverse: {@link #removeEnumValue}. */
	default void addEnumValue(String type, String value) {
		addEnumValue(type, EnumValue.of(value));
	}

	/**
	 * {@code ALTER TYPE name ADD VALUE [IF NOT EXISTS] 'value' [BEFORE|AFTER 'existing']}. PostgreSQL 12 and later run
	 * it in a transaction, but the new label cannot be used before that transaction commits: use it in a later
	 * migration. Inverse: {@link #removeEnumValue} (not with {@code ifNotExists}, where the label may have been there).
	 */
	void addEnumValue(String type, EnumValue value);

	/**
	 * Removes a label from an enum type. PostgreSQL has no {@code DROP VALUE}, so this re-creates the type without the
	 * label: it reads the columns of the type from the catalog, creates the new type, converts each column
	 * ({@code USING column::text::type}, which fails when a row holds the label), drops the old type and renames the
	 * new one, keeping the columns' defaults; columns of arrays of the type are converted too. The statements depend on
	 * the catalog, so a plan shows them as depending on data. No inverse.
	 */
	void removeEnumValue(String type, String value);

	/** {@code ALTER TYPE name RENAME VALUE 'from' TO 'to'}. Inverse: the rename back. */
	void renameEnumValue(String type, String from, String to);

	/** {@code DROP TYPE name}. No inverse: use the overload with the labels. */
	void dropEnum(String name);

	/** {@code DROP TYPE name}, with the labels so that the inverse ({@code createEnum}) is known. */
	void dropEnum(String name, String... values);

	/** The labels of an enum type in order, read from the catalog; empty when the type does not exist. */
	List<String> enumValues(String name);

	// ---- schemas, extensions, views, functions, triggers, sequences, comments

	/** {@code CREATE SCHEMA name}. Inverse: {@code dropSchema}. */
	void createSchema(String name);

	/** {@code DROP SCHEMA name}; fails when it holds objects. No inverse. */
	void dropSchema(String name);

	/** {@code CREATE EXTENSION name}, e.g. {@code pg_trgm}; fails when it is already installed. Inverse: {@code dropExtension}. */
	void createExtension(String name);

	/** {@code DROP EXTENSION name}. No inverse. */
	void dropExtension(String name);

	/** {@code CREATE VIEW name AS query}; the query is SQL the author writes. Inverse: {@code dropView}. */
	void createView(String name, String query);

	/** {@code DROP VIEW name}. No inverse. */
	void dropView(String name);

	/**
	 * {@code CREATE MATERIALIZED VIEW name AS query} (filled at once). Inverse: {@code dropMaterializedView}.
	 */
	void createMaterializedView(String name, String query);

	/** {@code REFRESH MATERIALIZED VIEW name}. Inverse: nothing to do. */
	void refreshMaterializedView(String name);

	/**
	 * {@code REFRESH MATERIALIZED VIEW CONCURRENTLY name}: needs a unique index on the view; readers are not blocked.
	 * Inverse: nothing to do.
	 */
	void refreshMaterializedViewConcurrently(String name);

	/** {@code DROP MATERIALIZED VIEW name}. No inverse. */
	void dropMaterializedView(String name);

	/** {@code CREATE FUNCTION name(arguments) RETURNS ... AS $body$...$body$}. Inverse: {@code dropFunction}. */
	void createFunction(String name, Consumer<FunctionDefinition> definition);

	/** {@code DROP FUNCTION name(arguments)}; the argument types are SQL the author writes, e.g. {@code "integer, text"}. No inverse. */
	void dropFunction(String name, String arguments);

	/** {@code CREATE TRIGGER name ... ON table ... EXECUTE FUNCTION function()}. Inverse: {@code dropTrigger}. */
	void createTrigger(String table, String name, Consumer<TriggerDefinition> definition);

	/** {@code DROP TRIGGER name ON table}. No inverse. */
	void dropTrigger(String table, String name);

	/** {@code CREATE SEQUENCE name}. Inverse: {@code dropSequence}. */
	default void createSequence(String name) {
		createSequence(name, (sequence) -> {
		});
	}

	/** {@code CREATE SEQUENCE name [options]}. Inverse: {@code dropSequence}. */
	void createSequence(String name, Consumer<SequenceDefinition> definition);

	/** {@code DROP SEQUENCE name}. No inverse. */
	void dropSequence(String name);

	/** {@code COMMENT ON TABLE name IS 'text'} ({@code IS NULL} removes it). No inverse: the previous text is unknown. */
	void commentOnTable(String table, @Nullable String comment);

	/** {@code COMMENT ON COLUMN table.column IS 'text'}. No inverse. */
	void commentOnColumn(String table, String column, @Nullable String comment);

	// ---- data

	/**
	 * Inserts the rows with one {@code INSERT ... VALUES (?, ...)} executed as JDBC batches; each row maps column
	 * names to values, all rows name the same columns. Returns the number of rows inserted (as the driver reports it).
	 * No inverse.
	 */
	default int bulkInsert(String table, List<? extends Map<String, ?>> rows) {
		return bulkInsert(table, rows, (options) -> {
		});
	}

	/** {@link #bulkInsert(String, List)} with options: batch size, ignore duplicates, upsert. */
	int bulkInsert(String table, List<? extends Map<String, ?>> rows, Consumer<BulkInsertOptions> options);

	/**
	 * Inserts the rows with multi-row {@code INSERT ... RETURNING columns} statements (bound parameters) and returns
	 * the returned rows.
	 */
	List<Map<String, @Nullable Object>> bulkInsertReturning(String table, List<? extends Map<String, ?>> rows,
			Consumer<BulkInsertOptions> options, String... returning);

	/**
	 * {@code UPDATE table SET column = ?, ... WHERE key = ? AND ...}: a null in {@code where} matches with
	 * {@code IS NULL}, a collection with {@code IN (?, ...)}; an empty {@code where} updates every row. Returns the
	 * number of rows updated. No inverse.
	 */
	int bulkUpdate(String table, Map<String, ?> values, Map<String, ?> where);

	/** {@code DELETE FROM table WHERE ...}, {@code where} as in {@link #bulkUpdate}. Returns the rows deleted. No inverse. */
	int bulkDelete(String table, Map<String, ?> where);

	/**
	 * Runs SQL the migration author writes, with {@code ?} placeholders bound to the parameters in order:
	 * {@code q.sql("UPDATE orders SET status = ? WHERE status IS NULL", "pending")}. No inverse.
	 */
	void sql(String sql, @Nullable Object... parameters);

	/**
	 * Runs SQL with {@code :name} placeholders bound from the map (Spring's named parameters; a collection expands to
	 * a list): {@code q.sql("DELETE FROM orders WHERE status IN (:statuses)", Map.of("statuses", List.of("a", "b")))}.
	 */
	void sql(String sql, Map<String, ?> parameters);

	/** Like {@link #sql(String, Object...)}, returning the number of rows changed. */
	int update(String sql, @Nullable Object... parameters);

	/** Like {@link #sql(String, Map)}, returning the number of rows changed. */
	int update(String sql, Map<String, ?> parameters);

	/** Runs a query with bound parameters and returns its rows as maps of column label to value, in column order. */
	List<Map<String, @Nullable Object>> query(String sql, @Nullable Object... parameters);

	/** Runs a query with {@code :name} parameters and returns its rows. */
	List<Map<String, @Nullable Object>> query(String sql, Map<String, ?> parameters);

	/** A {@link JdbcTemplate} on the migration's connection: its statements share the migration's transaction. */
	JdbcTemplate jdbc();

	/** A {@link JdbcClient} on the migration's connection: its statements share the migration's transaction. */
	default JdbcClient jdbcClient() {
		return JdbcClient.create(jdbc());
	}

	// ---- reversible changes

	/**
	 * Runs the change after checking, without running anything, that each of its operations has a known inverse.
	 * @throws IrreversibleOperationException naming the first operation without an inverse
	 */
	void applyReversible(ReversibleChange change) throws Exception;

	/**
	 * Runs the inverse of each operation of the change, in reverse order (Rails' {@code revert}): {@code createTable}
	 * becomes {@code dropTable}, {@code addIndex} becomes {@code removeIndex}, a rename renames back.
	 * @throws IrreversibleOperationException, before anything runs, naming the first operation without an inverse
	 */
	void revert(ReversibleChange change) throws Exception;

	/** The schema that the names resolve to, or {@code null} for the connection's current schema. */
	@Nullable String schema();

	/**
	 * Quotes an identifier for SQL the migration author writes: {@code q.sql("UPDATE " + q.quote(table) + " ...")}.
	 * Names are never split on dots.
	 */
	String quote(String identifier);

	/**
	 * Whether the migration's statements share one transaction ({@code transactional() == true}); the safe helpers
	 * that need a transaction per step refuse to run in one.
	 */
	boolean inTransaction();

	/**
	 * Whether this is a dry run: {@code up} is run once against a recorder before it runs for real, for the plan and
	 * the safety checks. Nothing is written in a dry run (reads see the current database, and data-changing
	 * operations report 0 rows); keep side effects outside the database behind {@code if (!q.dryRun())}.
	 */
	boolean dryRun();

}
