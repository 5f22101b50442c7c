package dev.migrations.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.migrations.dialect.Dialect;
import dev.migrations.dialect.MariaDbDialect;
import org.jspecify.annotations.Nullable;

/**
 * Reads what the QueryInterface needs to know from PostgreSQL's catalog, always with bound parameters. A null schema
 * means the connection's {@code current_schema()}.
 */
final class Catalog {

	private static final String SCHEMA = "n.nspname = coalesce(CAST(? AS text), current_schema())";

	private static final String TABLE_EXISTS = "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_class c "
			+ "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE " + SCHEMA
			+ " AND c.relname = ? AND c.relkind IN ('r', 'p')) AS present";

	private static final String LIST_TABLES = "SELECT c.relname AS name FROM pg_catalog.pg_class c "
			+ "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE " + SCHEMA
			+ " AND c.relkind IN ('r', 'p') ORDER BY c.relname";

	private static final String DESCRIBE_TABLE = "SELECT n.nspname AS schema_name, a.attname AS name, "
			+ "format_type(a.atttypid, a.atttypmod) AS type, NOT a.attnotnull AS nullable, "
			+ "pg_get_expr(d.adbin, d.adrelid) AS default_value, "
			+ "EXISTS (SELECT 1 FROM pg_catalog.pg_index i WHERE i.indrelid = c.oid AND i.indisprimary "
			+ "AND a.attnum = ANY (i.indkey)) AS primary_key, a.attidentity::text AS identity "
			+ "FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid "
			+ "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
			+ "LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE " + SCHEMA
			+ " AND c.relname = ? AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND a.attnum > 0 AND NOT a.attisdropped "
			+ "ORDER BY a.attnum";

	private static final String LIST_INDEXES = "SELECT ic.relname AS name FROM pg_catalog.pg_index i "
			+ "JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid JOIN pg_catalog.pg_class c ON c.oid = i.indrelid "
			+ "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE " + SCHEMA
			+ " AND c.relname = ? ORDER BY ic.relname";

	private static final String LIST_CONSTRAINTS = "SELECT con.conname AS name, con.contype::text AS type, "
			+ "pg_get_constraintdef(con.oid) AS definition, con.convalidated AS validated "
			+ "FROM pg_catalog.pg_constraint con JOIN pg_catalog.pg_class c ON c.oid = con.conrelid "
			+ "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE " + SCHEMA
			+ " AND c.relname = ? ORDER BY con.conname";

	private static final String ENUM_VALUES = "SELECT e.enumlabel AS label FROM pg_catalog.pg_enum e "
			+ "JOIN pg_catalog.pg_type t ON t.oid = e.enumtypid JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace "
			+ "WHERE " + SCHEMA + " AND t.typname = ? ORDER BY e.enumsortorder";

	private static final String TYPE_COLUMNS = "SELECT cn.nspname AS schema_name, c.relname AS table_name, "
			+ "a.attname AS column_name, pg_get_expr(d.adbin, d.adrelid) AS default_value, "
			+ "(a.atttypid = t.typarray) AS is_array "
			+ "FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid "
			+ "JOIN pg_catalog.pg_namespace cn ON cn.oid = c.relnamespace "
			+ "JOIN pg_catalog.pg_type t ON (t.oid = a.atttypid OR t.typarray = a.atttypid) "
			+ "JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace "
			+ "LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE " + SCHEMA
			+ " AND t.typname = ? AND a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p') "
			+ "ORDER BY cn.nspname, c.relname, a.attnum";

