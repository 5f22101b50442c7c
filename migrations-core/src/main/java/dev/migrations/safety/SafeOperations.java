package dev.migrations.safety;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.migrations.schema.ColumnDescription;
import dev.migrations.schema.ConstraintDefinition;
import dev.migrations.schema.DataType;
import dev.migrations.schema.IndexDefinition;
import dev.migrations.schema.Names;
import dev.migrations.schema.QueryInterface;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The safe sequences for changes that lock or scan a live table, done for the migration author:
 * <pre>{@code
 * public class IndexOrdersByUser implements Migration {
 *     public boolean transactional() { return false; }        // each step commits on its own
 *     public void up(QueryInterface q) {
 *         SafeOperations.on(q).addIndexConcurrently("orders", index("user_id"));
 *     }
 *     public void down(QueryInterface q) { q.removeIndexConcurrently("orders_user_id_idx"); }
 * }}</pre>
 *
 * <p>Every helper needs a migration that returns {@code false} from {@code transactional()}: the point of each is
 * that its steps commit separately, so that no step holds a strong lock while the next one scans the table. In a
 * transactional migration they refuse to run, before any statement.
 */
public final class SafeOperations {

	private static final Log logger = LogFactory.getLog(SafeOperations.class);

	private static final String INDEX_STATE_SQL = """
			SELECT i.indisvalid AS valid FROM pg_index i
			JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
			WHERE c.relname = ? AND n.nspname = coalesce(?, current_schema())""";

	private final QueryInterface q;

	private SafeOperations(QueryInterface q) {
		this.q = q;
	}

	/** The safe helpers on a migration's {@link QueryInterface}. */
	public static SafeOperations on(QueryInterface q) {
		return new SafeOperations(Objects.requireNonNull(q, "q"));
	}

	/**
	 * {@code CREATE INDEX CONCURRENTLY}, repeatable after a failure: an INVALID index of the same name left by an
	 * earlier attempt that failed or was killed is dropped first (concurrently), a valid one is kept, and an attempt
	 * that fails now drops what it left before the error is reported. The build waits for older transactions rather
	 * than timing out on {@code lock_timeout}: its lock does not block reads or writes, so waiting is harmless, and
	 * {@code statement_timeout} still bounds it.
	 */
	public void addIndexConcurrently(String table, IndexDefinition index) {
		requireOwnTransactions("addIndexConcurrently(" + table + ")");
		String name = index.nameOn(table);
		Boolean valid = indexValidity(name);
		if (Boolean.TRUE.equals(valid)) {
			logger.info("Index " + name + " already exists and is valid; nothing to build");
			return;
		}
		if (valid != null) {
			logger.warn("Dropping the INVALID index " + name + " left by an earlier attempt before building it again");
			this.q.removeIndexConcurrently(name);
		}
		String lockTimeout = setting("lock_timeout");
		setSession("lock_timeout", "0");
		try {
			this.q.addIndex(table, index.concurrently());
		}
		catch (RuntimeException ex) {
			try {
				if (Boolean.FALSE.equals(indexValidity(name))) {
					logger.warn("Building index " + name + " failed; dropping the INVALID index it left");
					this.q.removeIndexConcurrently(name);
				}
			}
			catch (RuntimeException cleanup) {
				// The connection may be gone (the build was killed); the next attempt drops the leftover.
				ex.addSuppressed(cleanup);
			}
			throw ex;
		}
		finally {
			try {
				setSession("lock_timeout", lockTimeout);
			}
			catch (RuntimeException ex) {
				logger.debug("Could not restore lock_timeout", ex);
			}
		}
	}

	/**
	 * Adds a foreign key or check constraint without the long scan under lock: {@code ADD CONSTRAINT ... NOT VALID}
	 * (a brief lock; new rows are checked from then on), then {@code VALIDATE CONSTRAINT} in a second transaction
	 * (scans existing rows under a lock that lets reads and writes through).
	 */
	public void addConstraintValidatedSeparately(String table, ConstraintDefinition constraint) {
		requireOwnTransactions("addConstraintValidatedSeparately(" + table + ")");
		String name = constraint.nameOn(table);
		Boolean validated = constraintValidity(table, name);
		if (Boolean.TRUE.equals(validated)) {
			logger.info("Constraint " + name + " on " + table + " already exists and is validated");
			return;
		}
		if (validated == null) {
			this.q.addConstraint(table, constraint.notValid());
		}
		// A retry after a failed validation finds the NOT VALID constraint and only validates it.
		this.q.validateConstraint(table, name);
	}

	/**
	 * {@code SET NOT NULL} without a full scan under an ACCESS EXCLUSIVE lock: a {@code CHECK (column IS NOT NULL)
	 * NOT VALID} constraint, validated in its own transaction, lets PostgreSQL (12+) skip the scan when the column is
	 * then set NOT NULL; the helper constraint is dropped at the end. Fails, changing nothing durable, if a row is
	 * NULL.
	 */
	public void setNotNull(String table, String column) {
		requireOwnTransactions("setNotNull(" + table + ", " + column + ")");
		String name = Names.derived(table, new String[] { column }, "not_null");
		ConstraintDefinition check = ConstraintDefinition.check(name, this.q.quote(column) + " IS NOT NULL");
		try {
			addConstraintValidatedSeparately(table, check);
		}
		catch (RuntimeException ex) {
			// A NULL row: take the helper constraint away again, so nothing of the attempt stays behind.
			try {
				this.q.removeConstraint(table, name);
			}
			catch (RuntimeException cleanup) {
				ex.addSuppressed(cleanup);
			}
			throw ex;
		}
		this.q.changeColumn(table, column, (change) -> change.notNull());
		this.q.removeConstraint(table, name);
	}

