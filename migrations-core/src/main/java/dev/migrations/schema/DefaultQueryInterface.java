package dev.migrations.schema;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import dev.migrations.dialect.Dialect;
import dev.migrations.dialect.Feature;
import dev.migrations.dialect.OnlineDdl;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;
import org.springframework.jdbc.core.namedparam.ParsedSql;

/**
 * The {@link QueryInterface} that renders statements with a {@link Dialect} and hands them to a
 * {@link StatementExecutor}.
 *
 * <p>Inside {@link #revert} and {@link #applyReversible} a second instance records the operations instead of running
 * them, each with its inverse; reads ({@code query}, {@code describeTable}, ...) still go to the database.
 */
public final class DefaultQueryInterface implements QueryInterface {

	private final Dialect dialect;

	private final StatementExecutor executor;

	private final @Nullable String schema;

	private final @Nullable Journal journal;

	public DefaultQueryInterface(Dialect dialect, StatementExecutor executor, @Nullable String schema) {
		this(dialect, executor, schema, null);
	}

	private DefaultQueryInterface(Dialect dialect, StatementExecutor executor, @Nullable String schema,
			@Nullable Journal journal) {
		this.dialect = Objects.requireNonNull(dialect, "dialect");
		this.executor = Objects.requireNonNull(executor, "executor");
		this.schema = schema;
		this.journal = journal;
	}

	@Override
	public QueryInterface withSchema(String schema) {
		return new DefaultQueryInterface(this.dialect, this.executor, Objects.requireNonNull(schema, "schema"),
				this.journal);
	}

	// ---- tables

	@Override
	public void createTable(String table, Consumer<TableDefinition> definition) {
		run("createTable(" + table + ")", (q) -> q.dropTable(table), null, SqlStatement.of(createTableSql(table, definition)));
	}

	private String createTableSql(String table, Consumer<TableDefinition> definition) {
		TableDefinition body = new TableDefinition();
		definition.accept(body);
		return body.toSql(this.dialect, table(table), this.schema, table);
	}

	@Override
	public void dropTable(String table) {
		run("dropTable(" + table + ")", null, "pass the table's definition: dropTable(table, t -> ...).",
				SqlStatement.of("DROP TABLE " + table(table)));
	}

	@Override
	public void dropTable(String table, Consumer<TableDefinition> definition) {
		createTableSql(table, definition);
		run("dropTable(" + table + ")", (q) -> q.createTable(table, definition), null,
				SqlStatement.of("DROP TABLE " + table(table)));
	}

	@Override
	public void renameTable(String from, String to) {
		run("renameTable(" + from + ", " + to + ")", (q) -> q.renameTable(to, from), null,
				SqlStatement.of("ALTER TABLE " + table(from) + " RENAME TO " + quote(to)));
	}

	@Override
	public boolean tableExists(String table) {
		return catalog().tableExists(Objects.requireNonNull(table, "table"));
	}

	@Override
	public TableDescription describeTable(String table) {
		return catalog().describeTable(Objects.requireNonNull(table, "table"));
	}

	@Override
	public List<String> listTables() {
		return catalog().listTables();
	}

	// ---- columns

	@Override
	public void addColumn(String table, String column, DataType type, Consumer<ColumnDefinition> options) {
		ColumnDefinition definition = new ColumnDefinition(column, type);
		options.accept(definition);
		run("addColumn(" + table + ", " + column + ")", (q) -> q.removeColumn(table, column), null,
				SqlStatement.of("ALTER TABLE " + table(table) + " ADD COLUMN " + definition.toSql(this.dialect, this.schema)
						+ (definition.isPlain() ? this.dialect.online(OnlineDdl.ADD_COLUMN) : "")));
	}

	@Override
	public void removeColumn(String table, String column) {
		run("removeColumn(" + table + ", " + column + ")", null,
				"pass the column's definition: removeColumn(table, column, type, c -> ...).", dropColumn(table, column));
	}

