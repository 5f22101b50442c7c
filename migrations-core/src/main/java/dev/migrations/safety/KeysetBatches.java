package dev.migrations.safety;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.migrations.schema.QueryInterface;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The batching shared by {@link Backfill} and {@link BatchedDelete}: each batch reads its upper key
 * ({@code SELECT max(k) FROM (SELECT key ... ORDER BY key LIMIT n)}) and then changes
 * {@code key > previous AND key <= upper AND (where)} in one short transaction, pausing between batches.
 */
final class KeysetBatches {

	private static final Log logger = LogFactory.getLog(KeysetBatches.class);

	private static final long LOG_INTERVAL_NANOS = 10_000_000_000L;

	private final QueryInterface q;

	private final String table;

	private final @Nullable String key;

	private final @Nullable String where;

	private final int batchSize;

	private final Duration pause;

	KeysetBatches(QueryInterface q, String table, @Nullable String key, @Nullable String where, int batchSize,
			Duration pause) {
		this.q = q;
		this.table = table;
		this.key = key;
		this.where = where;
		this.batchSize = batchSize;
		this.pause = pause;
	}

	/**
	 * Runs the batches until no row is left.
	 * @param what names the operation in logs ("Backfill")
	 * @param statement the statement up to and including its {@code WHERE}, e.g. {@code UPDATE "t" SET ... WHERE}
	 * @param parameters the statement's own parameters, bound before the key bounds
	 * @return how many rows the batches changed
	 */
	long run(String what, String statement, List<@Nullable Object> parameters) {
		String key = this.q.quote(resolveKey());
		String table = this.q.quote(this.table);
		String condition = (this.where != null) ? " AND (" + this.where + ")" : "";
		String firstUpper = "SELECT max(k) AS upper FROM (SELECT " + key + " AS k FROM " + table + " WHERE true"
				+ condition + " ORDER BY " + key + " LIMIT ?) batch";
		String nextUpper = "SELECT max(k) AS upper FROM (SELECT " + key + " AS k FROM " + table + " WHERE " + key
				+ " > ?" + condition + " ORDER BY " + key + " LIMIT ?) batch";
		String first = statement + " " + key + " <= ?" + condition;
		String next = first + " AND " + key + " > ?";
		BackfillProgress progress = BackfillProgress.start(this.table);
		long started = System.nanoTime();
		long lastLog = started;
		Object lower = null;
		try {
			while (true) {
				Object upper = (lower == null) ? this.q.query(firstUpper, this.batchSize).get(0).get("upper")
						: this.q.query(nextUpper, lower, this.batchSize).get(0).get("upper");
				if (upper == null) {
					break;
				}
				List<@Nullable Object> bound = new ArrayList<>(parameters);
				bound.add(upper);
				if (lower != null) {
					bound.add(lower);
				}
				progress.batchDone(this.q.update((lower == null) ? first : next, bound.toArray()));
				lower = upper;
				if (System.nanoTime() - lastLog > LOG_INTERVAL_NANOS) {
					lastLog = System.nanoTime();
					logger.info(what + " of " + this.table + ": " + progress.rows() + " rows in " + progress.batches()
							+ " batches so far, up to key " + upper);
				}
				sleep(what);
			}
		}
		finally {
			progress.finish();
		}
		logger.info(what + " of " + this.table + ": " + progress.rows() + " rows in " + progress.batches()
				+ " batches in " + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms");
		return progress.rows();
	}

	private String resolveKey() {
		if (this.key != null) {
			return this.key;
		}
		List<String> primaryKey = this.q.describeTable(this.table).primaryKey();
		if (primaryKey.size() != 1) {
			throw new IllegalStateException("Batches over " + this.table + " need key(column): the table's primary key "
					+ "is " + (primaryKey.isEmpty() ? "missing" : primaryKey) + ", not one column");
		}
		return primaryKey.get(0);
	}

	private void sleep(String what) {
		if (this.pause.isZero()) {
			return;
		}
		try {
			Thread.sleep(this.pause.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(what + " of " + this.table + " was interrupted", ex);
		}
	}

}
