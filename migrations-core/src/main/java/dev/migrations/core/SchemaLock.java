package dev.migrations.core;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import dev.migrations.dialect.Dialect;
import dev.migrations.dialect.LockHolder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The session-level advisory lock that serializes migration runs against one history table.
 *
 * <p>It is taken by polling {@code pg_try_advisory_lock}: a session blocked in {@code pg_advisory_lock} would
 * deadlock with a {@code CREATE INDEX CONCURRENTLY} run by the holder, which waits for every open transaction. A
 * holder that dies releases the lock with its session, so there is never a stale lock to clear.
 */
final class SchemaLock {

	private static final Log logger = LogFactory.getLog(SchemaLock.class);

	private static final long FIRST_WAIT_MILLIS = 50;

	private static final long MAX_WAIT_MILLIS = 1000;

	private final Dialect dialect;

	private final long key;

	private final String name;

	private final Duration timeout;

	SchemaLock(Dialect dialect, String schema, String table, Duration timeout) {
		this.dialect = dialect;
		this.key = key(schema, table);
		this.name = schema + "." + table;
		this.timeout = timeout;
	}

	/** A stable 64-bit key (FNV-1a) for the history table, the same in every process and release. */
	static long key(String schema, String table) {
		long hash = 0xcbf29ce484222325L;
		for (byte b : ("dev.migrations:" + schema + "." + table).getBytes(StandardCharsets.UTF_8)) {
			hash ^= (b & 0xff);
			hash *= 0x100000001b3L;
		}
		return hash;
	}

	long key() {
		return this.key;
	}

	/**
	 * Takes the lock on the connection, waiting up to the timeout.
	 * @return how long it waited
	 * @throws LockTimeoutException naming the holder when the wait times out
	 */
	Duration acquire(Connection connection) throws SQLException {
		long start = System.nanoTime();
		long deadline = start + this.timeout.toNanos();
		long wait = FIRST_WAIT_MILLIS;
		boolean logged = false;
		while (!this.dialect.tryLock(connection, this.key)) {
			long now = System.nanoTime();
			if (now - deadline >= 0) {
				LockHolder holder = holder(connection);
				throw new LockTimeoutException("Timed out after " + this.timeout + " waiting for the migrations lock on "
						+ this.name + ((holder != null) ? ", held by " + holder.describe()
								: "; its holder has just released it or could not be read")
						+ ". Another instance is migrating this database; raise migrations.lock.timeout to wait longer, "
						+ "or end the holder" + ((holder != null) ? " with " + this.dialect.endSession(holder.pid()) : "")
						+ " if it is stuck.", holder);
			}
			if (!logged) {
				LockHolder holder = holder(connection);
				logger.info("Waiting up to " + this.timeout + " for the migrations lock on " + this.name
						+ ((holder != null) ? ", held by " + holder.describe() : ""));
				logged = true;
			}
			long sleep = Math.min(wait + ThreadLocalRandom.current().nextLong(wait / 2 + 1),
					Math.max(1, (deadline - now) / 1_000_000));
			try {
				Thread.sleep(sleep);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new MigrationException("Interrupted while waiting for the migrations lock on " + this.name, ex);
			}
			wait = Math.min(wait * 2, MAX_WAIT_MILLIS);
		}
		return Duration.ofNanos(System.nanoTime() - start);
	}

	private @Nullable LockHolder holder(Connection connection) {
		try {
			return this.dialect.lockHolder(connection, this.key).orElse(null);
		}
		catch (SQLException ex) {
			return null;
		}
	}

	/**
	 * Releases the lock. When the release fails or reports that the session did not hold the lock, the physical
	 * connection is aborted so that a pool never hands out a session that may still hold it.
	 * @return {@code true} when the lock was released and the connection is still usable
	 */
	boolean release(Connection connection) {
		try {
			if (this.dialect.unlock(connection, this.key)) {
				return true;
			}
			logger.warn("The migrations lock on " + this.name + " was not held at release; closing the connection");
		}
		catch (SQLException ex) {
			logger.warn("Could not release the migrations lock on " + this.name + "; closing the connection", ex);
		}
		abort(connection);
		return false;
	}

	static void abort(Connection connection) {
		try {
			connection.abort(Runnable::run);
		}
		catch (SQLException | RuntimeException ex) {
			logger.debug("Could not abort the migrations connection", ex);
		}
	}

}