	/** A batched, throttled, resumable backfill of the table; see {@link Backfill}. */
	public Backfill backfill(String table) {
		requireOwnTransactions("backfill(" + table + ")");
		return new Backfill(this.q, table);
	}

	/** Deletes matching rows in batches, each its own short transaction; see {@link BatchedDelete}. */
	public BatchedDelete deleteInBatches(String table) {
		requireOwnTransactions("deleteInBatches(" + table + ")");
		return new BatchedDelete(this.q, table);
	}

	/**
	 * The expand half of renaming a column without downtime: adds {@code to} with {@code from}'s type, keeps the two
	 * in sync with a trigger (whichever one a write changes is copied to the other), and backfills {@code to} in
	 * batches. Deploy code that reads {@code to} (and writes either), then drop {@code from} in a later migration with
	 * {@link #contractColumnRename}. {@link #undoExpandColumnRename} reverses this.
	 */
	public void expandColumnRename(String table, String from, String to) {
		requireOwnTransactions("expandColumnRename(" + table + ", " + from + ", " + to + ")");
		ColumnDescription source = this.q.describeTable(table)
			.column(from)
			.orElseThrow(() -> new IllegalArgumentException("Table " + table + " has no column " + from + " to rename"));
		this.q.addColumn(table, to, DataType.of(source.type()));
		String function = syncFunction(table, from, to);
		String next = "NEW." + this.q.quote(to);
		String previous = "NEW." + this.q.quote(from);
		this.q.createFunction(function, (f) -> f.returns("trigger").language("plpgsql").body("""
				BEGIN
				  IF TG_OP = 'INSERT' THEN
				    IF %1$s IS NULL THEN %1$s := %2$s; END IF;
				    IF %2$s IS NULL THEN %2$s := %1$s; END IF;
				  ELSIF %2$s IS DISTINCT FROM OLD.%4$s THEN
				    %1$s := %2$s;
				  ELSIF %1$s IS DISTINCT FROM OLD.%3$s THEN
				    %2$s := %1$s;
				  END IF;
				  RETURN NEW;
				END""".formatted(next, previous, this.q.quote(to), this.q.quote(from))));
		this.q.createTrigger(table, function, (t) -> t.before().onInsert().onUpdate().forEachRow().execute(function));
		backfill(table).set(to, this.q.quote(from))
			.where(this.q.quote(to) + " IS NULL AND " + this.q.quote(from) + " IS NOT NULL")
			.run();
	}

	/** Reverses {@link #expandColumnRename}: drops the trigger, its function and the new column. */
	public void undoExpandColumnRename(String table, String from, String to) {
		String function = syncFunction(table, from, to);
		this.q.dropTrigger(table, function);
		this.q.dropFunction(function, "");
		this.q.removeColumn(table, to);
	}

	/**
	 * The contract half of a column rename, in a later release: drops the sync trigger, its function and the old
	 * column. Run it only once no deployed code reads or writes {@code from}.
	 */
	public void contractColumnRename(String table, String from, String to) {
		String function = syncFunction(table, from, to);
		this.q.dropTrigger(table, function);
		this.q.dropFunction(function, "");
		this.q.removeColumn(table, from);
	}

	private static String syncFunction(String table, String from, String to) {
		return Names.fit(table + "_" + from + "_" + to + "_sync");
	}

	private void requireOwnTransactions(String operation) {
		if (this.q.inTransaction()) {
			throw new IllegalStateException(operation + " commits each of its steps separately, so it cannot run in a "
					+ "transactional migration; override transactional() to return false in this migration, and keep "
					+ "it to this change");
		}
	}

	private @Nullable Boolean indexValidity(String name) {
		List<Map<String, @Nullable Object>> rows = this.q.query(INDEX_STATE_SQL, name, this.q.schema());
		return rows.isEmpty() ? null : (Boolean) rows.get(0).get("valid");
	}

	private @Nullable Boolean constraintValidity(String table, String name) {
		String relation = (this.q.schema() != null) ? this.q.quote(this.q.schema()) + "." + this.q.quote(table)
				: this.q.quote(table);
		List<Map<String, @Nullable Object>> rows = this.q.query(
				"SELECT convalidated AS valid FROM pg_constraint WHERE conname = ? AND conrelid = to_regclass(?)", name,
				relation);
		return rows.isEmpty() ? null : (Boolean) rows.get(0).get("valid");
	}

	private String setting(String name) {
		Object value = this.q.query("SELECT current_setting(?) AS value", name).get(0).get("value");
		return String.valueOf(value);
	}

	private void setSession(String name, String value) {
		this.q.query("SELECT set_config(?, ?, false)", name, value);
	}

	static Duration nonNegative(Duration duration, String what) {
		if (duration.isNegative()) {
			throw new IllegalArgumentException(what + " must not be negative, was " + duration);
		}
		return duration;
	}

}
