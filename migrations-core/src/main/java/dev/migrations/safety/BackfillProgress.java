package dev.migrations.safety;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How far the backfills of this process have come, per table: read by metrics ({@code migrations.backfill.rows})
 * and logged by {@link Backfill} itself.
 */
public final class BackfillProgress {

	private static final Map<String, BackfillProgress> current = new ConcurrentHashMap<>();

	private final String table;

	private final AtomicLong rows = new AtomicLong();

	private final AtomicLong batches = new AtomicLong();

	private volatile boolean running = true;

	private BackfillProgress(String table) {
		this.table = table;
	}

	static BackfillProgress start(String table) {
		BackfillProgress progress = new BackfillProgress(table);
		current.put(table, progress);
		return progress;
	}

	/** The latest backfill of each table this process ran, running or finished. */
	public static Map<String, BackfillProgress> byTable() {
		return Map.copyOf(current);
	}

	void batchDone(int rows) {
		this.rows.addAndGet(rows);
		this.batches.incrementAndGet();
	}

	void finish() {
		this.running = false;
	}

	public String table() {
		return this.table;
	}

	/** Rows updated so far. */
	public long rows() {
		return this.rows.get();
	}

	/** Batches committed so far. */
	public long batches() {
		return this.batches.get();
	}

	/** Whether the backfill is still running. */
	public boolean running() {
		return this.running;
	}

}