	@Override
	public void removeColumn(String table, String column, DataType type, Consumer<ColumnDefinition> options) {
		run("removeColumn(" + table + ", " + column + ")", (q) -> q.addColumn(table, column, type, options), null,
				dropColumn(table, column));
	}

	private SqlStatement dropColumn(String table, String column) {
		return SqlStatement.of("ALTER TABLE " + table(table) + " DROP COLUMN " + quote(column)
				+ this.dialect.online(OnlineDdl.DROP_COLUMN));
	}

	@Override
	public void renameColumn(String table, String from, String to) {
		run("renameColumn(" + table + ", " + from + ", " + to + ")", (q) -> q.renameColumn(table, to, from), null,
				SqlStatement.of("ALTER TABLE " + table(table) + " RENAME COLUMN " + quote(from) + " TO " + quote(to)
						+ this.dialect.online(OnlineDdl.RENAME_COLUMN)));
	}

	@Override
	public void changeColumn(String table, String column, Consumer<ColumnChange> change) {
		ColumnChange body = new ColumnChange();
		change.accept(body);
		run("changeColumn(" + table + ", " + column + ")", null,
				"the column's previous type, default and nullability are not known to it.",
				SqlStatement.of(body.toSql(this.dialect, this.schema, table(table), column)));
	}

	// ---- indexes

	@Override
	public void addIndex(String table, IndexDefinition index) {
		run("addIndex(" + table + ", " + index.nameOn(table) + ")", (q) -> q.removeIndex(table, index), null,
				index.createOn(this.dialect, this.schema, table));
	}

	@Override
	public void removeIndex(String table, IndexDefinition index) {
		run("removeIndex(" + table + ", " + index.nameOn(table) + ")", (q) -> q.addIndex(table, index), null,
				index.dropOn(this.dialect, this.schema, table));
	}

	@Override
	public void removeIndex(String indexName) {
		this.dialect.require(Feature.INDEX_BY_NAME_ONLY, "removeIndex");
		run("removeIndex(" + indexName + ")", null, "pass the index's definition: removeIndex(table, index(...)).",
				IndexDefinition.dropIndex(this.dialect, this.schema, indexName, false));
	}

	@Override
	public void removeIndexConcurrently(String indexName) {
		this.dialect.require(Feature.CONCURRENT_INDEX, "removeIndexConcurrently");
		run("removeIndexConcurrently(" + indexName + ")", null,
				"pass the index's definition: removeIndex(table, index(...).concurrently()).",
				IndexDefinition.dropIndex(this.dialect, this.schema, indexName, true));
	}

	@Override
	public List<String> listIndexes(String table) {
		return catalog().listIndexes(Objects.requireNonNull(table, "table"));
	}

	// ---- constraints

	@Override
	public void addConstraint(String table, ConstraintDefinition constraint) {
		String name = constraint.nameOn(table);
		run("addConstraint(" + table + ", " + name + ")", (q) -> q.removeConstraint(table, name), null,
				SqlStatement.of("ALTER TABLE " + table(table) + " ADD "
						+ constraint.toSql(this.dialect, this.schema, table)));
	}

	@Override
	public void validateConstraint(String table, String constraintName) {
		this.dialect.require(Feature.NOT_VALID_CONSTRAINT, "validateConstraint");
		run("validateConstraint(" + table + ", " + constraintName + ")", (q) -> {
		}, null, SqlStatement
			.of("ALTER TABLE " + table(table) + " VALIDATE CONSTRAINT " + quote(constraintName)));
	}

	@Override
	public void removeConstraint(String table, String constraintName) {
		run("removeConstraint(" + table + ", " + constraintName + ")", null,
				"pass the constraint's definition: removeConstraint(table, foreignKey(...)).",
				dropConstraint(table, constraintName));
	}

	@Override
	public void removeConstraint(String table, ConstraintDefinition constraint) {
		String name = constraint.nameOn(table);
		run("removeConstraint(" + table + ", " + name + ")", (q) -> q.addConstraint(table, constraint), null,
				dropConstraint(table, name));
	}

