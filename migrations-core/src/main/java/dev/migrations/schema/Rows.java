package dev.migrations.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import dev.migrations.dialect.Dialect;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Idempotent, batched row writes for seeders (and data migrations): insert-if-absent and upsert by key, so running a
 * reference-data seeder twice never duplicates a row. <pre>{@code
 * List<Map<String, Object>> roles = List.of(Map.of("name", "admin", "label", "Administrator"),
 *         Map.of("name", "customer", "label", "Customer"));
 * Rows.of(q).insertIfAbsent("roles", List.of("name"), roles);  // INSERT ... ON CONFLICT ("name") DO NOTHING
 * Rows.of(q).upsert("roles", List.of("name"), roles);          // ... ON CONFLICT ("name") DO UPDATE SET "label" = EXCLUDED."label"
 * Rows.of(q).delete("roles", List.of("name"), roles);          // for undo
 * }</pre>
 *
 * <p>The key columns must carry a unique constraint or unique index (PostgreSQL's rule for {@code ON CONFLICT}).
 * Identifiers are quoted by the {@link Dialect}; values are always bound parameters. Rows go to the database many per
 * statement ({@code INSERT ... VALUES (...), (...), ...}, up to {@link #batchSize(int) 1,000} rows or 32,767
 * parameters each) and those statements are sent as one JDBC batch, so 100,000 rows take about a hundred statements
 * and a few round trips, not 100,000 (what pgjdbc's {@code reWriteBatchedInserts=true} does for single-row batches).
 * Statements run on the seeder's connection, inside its transaction.
 */
public final class Rows {

	private static final int MAX_PARAMETERS = 32767;

	private static final int STATEMENTS_PER_BATCH = 16;

	private final JdbcTemplate jdbc;

	private final @Nullable String schema;

	private final int batchSize;

	private Rows(JdbcTemplate jdbc, @Nullable String schema, int batchSize) {
		this.jdbc = jdbc;
		this.schema = schema;
		this.batchSize = batchSize;
	}

	/** Rows written through the query interface's connection and transaction, in its schema. */
	public static Rows of(QueryInterface q) {
		return new Rows(q.jdbc(), q.schema(), 1000);
	}

	/** Rows written through the template (table names resolve in {@code schema}, or the current schema when null). */
	public static Rows of(JdbcTemplate jdbc, @Nullable String schema) {
		return new Rows(Objects.requireNonNull(jdbc, "jdbc"), schema, 1000);
	}

	/** The most rows in one statement; 1,000 by default. */
	public Rows batchSize(int rows) {
		if (rows <= 0) {
			throw new IllegalArgumentException("batchSize must be positive, was " + rows);
		}
		return new Rows(this.jdbc, this.schema, rows);
	}

	/**
	 * {@code INSERT}s the rows; a row whose key already exists fails the statement.
	 * @return the number of rows inserted
	 */
	public long insert(String table, List<? extends Map<String, ?>> rows) {
		return write(Mode.INSERT, table, List.of(), rows);
	}

	/**
	 * Inserts the rows whose key is not in the table yet ({@code ON CONFLICT (keys) DO NOTHING}); existing rows are
	 * left as they are. With no key columns, any unique violation skips the row.
	 * @return the number of rows inserted
	 */
	public long insertIfAbsent(String table, List<String> keyColumns, List<? extends Map<String, ?>> rows) {
		return write(Mode.IGNORE, table, keyColumns, rows);
	}

	/**
	 * Inserts new rows and updates the other columns of existing ones from the given values
	 * ({@code ON CONFLICT (keys) DO UPDATE SET col = EXCLUDED.col}); rows whose values are already equal are not
	 * rewritten. When a key appears twice in {@code rows}, the last one wins.
	 * @return the number of rows inserted or changed
	 */
	public long upsert(String table, List<String> keyColumns, List<? extends Map<String, ?>> rows) {
		if (keyColumns.isEmpty()) {
			throw new IllegalArgumentException("upsert into " + table + " needs the key columns of a unique constraint");
		}
		return write(Mode.UPSERT, table, keyColumns, rows);
	}

	/**
	 * Positional variant of {@link #insert} for large data: each array holds the values of {@code columns}, in order.
	 */
	public long insert(String table, List<String> columns, Iterable<? extends @Nullable Object[]> values) {
		return write(Mode.INSERT, table, List.of(), columns, values);
	}

	/** Positional variant of {@link #insertIfAbsent(String, List, List)} for large data. */
	public long insertIfAbsent(String table, List<String> keyColumns, List<String> columns,
			Iterable<? extends @Nullable Object[]> values) {
		return write(Mode.IGNORE, table, keyColumns, columns, values);
	}

	/** Positional variant of {@link #upsert(String, List, List)} for large data; keys must be unique in the input. */
	public long upsert(String table, List<String> keyColumns, List<String> columns,
			Iterable<? extends @Nullable Object[]> values) {
		if (keyColumns.isEmpty()) {
			throw new IllegalArgumentException("upsert into " + table + " needs the key columns of a unique constraint");
		}
		return write(Mode.UPSERT, table, keyColumns, columns, values);
	}

	/**
	 * Deletes the rows with the keys of the given rows (their other columns are ignored): the undo of
	 * {@link #insertIfAbsent} or {@link #upsert} with the same arguments.
	 * @return the number of rows deleted
	 */
	public long delete(String table, List<String> keyColumns, List<? extends Map<String, ?>> rows) {
		if (keyColumns.isEmpty()) {
			throw new IllegalArgumentException("delete from " + table + " needs key columns");
		}
		if (rows.isEmpty()) {
			return 0;
		}
		return this.jdbc.execute((ConnectionCallback<Long>) (connection) -> {
			Dialect dialect = Dialect.of(connection);
			String sql = "DELETE FROM " + dialect.qualify(this.schema, table) + " WHERE "
					+ keyColumns.stream().map((k) -> dialect.quote(k) + " = ?").collect(Collectors.joining(" AND "));
			long deleted = 0;
			try (PreparedStatement statement = connection.prepareStatement(sql)) {
				int pending = 0;
				for (Map<String, ?> row : rows) {
					for (int i = 0; i < keyColumns.size(); i++) {
						String key = keyColumns.get(i);
						if (!row.containsKey(key)) {
							throw new IllegalArgumentException("A row to delete from " + table + " has no key column " + key);
						}
						bind(statement, i + 1, row.get(key));
					}
					statement.addBatch();
					if (++pending == this.batchSize) {
						deleted += sum(statement.executeBatch());
						pending = 0;
					}
				}
				if (pending > 0) {
					deleted += sum(statement.executeBatch());
				}
			}
			return deleted;
		});
	}

	private long write(Mode mode, String table, List<String> keyColumns, List<? extends Map<String, ?>> rows) {
		if (rows.isEmpty()) {
			return 0;
		}
		List<String> columns = new ArrayList<>(rows.get(0).keySet());
		if (columns.isEmpty()) {
			throw new IllegalArgumentException("The rows for " + table + " have no columns");
		}
		for (String key : keyColumns) {
			if (!columns.contains(key)) {
				throw new IllegalArgumentException("The rows for " + table + " have no key column " + key);
			}
		}
		Map<List<@Nullable Object>, @Nullable Object[]> byKey = new LinkedHashMap<>();
		List<@Nullable Object[]> values = new ArrayList<>(rows.size());
		for (int r = 0; r < rows.size(); r++) {
			Map<String, ?> row = rows.get(r);
			if (row.size() != columns.size() || !row.keySet().containsAll(columns)) {
				throw new IllegalArgumentException("Row " + r + " for " + table + " has the columns " + row.keySet()
						+ ", but the first row has " + columns + "; give every row the same columns");
			}
			@Nullable Object[] array = new Object[columns.size()];
			for (int c = 0; c < columns.size(); c++) {
				array[c] = row.get(columns.get(c));
			}
			if (mode == Mode.UPSERT) {
				List<@Nullable Object> key = new ArrayList<>();
				for (String k : keyColumns) {
					key.add(array[columns.indexOf(k)]);
				}
				byKey.remove(key);
				byKey.put(key, array);
			}
			else {
				values.add(array);
			}
		}
		return write(mode, table, keyColumns, columns, (mode == Mode.UPSERT) ? byKey.values() : values);
	}

	private long write(Mode mode, String table, List<String> keyColumns, List<String> columns,
			Iterable<? extends @Nullable Object[]> values) {
		if (columns.isEmpty()) {
			throw new IllegalArgumentException("No columns to write into " + table);
		}
		int rowsPerStatement = Math.max(1, Math.min(this.batchSize, MAX_PARAMETERS / columns.size()));
		return this.jdbc.execute((ConnectionCallback<Long>) (connection) -> {
			Dialect dialect = Dialect.of(connection);
			String fullSql = sql(dialect, mode, table, keyColumns, columns, rowsPerStatement);
			long written = 0;
			Iterator<? extends @Nullable Object[]> iterator = values.iterator();
			List<@Nullable Object[]> chunk = new ArrayList<>(rowsPerStatement);
			try (PreparedStatement full = connection.prepareStatement(fullSql)) {
				int batched = 0;
				while (iterator.hasNext()) {
					@Nullable Object[] row = iterator.next();
					if (row.length != columns.size()) {
						throw new IllegalArgumentException("A row for " + table + " has " + row.length
								+ " values for the " + columns.size() + " columns " + columns);
					}
					chunk.add(row);
					if (chunk.size() == rowsPerStatement) {
						bindChunk(full, chunk);
						full.addBatch();
						chunk.clear();
						if (++batched == STATEMENTS_PER_BATCH) {
							written += sum(full.executeBatch());
							batched = 0;
						}
					}
				}
				if (batched > 0) {
					written += sum(full.executeBatch());
				}
			}
			if (!chunk.isEmpty()) {
				try (PreparedStatement rest = connection
					.prepareStatement(sql(dialect, mode, table, keyColumns, columns, chunk.size()))) {
					bindChunk(rest, chunk);
					written += Math.max(0, rest.executeUpdate());
				}
			}
			return written;
		});
	}

	private String sql(Dialect dialect, Mode mode, String table, List<String> keyColumns, List<String> columns,
			int rows) {
		StringBuilder sql = new StringBuilder("INSERT INTO ").append(dialect.qualify(this.schema, table));
		if (mode == Mode.UPSERT) {
			sql.append(" AS t");
		}
		sql.append(" (").append(columns.stream().map(dialect::quote).collect(Collectors.joining(", "))).append(") VALUES ");
		String tuple = "(" + String.join(", ", java.util.Collections.nCopies(columns.size(), "?")) + ")";
		for (int r = 0; r < rows; r++) {
			sql.append((r > 0) ? ", " : "").append(tuple);
		}
		String conflict = keyColumns.isEmpty() ? ""
				: " (" + keyColumns.stream().map(dialect::quote).collect(Collectors.joining(", ")) + ")";
		List<String> updated = columns.stream().filter((c) -> !keyColumns.contains(c)).toList();
		if (mode == Mode.IGNORE || (mode == Mode.UPSERT && updated.isEmpty())) {
			sql.append(" ON CONFLICT").append(conflict).append(" DO NOTHING");
		}
		else if (mode == Mode.UPSERT) {
			sql.append(" ON CONFLICT").append(conflict).append(" DO UPDATE SET ")
				.append(updated.stream()
					.map((c) -> dialect.quote(c) + " = EXCLUDED." + dialect.quote(c))
					.collect(Collectors.joining(", ")))
				// Unchanged rows are not rewritten: a run-always seeder leaves no dead tuples behind.
				.append(" WHERE (")
				.append(updated.stream().map((c) -> "t." + dialect.quote(c)).collect(Collectors.joining(", ")))
				.append(") IS DISTINCT FROM (")
				.append(updated.stream().map((c) -> "EXCLUDED." + dialect.quote(c)).collect(Collectors.joining(", ")))
				.append(")");
		}
		return sql.toString();
	}

	private static void bindChunk(PreparedStatement statement, List<@Nullable Object[]> chunk) throws SQLException {
		int index = 1;
		for (@Nullable Object[] row : chunk) {
			for (Object value : row) {
				bind(statement, index++, value);
			}
		}
	}

	private static void bind(PreparedStatement statement, int index, @Nullable Object value) throws SQLException {
		if (value == null) {
			statement.setNull(index, Types.NULL);
		}
		else if (value instanceof Instant instant) {
			statement.setObject(index, instant.atOffset(ZoneOffset.UTC));
		}
		else if (value instanceof Enum<?> constant) {
			statement.setString(index, constant.name());
		}
		else {
			statement.setObject(index, value);
		}
	}

	private static long sum(int[] counts) {
		// A driver that answers Statement.SUCCESS_NO_INFO adds nothing: the count is then a lower bound.
		return Arrays.stream(counts).filter((c) -> c > 0).asLongStream().sum();
	}

	private enum Mode {

		INSERT, IGNORE, UPSERT

	}

}
