package dev.migrations.schema;

import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import dev.migrations.dialect.Dialect;
import dev.migrations.schema.Catalog.ColumnType;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;

/**
 * The one bulk writer behind {@code q.bulkInsert/bulkUpdate/bulkDelete} and {@link Rows}: renders the statements
 * (identifiers quoted, values bound) and sends every one through the {@link StatementExecutor}, so that bulk writes
 * are recorded in the script, shown by {@code plan}, checked for transaction fit and retried like every statement.
 *
 * <p>Values are bound by the column's type: once per call it reads the table's column types from the catalog and
 * renders the placeholder of a column whose type the driver would not infer from a Java value (jsonb, json, uuid,
 * inet, enums, arrays of them, ...) as {@code CAST(? AS type)}, so that a {@code String} goes into such a column as it
 * is. The type name is the catalog's own ({@code format_type}), not caller data. A value the column rejects fails with
 * a message naming the table and the column.
 */
final class BulkWriter {

	/** PostgreSQL binds at most 65,535 parameters in one statement; rows are chunked to stay under it. */
	static final int MAX_PARAMETERS = 65_535;

	private final Dialect dialect;

	private final StatementExecutor executor;

	private final @Nullable String schema;

	BulkWriter(Dialect dialect, StatementExecutor executor, @Nullable String schema) {
		this.dialect = Objects.requireNonNull(dialect, "dialect");
		this.executor = Objects.requireNonNull(executor, "executor");
		this.schema = schema;
	}

	/** The most rows of {@code columns} values one statement can bind, at most {@code requested}, at least one. */
	static int rowsPerStatement(int requested, int columns) {
		return Math.max(1, Math.min(requested, MAX_PARAMETERS / Math.max(1, columns)));
	}

	/**
	 * {@code INSERT}s the rows, {@code rowsPerStatement} rows to a statement (fewer when the parameter cap needs it)
	 * and {@code statementsPerBatch} statements to a JDBC batch; the rows left over go in one last statement.
	 * @return the rows written, as the database counts them
	 */
	long insert(String table, List<String> columns, List<? extends @Nullable Object[]> rows, Conflict conflict,
			int rowsPerStatement, int statementsPerBatch) {
		if (rows.isEmpty()) {
			return 0;
		}
		Target target = target(table);
		int perStatement = rowsPerStatement(rowsPerStatement, columns.size());
		int full = rows.size() / perStatement;
		int rest = rows.size() % perStatement;
		long written = 0;
		if (full > 0) {
			SqlStatement statement = new SqlStatement(insertSql(target, columns, perStatement, conflict), List.of(), true);
			List<List<@Nullable Object>> parameters = new AbstractList<>() {

				@Override
				public List<@Nullable Object> get(int index) {
					return values(rows, index * perStatement, perStatement);
				}

				@Override
				public int size() {
					return full;
				}

			};
			written += target.writing(columns, () -> this.executor.executeBatch(statement, parameters, statementsPerBatch,
					perStatement));
		}
		if (rest > 0) {
			SqlStatement statement = new SqlStatement(insertSql(target, columns, rest, conflict),
					values(rows, full * perStatement, rest), true);
			written += target.writing(columns, () -> this.executor.update(statement));
		}
		return written;
	}

	/** {@code INSERT ... RETURNING}, {@code rowsPerStatement} rows to a statement; the rows it returns, in order. */
	List<Map<String, @Nullable Object>> insertReturning(String table, List<String> columns,
			List<? extends @Nullable Object[]> rows, Conflict conflict, int rowsPerStatement, String... returning) {
		List<Map<String, @Nullable Object>> result = new ArrayList<>();
		if (rows.isEmpty()) {
			return result;
		}
		Target target = target(table);
		int perStatement = rowsPerStatement(rowsPerStatement, columns.size());
		for (int from = 0; from < rows.size(); from += perStatement) {
			int count = Math.min(perStatement, rows.size() - from);
			SqlStatement statement = new SqlStatement(insertSql(target, columns, count, conflict) + " RETURNING "
					+ Names.quoteAll(this.dialect, returning), values(rows, from, count), true);
			result.addAll(target.writing(columns, () -> this.executor.executeReturning(statement)));
		}
		return result;
	}

