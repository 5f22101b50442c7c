package dev.migrations.schema;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The options of {@link QueryInterface#bulkInsert(String, List, java.util.function.Consumer)}: <pre>{@code
 * o -> o.ignoreDuplicates()                       // ON CONFLICT DO NOTHING
 * o -> o.ignoreDuplicates("sku")                  // ON CONFLICT ("sku") DO NOTHING
 * o -> o.upsert("sku")                            // ON CONFLICT ("sku") DO UPDATE SET every other column
 * o -> o.upsert("sku").updateOnly("price")        // ... DO UPDATE SET "price" = EXCLUDED."price"
 * o -> o.batchSize(500)                           // rows per JDBC batch (1000 by default)
 * }</pre>
 * <p>Values are bound by the column's type: a {@code String} goes into a {@code jsonb}, {@code json}, {@code uuid},
 * {@code inet} or enum column as it is, no {@code PGobject} needed.
 * <pre>{@code
 * }</pre>
 */
public final class BulkInsertOptions {

	private int batchSize = 1000;

	private boolean ignoreDuplicates;

	private String[] conflictColumns = new String[0];

	private boolean upsert;

	private String @Nullable [] updateColumns;

	BulkInsertOptions() {
	}

	/** Rows per JDBC batch ({@code addBatch}/{@code executeBatch}); 1000 by default. */
	public BulkInsertOptions batchSize(int batchSize) {
		if (batchSize <= 0) {
			throw new IllegalArgumentException("batchSize must be positive, was " + batchSize);
		}
		this.batchSize = batchSize;
		return this;
	}

	/** {@code ON CONFLICT [(columns)] DO NOTHING}: rows that would violate a unique constraint are skipped. */
	public BulkInsertOptions ignoreDuplicates(String... conflictColumns) {
		this.ignoreDuplicates = true;
		this.upsert = false;
		this.conflictColumns = conflictColumns.clone();
		return this;
	}

	/**
	 * {@code ON CONFLICT (columns) DO UPDATE SET c = EXCLUDED.c} for every inserted column that is not a conflict
	 * column (or only those named by {@link #updateOnly(String...)}).
	 */
	public BulkInsertOptions upsert(String... conflictColumns) {
		if (conflictColumns.length == 0) {
			throw new IllegalArgumentException("upsert needs the conflict columns (a unique key)");
		}
		this.upsert = true;
		this.ignoreDuplicates = false;
		this.conflictColumns = conflictColumns.clone();
		return this;
	}

	/** Limits an {@link #upsert(String...)} to these columns. */
	public BulkInsertOptions updateOnly(String... columns) {
		this.updateColumns = columns.clone();
		return this;
	}

	int batchSize() {
		return this.batchSize;
	}

	/** How the insert meets an existing key, for the {@link BulkWriter}. */
	BulkWriter.Conflict conflict() {
		if (this.ignoreDuplicates) {
			return BulkWriter.Conflict.ignore(List.of(this.conflictColumns));
		}
		if (this.upsert) {
			return BulkWriter.Conflict.update(List.of(this.conflictColumns),
					(this.updateColumns != null) ? List.of(this.updateColumns) : null, false);
		}
		return BulkWriter.Conflict.NONE;
	}

}
