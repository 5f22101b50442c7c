package dev.migrations.safety;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import dev.migrations.schema.QueryInterface;
import org.jspecify.annotations.Nullable;

/**
 * Deletes the matching rows in batches, each its own short transaction, by key:
 * {@code SafeOperations.on(q).deleteInBatches("events").where("created_at < now() - interval '90 days'").run()}.
 */
public final class BatchedDelete {

	private final QueryInterface q;

	private final String table;

	private @Nullable String key;

	private @Nullable String where;

	private int batchSize = 1000;

	private Duration pause = Duration.ofMillis(10);

	BatchedDelete(QueryInterface q, String table) {
		this.q = q;
		this.table = Objects.requireNonNull(table, "table");
	}

	/** The unique, ordered key to page by; by default the table's single-column primary key. */
	public BatchedDelete key(String column) {
		this.key = Objects.requireNonNull(column, "column");
		return this;
	}

	/** The rows to delete: SQL the author writes. Without it every row is deleted, a batch at a time. */
	public BatchedDelete where(String predicate) {
		this.where = Objects.requireNonNull(predicate, "predicate");
		return this;
	}

	/** Rows per batch (transaction); 1,000 by default. */
	public BatchedDelete batchSize(int batchSize) {
		if (batchSize <= 0) {
			throw new IllegalArgumentException("The batch size must be positive, was " + batchSize);
		}
		this.batchSize = batchSize;
		return this;
	}

	/** The pause between batches; 10 ms by default. */
	public BatchedDelete pause(Duration pause) {
		this.pause = SafeOperations.nonNegative(pause, "The pause between batches");
		return this;
	}

	/**
	 * Runs the batches until no matching row is left.
	 * @return how many rows were deleted
	 */
	public long run() {
		return new KeysetBatches(this.q, this.table, this.key, this.where, this.batchSize, this.pause)
			.run("Batched delete", "DELETE FROM " + this.q.quote(this.table) + " WHERE", List.of());
	}

}