	/** {@code UPDATE table SET ... WHERE ...}; see {@link QueryInterface#bulkUpdate} for {@code where}. */
	int update(String table, Map<String, ?> values, Map<String, ?> where) {
		if (values.isEmpty()) {
			throw new IllegalArgumentException("bulkUpdate needs at least one column to set");
		}
		Target target = target(table);
		List<@Nullable Object> parameters = new ArrayList<>();
		List<String> sets = new ArrayList<>();
		values.forEach((column, value) -> {
			sets.add(this.dialect.quote(column) + " = " + target.placeholder(column));
			parameters.add(value(value));
		});
		String sql = "UPDATE " + target.relation + " SET " + String.join(", ", sets) + where(target, where, parameters);
		List<String> columns = new ArrayList<>(values.keySet());
		columns.addAll(where.keySet());
		return target.writing(columns, () -> this.executor.update(new SqlStatement(sql, parameters, true)));
	}

	/** {@code DELETE FROM table WHERE ...}; see {@link QueryInterface#bulkUpdate} for {@code where}. */
	int delete(String table, Map<String, ?> where) {
		Target target = where.isEmpty() ? new Target(this.dialect.qualify(this.schema, table), Map.of(), table)
				: target(table);
		List<@Nullable Object> parameters = new ArrayList<>();
		String sql = "DELETE FROM " + target.relation + where(target, where, parameters);
		return target.writing(new ArrayList<>(where.keySet()),
				() -> this.executor.update(new SqlStatement(sql, parameters, true)));
	}

	/**
	 * Deletes the rows whose key columns hold the given values, one statement per key sent {@code batchSize} to a
	 * JDBC batch.
	 * @return the rows deleted
	 */
	long deleteByKeys(String table, List<String> keyColumns, List<? extends @Nullable Object[]> keys, int batchSize) {
		if (keys.isEmpty()) {
			return 0;
		}
		Target target = target(table);
		String sql = "DELETE FROM " + target.relation + " WHERE " + keyColumns.stream()
			.map((k) -> this.dialect.quote(k) + " = " + target.placeholder(k))
			.collect(Collectors.joining(" AND "));
		List<List<@Nullable Object>> parameters = new AbstractList<>() {

			@Override
			public List<@Nullable Object> get(int index) {
				return values(keys, index, 1);
			}

			@Override
			public int size() {
				return keys.size();
			}

		};
		return target.writing(keyColumns,
				() -> this.executor.executeBatch(new SqlStatement(sql, List.of(), true), parameters, batchSize));
	}

	private Target target(String table) {
		String relation = this.dialect.qualify(this.schema, Objects.requireNonNull(table, "table"));
		return new Target(relation, new Catalog(this.dialect, this.executor, this.schema).bulkColumnTypes(relation, table),
				table);
	}

	private String insertSql(Target target, List<String> columns, int rows, Conflict conflict) {
		StringBuilder sql = new StringBuilder("INSERT INTO ").append(target.relation);
		if (conflict.onlyChanged() && this.dialect.onConflict()) {
			sql.append(" AS t");
		}
		sql.append(" (").append(Names.quoteAll(this.dialect, columns.toArray(String[]::new))).append(") VALUES ");
		String tuple = "(" + columns.stream().map(target::placeholder).collect(Collectors.joining(", ")) + ")";
		for (int r = 0; r < rows; r++) {
			sql.append((r > 0) ? ", " : "").append(tuple);
		}
		return sql.append(conflict.toSql(this.dialect, target, columns)).toString();
	}