	/**
	 * The columns of the relation that the (quoted, maybe qualified) name resolves to, as the statement naming it
	 * would resolve it, each with the type a bound value is cast to ({@code format_type} of the type without its
	 * modifier, so that assigning it still checks length and precision), or null where the driver's own type for a
	 * Java value is assigned as it is: string, number, boolean, date/time, interval and bit types and arrays of them.
	 */
	private static final String BULK_COLUMNS = "SELECT a.attname AS name, "
			+ "format_type(a.atttypid, a.atttypmod) AS type, CASE WHEN coalesce(e.typcategory, "
			+ "t.typcategory) IN ('S', 'N', 'B', 'D', 'T', 'V') THEN NULL "
			+ "ELSE format_type(a.atttypid, NULL) END AS cast_type FROM pg_catalog.pg_attribute a "
			+ "JOIN pg_catalog.pg_type t ON t.oid = a.atttypid "
			+ "LEFT JOIN pg_catalog.pg_type e ON e.oid = t.typelem AND t.typcategory = 'A' "
			+ "WHERE a.attrelid = to_regclass(?) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum";

	/** The same reads from MariaDB's and MySQL's {@code information_schema}, where a schema is a database. */
	private static final String MARIADB_SCHEMA = "TABLE_SCHEMA = COALESCE(?, DATABASE())";

	private static final Queries POSTGRES = new Queries(TABLE_EXISTS, LIST_TABLES, DESCRIBE_TABLE, LIST_INDEXES,
			LIST_CONSTRAINTS);

	private static final Queries MARIADB = new Queries(
			"SELECT COUNT(*) AS present FROM information_schema.TABLES WHERE " + MARIADB_SCHEMA
					+ " AND TABLE_NAME = ? AND TABLE_TYPE = 'BASE TABLE'",
			"SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE " + MARIADB_SCHEMA
					+ " AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME",
			"SELECT TABLE_SCHEMA AS schema_name, COLUMN_NAME AS name, COLUMN_TYPE AS type, "
					+ "IS_NULLABLE = 'YES' AS nullable, COLUMN_DEFAULT AS default_value, COLUMN_KEY = 'PRI' AS primary_key, "
					+ "CASE WHEN EXTRA LIKE '%auto_increment%' THEN 'd' END AS identity FROM information_schema.COLUMNS "
					+ "WHERE " + MARIADB_SCHEMA + " AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION",
			"SELECT DISTINCT INDEX_NAME AS name FROM information_schema.STATISTICS WHERE " + MARIADB_SCHEMA
					+ " AND TABLE_NAME = ? ORDER BY INDEX_NAME",
			"SELECT tc.CONSTRAINT_NAME AS name, CASE tc.CONSTRAINT_TYPE WHEN 'PRIMARY KEY' THEN 'p' WHEN 'UNIQUE' "
					+ "THEN 'u' WHEN 'FOREIGN KEY' THEN 'f' WHEN 'CHECK' THEN 'c' END AS type, cc.CHECK_CLAUSE AS "
					+ "definition, 1 AS validated FROM information_schema.TABLE_CONSTRAINTS tc "
					+ "LEFT JOIN information_schema.CHECK_CONSTRAINTS cc ON cc.CONSTRAINT_SCHEMA = tc.TABLE_SCHEMA "
					+ "AND cc.TABLE_NAME = tc.TABLE_NAME AND cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME "
					+ "WHERE tc." + MARIADB_SCHEMA + " AND tc.TABLE_NAME = ? ORDER BY tc.CONSTRAINT_NAME");

	private static final String MARIADB_BULK_COLUMNS = "SELECT COLUMN_NAME AS name, COLUMN_TYPE AS type, "
			+ "NULL AS cast_type FROM information_schema.COLUMNS WHERE " + MARIADB_SCHEMA
			+ " AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION";

	private final StatementExecutor executor;

	private final @Nullable String schema;

	private final Dialect dialect;

	private final Queries queries;

	Catalog(Dialect dialect, StatementExecutor executor, @Nullable String schema) {
		this.dialect = dialect;
		this.executor = executor;
		this.schema = schema;
		this.queries = (dialect instanceof MariaDbDialect) ? MARIADB : POSTGRES;
	}

	boolean tableExists(String table) {
		return truth(read(this.queries.tableExists(), table).get(0).get("present"));
	}

	/** A boolean column: PostgreSQL's boolean, or MariaDB's number (its booleans are {@code TINYINT}). */
	private static boolean truth(@Nullable Object value) {
		return Boolean.TRUE.equals(value) || (value instanceof Number number && number.longValue() != 0);
	}