	private SqlStatement dropConstraint(String table, String name) {
		return SqlStatement.of("ALTER TABLE " + table(table) + " DROP CONSTRAINT " + quote(name));
	}

	@Override
	public List<ConstraintDescription> listConstraints(String table) {
		return catalog().listConstraints(Objects.requireNonNull(table, "table"));
	}

	// ---- enum types

	@Override
	public void createEnum(String name, String... values) {
		this.dialect.require(Feature.ENUM_TYPES, "createEnum");
		String[] labels = values.clone();
		run("createEnum(" + name + ")", (q) -> q.dropEnum(name), null, SqlStatement.of(createEnumSql(table(name), labels)));
	}

	private String createEnumSql(String qualifiedName, String[] labels) {
		StringBuilder sql = new StringBuilder("CREATE TYPE ").append(qualifiedName).append(" AS ENUM (");
		for (int i = 0; i < labels.length; i++) {
			sql.append((i > 0) ? ", " : "").append(this.dialect.literal(Objects.requireNonNull(labels[i], "value")));
		}
		return sql.append(')').toString();
	}

	@Override
	public void addEnumValue(String type, EnumValue value) {
		this.dialect.require(Feature.ENUM_TYPES, "addEnumValue");
		String operation = "addEnumValue(" + type + ", " + value.value() + ")";
		SqlStatement statement = SqlStatement.of(value.toSql(this.dialect, table(type)));
		if (value.isIfNotExists()) {
			run(operation, null, "with ifNotExists() the label may have been there before.", statement);
		}
		else {
			run(operation, (q) -> q.removeEnumValue(type, value.value()), null, statement);
		}
	}

	@Override
	public void removeEnumValue(String type, String value) {
		this.dialect.require(Feature.ENUM_TYPES, "removeEnumValue");
		String operation = "removeEnumValue(" + type + ", " + value + ")";
		if (this.journal != null) {
			this.journal.record(this.schema, operation, null, "the label's position is not known to it.");
			return;
		}
		List<String> labels = new ArrayList<>(enumValues(type));
		if (!labels.remove(value)) {
			throw new IllegalArgumentException("Enum type " + table(type) + " has no label " + this.dialect.literal(value));
		}
		String replacement = Names.fit(type + "__new");
		String qualifiedReplacement = table(replacement);
		List<Map<String, @Nullable Object>> columns = catalog().columnsOfType(type);
		List<SqlStatement> statements = new ArrayList<>();
		statements.add(SqlStatement.of(createEnumSql(qualifiedReplacement, labels.toArray(String[]::new))));
		for (Map<String, @Nullable Object> column : columns) {
			String alter = "ALTER TABLE " + this.dialect.qualify((String) column.get("schema_name"),
					(String) Objects.requireNonNull(column.get("table_name"))) + " ALTER COLUMN "
					+ quote((String) Objects.requireNonNull(column.get("column_name"))) + " ";
			if (column.get("default_value") != null) {
				statements.add(SqlStatement.of(alter + "DROP DEFAULT"));
			}
			String array = Boolean.TRUE.equals(column.get("is_array")) ? "[]" : "";
			statements.add(SqlStatement.of(alter + "TYPE " + qualifiedReplacement + array + " USING "
					+ quote((String) Objects.requireNonNull(column.get("column_name"))) + "::text" + array + "::"
					+ qualifiedReplacement + array));
		}
		statements.add(SqlStatement.of("DROP TYPE " + table(type)));
		statements.add(SqlStatement.of("ALTER TYPE " + qualifiedReplacement + " RENAME TO " + quote(type)));
		for (Map<String, @Nullable Object> column : columns) {
			Object defaultValue = column.get("default_value");
			if (defaultValue != null) {
				// The default as the catalog printed it (e.g. 'pending'::order_status), not caller input.
				statements.add(SqlStatement.of("ALTER TABLE " + this.dialect.qualify((String) column.get("schema_name"),
						(String) Objects.requireNonNull(column.get("table_name"))) + " ALTER COLUMN "
						+ quote((String) Objects.requireNonNull(column.get("column_name"))) + " SET DEFAULT " + defaultValue));
			}
		}
		statements.forEach(this.executor::execute);
	}