	private String where(Target target, Map<String, ?> where, List<@Nullable Object> parameters) {
		if (where.isEmpty()) {
			return "";
		}
		List<String> conditions = new ArrayList<>();
		where.forEach((column, value) -> {
			String quoted = this.dialect.quote(column);
			if (value == null) {
				conditions.add(quoted + " IS NULL");
			}
			else if (value instanceof Collection<?> collection) {
				if (collection.isEmpty()) {
					conditions.add("FALSE");
				}
				else {
					conditions.add(quoted + " IN ("
							+ String.join(", ", Collections.nCopies(collection.size(), target.placeholder(column))) + ")");
					collection.forEach((element) -> parameters.add(value(element)));
				}
			}
			else {
				conditions.add(quoted + " = " + target.placeholder(column));
				parameters.add(value(value));
			}
		});
		return " WHERE " + String.join(" AND ", conditions);
	}

	private static List<@Nullable Object> values(List<? extends @Nullable Object[]> rows, int from, int count) {
		List<@Nullable Object> values = new ArrayList<>();
		for (int r = from; r < from + count; r++) {
			for (Object value : rows.get(r)) {
				values.add(value(value));
			}
		}
		return values;
	}

	/** A value as the driver binds it: an {@link Instant} as UTC time, an enum constant by its name. */
	private static @Nullable Object value(@Nullable Object value) {
		if (value instanceof Instant instant) {
			return instant.atOffset(ZoneOffset.UTC);
		}
		if (value instanceof Enum<?> constant) {
			return constant.name();
		}
		return value;
	}

	/** How an {@code INSERT} meets a row whose key exists. */
	record Conflict(Kind kind, List<String> keys, @Nullable List<String> update, boolean onlyChanged) {

		static final Conflict NONE = new Conflict(Kind.NONE, List.of(), null, false);

		static Conflict ignore(List<String> keys) {
			return new Conflict(Kind.IGNORE, List.copyOf(keys), null, false);
		}

		/**
		 * @param update the columns to update, {@code null} for every inserted column that is not a key
		 * @param onlyChanged whether a row whose values are already equal is left alone (not rewritten)
		 */
		static Conflict update(List<String> keys, @Nullable List<String> update, boolean onlyChanged) {
			return new Conflict(Kind.UPDATE, List.copyOf(keys), (update != null) ? List.copyOf(update) : null,
					onlyChanged);
		}

		String toSql(Dialect dialect, Target target, List<String> columns) {
			if (this.kind == Kind.NONE) {
				return "";
			}
			if (!dialect.onConflict()) {
				// MariaDB and MySQL: a duplicate of any unique key updates the row (to itself: nothing changes).
				List<String> set = (this.kind == Kind.IGNORE) ? List.of(columns.get(0))
						: (this.update != null) ? this.update : columns.stream().filter((c) -> !this.keys.contains(c)).toList();
				boolean ignore = this.kind == Kind.IGNORE || set.isEmpty();
				return " ON DUPLICATE KEY UPDATE " + (ignore ? List.of(columns.get(0)) : set).stream()
					.map((c) -> dialect.quote(c) + " = " + (ignore ? dialect.quote(c) : "VALUES(" + dialect.quote(c) + ")"))
					.collect(Collectors.joining(", "));
			}
			String on = " ON CONFLICT" + (this.keys.isEmpty() ? "" : " (" + Names.quoteAll(dialect,
					this.keys.toArray(String[]::new)) + ")");
			List<String> updated = (this.update != null) ? this.update
					: columns.stream().filter((c) -> !this.keys.contains(c)).toList();
			if (this.kind == Kind.IGNORE || updated.isEmpty()) {
				return on + " DO NOTHING";
			}
			String sql = on + " DO UPDATE SET " + updated.stream()
				.map((c) -> dialect.quote(c) + " = EXCLUDED." + dialect.quote(c))
				.collect(Collectors.joining(", "));
			if (this.onlyChanged) {
				// Unchanged rows are not rewritten: a run-always seeder leaves no dead tuples behind.
				sql += " WHERE (" + updated.stream().map((c) -> target.comparable("t." + dialect.quote(c), c))
					.collect(Collectors.joining(", ")) + ") IS DISTINCT FROM ("
						+ updated.stream().map((c) -> target.comparable("EXCLUDED." + dialect.quote(c), c))
							.collect(Collectors.joining(", "))
						+ ")";
			}
			return sql;
		}

