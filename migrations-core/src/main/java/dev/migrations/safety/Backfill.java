package dev.migrations.safety;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.migrations.schema.QueryInterface;
import org.jspecify.annotations.Nullable;

/**
 * A backfill in batches: each batch is one short transaction that updates the next rows by key (keyset pagination,
 * never OFFSET), with a pause between batches so that replicas and other writers keep up.
 * <pre>{@code
 * SafeOperations.on(q).backfill("orders")
 *     .set("status_v2", "upper(status)")          // SQL the author writes, over the row's columns
 *     .where("status_v2 IS NULL")                  // the rows still to do: a re-run resumes where it stopped
 *     .batchSize(1_000)
 *     .pause(Duration.ofMillis(20))
 *     .run();
 * }</pre>
 *
 * <p>Each batch finds its upper key with a read ({@code SELECT max(key) FROM (... ORDER BY key LIMIT n)}) and then
 * updates {@code key > previous AND key <= upper AND (where)}, so a batch locks at most {@code batchSize} rows for
 * one short transaction. Progress is logged and kept in {@link BackfillProgress} for metrics.
 */
public final class Backfill {

	private final QueryInterface q;

	private final String table;

	private @Nullable String key;

	private final Map<String, String> expressions = new LinkedHashMap<>();

	private final Map<String, @Nullable Object> values = new LinkedHashMap<>();

	private @Nullable String where;

	private int batchSize = 1000;

	private Duration pause = Duration.ofMillis(10);

	Backfill(QueryInterface q, String table) {
		this.q = q;
		this.table = Objects.requireNonNull(table, "table");
	}

	/** The unique, ordered key to page by; by default the table's single-column primary key. */
	public Backfill key(String column) {
		this.key = Objects.requireNonNull(column, "column");
		return this;
	}

	/** Sets the column to an SQL expression over the row, written by the author, e.g. {@code "lower(email)"}. */
	public Backfill set(String column, String expression) {
		this.expressions.put(Objects.requireNonNull(column, "column"), Objects.requireNonNull(expression, "expression"));
		return this;
	}

	/** Sets the column to a value, bound as a parameter. */
	public Backfill setValue(String column, @Nullable Object value) {
		this.values.put(Objects.requireNonNull(column, "column"), value);
		return this;
	}

	/**
	 * Limits the backfill to the rows that still need it, e.g. {@code "status_v2 IS NULL"}: SQL the author writes.
	 * With it a re-run after a failure or a kill only does what is left.
	 */
	public Backfill where(String predicate) {
		this.where = Objects.requireNonNull(predicate, "predicate");
		return this;
	}

	/** Rows per batch (transaction); 1,000 by default. */
	public Backfill batchSize(int batchSize) {
		if (batchSize <= 0) {
			throw new IllegalArgumentException("The batch size must be positive, was " + batchSize);
		}
		this.batchSize = batchSize;
		return this;
	}

	/** The pause between batches; 10 ms by default. */
	public Backfill pause(Duration pause) {
		this.pause = SafeOperations.nonNegative(pause, "The pause between batches");
		return this;
	}

	/**
	 * Runs the batches until no row is left.
	 * @return how many rows were updated
	 */
	public long run() {
		if (this.expressions.isEmpty() && this.values.isEmpty()) {
			throw new IllegalStateException("Backfill of " + this.table + " sets no column; call set or setValue");
		}
		List<String> assignments = new ArrayList<>();
		this.expressions.forEach((column, expression) -> assignments.add(this.q.quote(column) + " = " + expression));
		List<@Nullable Object> valueParameters = new ArrayList<>();
		this.values.forEach((column, value) -> {
			assignments.add(this.q.quote(column) + " = ?");
			valueParameters.add(value);
		});
		return new KeysetBatches(this.q, this.table, this.key, this.where, this.batchSize, this.pause)
			.run("Backfill", "UPDATE " + this.q.quote(this.table) + " SET " + String.join(", ", assignments) + " WHERE",
					valueParameters);
	}

}