	@Override
	public void renameEnumValue(String type, String from, String to) {
		this.dialect.require(Feature.ENUM_TYPES, "renameEnumValue");
		run("renameEnumValue(" + type + ", " + from + ", " + to + ")", (q) -> q.renameEnumValue(type, to, from), null,
				SqlStatement.of("ALTER TYPE " + table(type) + " RENAME VALUE " + this.dialect.literal(from) + " TO "
						+ this.dialect.literal(to)));
	}

	@Override
	public void dropEnum(String name) {
		this.dialect.require(Feature.ENUM_TYPES, "dropEnum");
		run("dropEnum(" + name + ")", null, "pass the labels: dropEnum(name, labels...).",
				SqlStatement.of("DROP TYPE " + table(name)));
	}

	@Override
	public void dropEnum(String name, String... values) {
		this.dialect.require(Feature.ENUM_TYPES, "dropEnum");
		String[] labels = values.clone();
		run("dropEnum(" + name + ")", (q) -> q.createEnum(name, labels), null, SqlStatement.of("DROP TYPE " + table(name)));
	}

	@Override
	public List<String> enumValues(String name) {
		this.dialect.require(Feature.ENUM_TYPES, "enumValues");
		return catalog().enumValues(Objects.requireNonNull(name, "name"));
	}

	// ---- other objects

	@Override
	public void createSchema(String name) {
		this.dialect.require(Feature.SCHEMAS, "createSchema");
		run("createSchema(" + name + ")", (q) -> q.dropSchema(name), null, SqlStatement.of("CREATE SCHEMA " + quote(name)));
	}

	@Override
	public void dropSchema(String name) {
		this.dialect.require(Feature.SCHEMAS, "dropSchema");
		run("dropSchema(" + name + ")", null, "its contents are not known to it.",
				SqlStatement.of("DROP SCHEMA " + quote(name)));
	}

	@Override
	public void createExtension(String name) {
		this.dialect.require(Feature.EXTENSIONS, "createExtension");
		run("createExtension(" + name + ")", (q) -> q.dropExtension(name), null,
				SqlStatement.of("CREATE EXTENSION " + quote(name) + ((this.schema != null) ? " SCHEMA " + quote(this.schema) : "")));
	}

	@Override
	public void dropExtension(String name) {
		this.dialect.require(Feature.EXTENSIONS, "dropExtension");
		run("dropExtension(" + name + ")", null, "use createExtension in down.", SqlStatement.of("DROP EXTENSION " + quote(name)));
	}

	@Override
	public void createView(String name, String query) {
		Objects.requireNonNull(query, "query");
		run("createView(" + name + ")", (q) -> q.dropView(name), null,
				SqlStatement.of("CREATE VIEW " + table(name) + " AS " + query));
	}

	@Override
	public void dropView(String name) {
		run("dropView(" + name + ")", null, "its query is not known to it.", SqlStatement.of("DROP VIEW " + table(name)));
	}

	@Override
	public void createMaterializedView(String name, String query) {
		this.dialect.require(Feature.MATERIALIZED_VIEWS, "createMaterializedView");
		Objects.requireNonNull(query, "query");
		run("createMaterializedView(" + name + ")", (q) -> q.dropMaterializedView(name), null,
				SqlStatement.of("CREATE MATERIALIZED VIEW " + table(name) + " AS " + query));
	}

	@Override
	public void refreshMaterializedView(String name) {
		this.dialect.require(Feature.MATERIALIZED_VIEWS, "refreshMaterializedView");
		run("refreshMaterializedView(" + name + ")", (q) -> {
		}, null, SqlStatement.of("REFRESH MATERIALIZED VIEW " + table(name)));
	}

