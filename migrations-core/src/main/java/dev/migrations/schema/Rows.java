package dev.migrations.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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
 * Identifiers are quoted by the {@link Dialect}; values are always bound parameters, by the column's type: a
 * {@code String} goes into a {@code jsonb}, {@code json}, {@code uuid}, {@code inet} or enum column as it is (no
 * {@code PGobject}). Rows go to the database many per statement ({@code INSERT ... VALUES (...), (...), ...}, up to
 * {@link #batchSize(int) 1,000} rows or 65,535 parameters each) and those statements are sent as JDBC batches, so
 * 100,000 rows take about a hundred statements and a few round trips, not 100,000 (what pgjdbc's
 * {@code reWriteBatchedInserts=true} does for single-row batches).
 *
 * <p>{@code Rows.of(q)} writes through the query interface's executor, like every statement of a migration or seeder:
 * on its connection, inside its transaction, recorded in its script and shown by {@code plan}.
 */
public final class Rows {

	private static final int STATEMENTS_PER_BATCH = 16;

	private final BulkWriter writer;

	private final int batchSize;

	private Rows(BulkWriter writer, int batchSize) {
		this.writer = writer;
		this.batchSize = batchSize;
	}

	/** Rows written through the query interface's executor (its connection, transaction and script), in its schema. */
	public static Rows of(QueryInterface q) {
		if (q instanceof DefaultQueryInterface query) {
			return new Rows(query.bulkWriter("Rows.of(q)"), 1000);
		}
		return of(q.jdbc(), q.schema());
	}

	/** Rows written through the template (table names resolve in {@code schema}, or the current schema when null). */
	public static Rows of(JdbcTemplate jdbc, @Nullable String schema) {
		Objects.requireNonNull(jdbc, "jdbc");
		Dialect dialect = Objects.requireNonNull(jdbc.execute((ConnectionCallback<Dialect>) Dialect::of), "dialect");
		return new Rows(new BulkWriter(dialect, new JdbcStatementExecutor(jdbc), schema), 1000);
	}

	/** The most rows in one statement; 1,000 by default. */
	public Rows batchSize(int rows) {
		if (rows <= 0) {
			throw new IllegalArgumentException("batchSize must be positive, was " + rows);
		}
		return new Rows(this.writer, rows);
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
		List<@Nullable Object[]> keys = new ArrayList<>(rows.size());
		for (Map<String, ?> row : rows) {
			@Nullable Object[] key = new Object[keyColumns.size()];
			for (int i = 0; i < keyColumns.size(); i++) {
				if (!row.containsKey(keyColumns.get(i))) {
					throw new IllegalArgumentException("A row to delete from " + table + " has no key column "
							+ keyColumns.get(i));
				}
				key[i] = row.get(keyColumns.get(i));
			}
			keys.add(key);
		}
		return this.writer.deleteByKeys(table, keyColumns, keys, this.batchSize);
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
		List<@Nullable Object[]> rows = new ArrayList<>();
		for (@Nullable Object[] row : values) {
			if (row.length != columns.size()) {
				throw new IllegalArgumentException("A row for " + table + " has " + row.length + " values for the "
						+ columns.size() + " columns " + columns);
			}
			rows.add(row);
		}
		BulkWriter.Conflict conflict = switch (mode) {
			case INSERT -> BulkWriter.Conflict.NONE;
			case IGNORE -> BulkWriter.Conflict.ignore(keyColumns);
			case UPSERT -> BulkWriter.Conflict.update(keyColumns, null, true);
		};
		return this.writer.insert(table, columns, rows, conflict, this.batchSize, STATEMENTS_PER_BATCH);
	}

	private enum Mode {

		INSERT, IGNORE, UPSERT

	}

}