	List<String> listTables() {
		return strings(read(this.queries.listTables()), "name");
	}

	TableDescription describeTable(String table) {
		List<Map<String, @Nullable Object>> rows = read(this.queries.describeTable(), table);
		if (rows.isEmpty()) {
			throw new IllegalArgumentException("Table " + table + " does not exist in schema "
					+ ((this.schema != null) ? this.schema : "current_schema()"));
		}
		List<ColumnDescription> columns = new ArrayList<>();
		for (Map<String, @Nullable Object> row : rows) {
			String identity = (String) row.get("identity");
			columns.add(new ColumnDescription((String) row.get("name"), (String) row.get("type"),
					truth(row.get("nullable")), (String) row.get("default_value"), truth(row.get("primary_key")),
					"a".equals(identity) ? "ALWAYS" : "d".equals(identity) ? "BY DEFAULT" : null));
		}
		return new TableDescription((String) rows.get(0).get("schema_name"), table, columns);
	}

	List<String> listIndexes(String table) {
		return strings(read(this.queries.listIndexes(), table), "name");
	}

	List<ConstraintDescription> listConstraints(String table) {
		List<ConstraintDescription> constraints = new ArrayList<>();
		for (Map<String, @Nullable Object> row : read(this.queries.listConstraints(), table)) {
			String type = switch (String.valueOf(row.get("type"))) {
				case "p" -> "PRIMARY KEY";
				case "u" -> "UNIQUE";
				case "f" -> "FOREIGN KEY";
				case "c" -> "CHECK";
				case "x" -> "EXCLUDE";
				case "n" -> "NOT NULL";
				default -> String.valueOf(row.get("type"));
			};
			constraints.add(new ConstraintDescription((String) row.get("name"), type, (String) row.get("definition"),
					truth(row.get("validated"))));
		}
		return constraints;
	}

	List<String> enumValues(String type) {
		return strings(read(ENUM_VALUES, type), "label");
	}

	/**
	 * The columns of the type or of arrays of it in any schema's tables: schema, table, column, default (or null) and
	 * whether the column is an array.
	 */
	List<Map<String, @Nullable Object>> columnsOfType(String type) {
		return read(TYPE_COLUMNS, type);
	}

	/**
	 * Each column's type and the type its bound values are cast to, by column name; empty when the
	 * relation does not exist (yet), so that the statement itself reports it.
	 * @param relation the relation's name as the statement writes it: quoted, qualified when it has a schema
	 */
	Map<String, ColumnType> bulkColumnTypes(String relation, String table) {
		Map<String, ColumnType> types = new java.util.LinkedHashMap<>();
		SqlStatement read = (this.queries == MARIADB) ? SqlStatement.of(MARIADB_BULK_COLUMNS, this.schema, table)
				: SqlStatement.of(BULK_COLUMNS, relation);
		for (Map<String, @Nullable Object> row : this.executor.readCatalog(read)) {
			types.put((String) row.get("name"),
					new ColumnType(String.valueOf(row.get("type")), (String) row.get("cast_type")));
		}
		return types;
	}

	private List<Map<String, @Nullable Object>> read(String sql, @Nullable Object... parameters) {
		List<@Nullable Object> values = new ArrayList<>();
		values.add(this.schema);
		values.addAll(java.util.Arrays.asList(parameters));
		return this.executor.query(new SqlStatement(sql, values, true));
	}

	private static List<String> strings(List<Map<String, @Nullable Object>> rows, String column) {
		return rows.stream().map((row) -> (String) row.get(column)).toList();
	}

	/** The reads that differ by database. */
	private record Queries(String tableExists, String listTables, String describeTable, String listIndexes,
			String listConstraints) {
	}

	/**
	 * A column's type as the catalog writes it, and the type a bound value is cast to ({@code null}: none).
	 */
	record ColumnType(String type, @Nullable String cast) {
	}

}