	@Override
	public void refreshMaterializedViewConcurrently(String name) {
		this.dialect.require(Feature.MATERIALIZED_VIEWS, "refreshMaterializedViewConcurrently");
		run("refreshMaterializedViewConcurrently(" + name + ")", (q) -> {
		}, null, SqlStatement.of("REFRESH MATERIALIZED VIEW CONCURRENTLY " + table(name)));
	}

	@Override
	public void dropMaterializedView(String name) {
		this.dialect.require(Feature.MATERIALIZED_VIEWS, "dropMaterializedView");
		run("dropMaterializedView(" + name + ")", null, "its query is not known to it.",
				SqlStatement.of("DROP MATERIALIZED VIEW " + table(name)));
	}

	@Override
	public void createFunction(String name, Consumer<FunctionDefinition> definition) {
		this.dialect.require(Feature.ROUTINES, "createFunction");
		FunctionDefinition body = new FunctionDefinition();
		definition.accept(body);
		String arguments = body.arguments();
		run("createFunction(" + name + ")", body.isReplace() ? null : (q) -> q.dropFunction(name, arguments),
				"CREATE OR REPLACE may have replaced an existing function.",
				SqlStatement.of(body.toSql(this.dialect, table(name))));
	}

	@Override
	public void dropFunction(String name, String arguments) {
		this.dialect.require(Feature.ROUTINES, "dropFunction");
		run("dropFunction(" + name + ")", null, "its definition is not known to it.",
				SqlStatement.of("DROP FUNCTION " + table(name) + "(" + Objects.requireNonNull(arguments, "arguments") + ")"));
	}

	@Override
	public void createTrigger(String table, String name, Consumer<TriggerDefinition> definition) {
		this.dialect.require(Feature.ROUTINES, "createTrigger");
		TriggerDefinition body = new TriggerDefinition();
		definition.accept(body);
		run("createTrigger(" + table + ", " + name + ")", (q) -> q.dropTrigger(table, name), null,
				SqlStatement.of(body.toSql(this.dialect, this.schema, table(table), name)));
	}

	@Override
	public void dropTrigger(String table, String name) {
		this.dialect.require(Feature.ROUTINES, "dropTrigger");
		run("dropTrigger(" + table + ", " + name + ")", null, "its definition is not known to it.",
				SqlStatement.of("DROP TRIGGER " + quote(name) + " ON " + table(table)));
	}

	@Override
	public void createSequence(String name, Consumer<SequenceDefinition> definition) {
		SequenceDefinition body = new SequenceDefinition();
		definition.accept(body);
		run("createSequence(" + name + ")", (q) -> q.dropSequence(name), null,
				SqlStatement.of(body.toSql(this.dialect, this.schema, table(name))));
	}

	@Override
	public void dropSequence(String name) {
		run("dropSequence(" + name + ")", null, "its definition is not known to it.",
				SqlStatement.of("DROP SEQUENCE " + table(name)));
	}

	@Override
	public void commentOnTable(String table, @Nullable String comment) {
		this.dialect.require(Feature.COMMENT_ON, "commentOnTable");
		run("commentOnTable(" + table + ")", null, "the previous comment is not known to it.",
				SqlStatement.of("COMMENT ON TABLE " + table(table) + " IS " + this.dialect.literal(comment)));
	}

	@Override
	public void commentOnColumn(String table, String column, @Nullable String comment) {
		this.dialect.require(Feature.COMMENT_ON, "commentOnColumn");
		run("commentOnColumn(" + table + ", " + column + ")", null, "the previous comment is not known to it.",
				SqlStatement.of("COMMENT ON COLUMN " + table(table) + "." + quote(column) + " IS "
						+ this.dialect.literal(comment)));
	}

	// ---- data