		enum Kind {

			NONE, IGNORE, UPDATE

		}

	}

	/** The table written to: its name as the statements write it and its columns' types. */
	private static final class Target {

		private final String relation;

		private final Map<String, ColumnType> columns;

		private final String table;

		Target(String relation, Map<String, ColumnType> columns, String table) {
			this.relation = relation;
			this.columns = columns;
			this.table = table;
		}

		/** The placeholder of a value for the column: cast to the column's type where the driver would not infer it. */
		String placeholder(String column) {
			ColumnType type = this.columns.get(column);
			return (type != null && type.cast() != null) ? "CAST(? AS " + type.cast() + ")" : "?";
		}

		/** The column's value as {@code IS DISTINCT FROM} can compare it: json and xml have no equality, so as text. */
		String comparable(String expression, String column) {
			ColumnType type = this.columns.get(column);
			return (type != null && ("json".equals(type.cast()) || "xml".equals(type.cast())))
					? "CAST(" + expression + " AS text)" : expression;
		}

		/**
		 * Runs the write; a value the database rejects (a data exception, a type mismatch) fails with a message that
		 * names the table and the column.
		 */
		<T> T writing(List<String> written, Supplier<T> write) {
			try {
				return write.get();
			}
			catch (RuntimeException ex) {
				SQLException cause = sqlException(ex);
				String state = (cause != null) ? cause.getSQLState() : null;
				if (cause == null || state == null || !(state.startsWith("22") || "42804".equals(state))) {
					throw ex;
				}
				String message = Objects.toString(cause.getMessage(), state);
				throw new DataIntegrityViolationException("Writing rows into table " + this.table + " failed "
						+ columnsAtFault(written, message) + ": " + message, ex);
			}
		}

		private String columnsAtFault(List<String> written, String message) {
			String text = message.toLowerCase(Locale.ROOT);
			List<String> named = new ArrayList<>();
			List<String> all = new ArrayList<>();
			for (String column : written.stream().distinct().toList()) {
				ColumnType type = this.columns.get(column);
				if (type == null) {
					all.add(column);
					continue;
				}
				all.add(column + " (" + type.type() + ")");
				if (text.contains("column \"" + column.toLowerCase(Locale.ROOT) + "\"") || mentions(text, type)) {
					named.add(column + " (" + type.type() + ")");
				}
			}
			return (named.size() == 1) ? "at column " + named.get(0)
					: "at one of the columns " + String.join(", ", named.isEmpty() ? all : named);
		}

		/** Whether PostgreSQL's message names the column's type, as "for type uuid", "for enum mood", "type json". */
		private static boolean mentions(String text, ColumnType type) {
			List<String> names = new ArrayList<>();
			names.add(type.type().toLowerCase(Locale.ROOT));
			if (type.cast() != null) {
				String cast = type.cast().toLowerCase(Locale.ROOT);
				names.add(cast);
				names.add(cast.substring(cast.lastIndexOf('.') + 1).replace("\"", ""));
				if (cast.equals("jsonb")) {
					names.add("json");
				}
			}
			for (String name : names) {
				for (String prefix : List.of("type ", "enum ")) {
					int at = text.indexOf(prefix + name);
					int end = at + prefix.length() + name.length();
					if (at >= 0 && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end))
							&& text.charAt(end) != '_' && text.charAt(end) != '[')) {
						return true;
					}
				}
			}
			return false;
		}

		private static @Nullable SQLException sqlException(Throwable ex) {
			for (Throwable t = ex; t != null; t = (t.getCause() != t) ? t.getCause() : null) {
				if (t instanceof SQLException sql) {
					return sql;
				}
			}
			return null;
		}

	}

}