	@Override
	public int bulkInsert(String table, List<? extends Map<String, ?>> rows, Consumer<BulkInsertOptions> options) {
		BulkWriter writer = bulkWriter("bulkInsert(" + table + ")");
		if (rows.isEmpty()) {
			return 0;
		}
		BulkInsertOptions body = new BulkInsertOptions();
		options.accept(body);
		List<String> columns = columnsOf(rows);
		// One row a statement, batchSize statements a JDBC batch.
		return Math.toIntExact(writer.insert(table, columns, valuesOf(rows, columns), body.conflict(), 1,
				body.batchSize()));
	}

	@Override
	public List<Map<String, @Nullable Object>> bulkInsertReturning(String table, List<? extends Map<String, ?>> rows,
			Consumer<BulkInsertOptions> options, String... returning) {
		BulkWriter writer = bulkWriter("bulkInsertReturning(" + table + ")");
		if (returning.length == 0) {
			throw new IllegalArgumentException("bulkInsertReturning needs the columns to return");
		}
		if (rows.isEmpty()) {
			return List.of();
		}
		BulkInsertOptions body = new BulkInsertOptions();
		options.accept(body);
		List<String> columns = columnsOf(rows);
		return writer.insertReturning(table, columns, valuesOf(rows, columns), body.conflict(), body.batchSize(),
				returning);
	}

	private static List<String> columnsOf(List<? extends Map<String, ?>> rows) {
		List<String> columns = new ArrayList<>(rows.get(0).keySet());
		if (columns.isEmpty()) {
			throw new IllegalArgumentException("A row to insert names no column");
		}
		LinkedHashSet<String> expected = new LinkedHashSet<>(columns);
		for (int i = 1; i < rows.size(); i++) {
			if (!expected.equals(new LinkedHashSet<>(rows.get(i).keySet()))) {
				throw new IllegalArgumentException("Every row must name the same columns; row " + i + " names "
						+ rows.get(i).keySet() + " where row 0 names " + columns);
			}
		}
		return columns;
	}

	private static List<@Nullable Object[]> valuesOf(List<? extends Map<String, ?>> rows, List<String> columns) {
		List<@Nullable Object[]> values = new ArrayList<>(rows.size());
		for (Map<String, ?> row : rows) {
			@Nullable Object[] array = new Object[columns.size()];
			for (int c = 0; c < columns.size(); c++) {
				array[c] = row.get(columns.get(c));
			}
			values.add(array);
		}
		return values;
	}

	@Override
	public int bulkUpdate(String table, Map<String, ?> values, Map<String, ?> where) {
		return bulkWriter("bulkUpdate(" + table + ")").update(table, values, where);
	}

	@Override
	public int bulkDelete(String table, Map<String, ?> where) {
		return bulkWriter("bulkDelete(" + table + ")").delete(table, where);
	}

	/**
	 * The bulk writer on this query interface's executor and schema, for {@link Rows}; refused inside a reversible
	 * change, as every data operation is.
	 */
	BulkWriter bulkWriter(String operation) {
		refuseData(operation);
		return new BulkWriter(this.dialect, this.executor, this.schema);
	}

	@Override
	public void sql(String sql, @Nullable Object... parameters) {
		refuseData("sql(...)");
		this.executor.execute(SqlStatement.of(Objects.requireNonNull(sql, "sql"), parameters));
	}

	@Override
	public void sql(String sql, Map<String, ?> parameters) {
		refuseData("sql(...)");
		this.executor.execute(named(sql, parameters));
	}

	@Override
	public int update(String sql, @Nullable Object... parameters) {
		refuseData("update(...)");
		return this.executor.update(SqlStatement.of(Objects.requireNonNull(sql, "sql"), parameters));
	}

	@Override
	public int update(String sql, Map<String, ?> parameters) {
		refuseData("update(...)");
		return this.executor.update(named(sql, parameters));
	}

	@Override
	public List<Map<String, @Nullable Object>> query(String sql, @Nullable Object... parameters) {
		return this.executor.query(new SqlStatement(sql, Arrays.asList(parameters.clone()), true));
	}

	@Override
	public List<Map<String, @Nullable Object>> query(String sql, Map<String, ?> parameters) {
		return this.executor.query(named(sql, parameters));
	}

	private static SqlStatement named(String sql, Map<String, ?> parameters) {
		ParsedSql parsed = NamedParameterUtils.parseSqlStatement(Objects.requireNonNull(sql, "sql"));
		MapSqlParameterSource source = new MapSqlParameterSource(parameters);
		String jdbcSql = NamedParameterUtils.substituteNamedParameters(parsed, source);
		List<@Nullable Object> values = new ArrayList<>();
		for (Object value : NamedParameterUtils.buildValueArray(parsed, source, null)) {
			if (value instanceof Iterable<?> iterable) {
				iterable.forEach(values::add);
			}
			else {
				values.add(value);
			}
		}
		return new SqlStatement(jdbcSql, values, true);
	}

	@Override
	public JdbcTemplate jdbc() {
		refuseData("jdbc()");
		return this.executor.jdbcTemplate();
	}

	// ---- reversible changes

	@Override
	public void applyReversible(ReversibleChange change) throws Exception {
		if (this.journal != null) {
			change.change(this);
			return;
		}
		change.change(recorder(new Journal()));
		change.change(this);
	}

	@Override
	public void revert(ReversibleChange change) throws Exception {
		if (this.journal != null) {
			this.journal.record(this.schema, "revert(...)", (q) -> {
				try {
					q.applyReversible(change);
				}
				catch (RuntimeException ex) {
					throw ex;
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			}, null);
			return;
		}
		Journal recorded = new Journal();
		change.change(recorder(recorded));
		recorded.undo(this);
	}

	private DefaultQueryInterface recorder(Journal journal) {
		return new DefaultQueryInterface(this.dialect, this.executor, this.schema, journal);
	}

	@Override
	public @Nullable String schema() {
		return this.schema;
	}

	@Override
	public boolean inTransaction() {
		return this.executor.inTransaction();
	}

	@Override
	public boolean dryRun() {
		return this.executor.dryRun();
	}

	// ---- helpers

	private void run(String operation, @Nullable Consumer<QueryInterface> inverse, @Nullable String hint,
			SqlStatement statement) {
		if (this.journal != null) {
			this.journal.record(this.schema, operation, inverse, hint);
			return;
		}
		this.executor.execute(statement);
	}

	private void refuseData(String operation) {
		if (this.journal != null) {
			this.journal.record(this.schema, operation, null,
					"raw SQL, data changes and jdbc() have no inverse that can be derived.");
		}
	}

	private Catalog catalog() {
		return new Catalog(this.dialect, this.executor, this.schema);
	}

	private String table(String name) {
		return this.dialect.qualify(this.schema, Objects.requireNonNull(name, "name"));
	}

	@Override
	public String quote(String identifier) {
		return this.dialect.quote(Objects.requireNonNull(identifier, "identifier"));
	}

	/** The operations of a reversible change, each with its inverse, in the order they were called. */
	private static final class Journal {

		private final List<Entry> entries = new ArrayList<>();

		void record(@Nullable String schema, String operation, @Nullable Consumer<QueryInterface> inverse,
				@Nullable String hint) {
			if (inverse == null) {
				throw new IrreversibleOperationException(operation, (hint != null) ? hint : "");
			}
			this.entries.add(new Entry(schema, inverse));
		}

		void undo(DefaultQueryInterface target) {
			for (int i = this.entries.size() - 1; i >= 0; i--) {
				Entry entry = this.entries.get(i);
				QueryInterface scoped = Objects.equals(entry.schema(), target.schema) ? target
						: target.withSchema(Objects.requireNonNull(entry.schema()));
				entry.inverse().accept(scoped);
			}
		}

		private record Entry(@Nullable String schema, Consumer<QueryInterface> inverse) {
		}

	}

}
