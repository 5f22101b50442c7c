package dev.migrations.safety;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * PostgreSQL's {@code lock_timeout} and {@code statement_timeout} for migration statements.
 *
 * <p>A DDL statement waiting for its lock queues every later query on the table behind it, so a short lock timeout
 * turns "the table is unavailable until the long transaction ends" into "the migration retries in a moment". The
 * statement timeout bounds a statement that runs away. {@link Duration#ZERO} disables either, as in PostgreSQL.
 *
 * @param lockTimeout how long a statement may wait for a lock
 * @param statementTimeout how long a statement may run
 */
public record Timeouts(Duration lockTimeout, Duration statementTimeout) {

	/** What a lock timeout longer than this risks: the table is blocked for as long as the statement waits. */
	public static final Duration LONG_LOCK_TIMEOUT = Duration.ofSeconds(30);

	public Timeouts {
		requireNonNegative(lockTimeout, "lock timeout");
		requireNonNegative(statementTimeout, "statement timeout");
	}

	/** A 5 second lock timeout and a 1 hour statement timeout. */
	public static Timeouts defaults() {
		return new Timeouts(Duration.ofSeconds(5), Duration.ofHours(1));
	}

	/** These timeouts with a migration's own values where it sets them. */
	public Timeouts overriddenBy(@Nullable Duration lockTimeout, @Nullable Duration statementTimeout) {
		return new Timeouts((lockTimeout != null) ? lockTimeout : this.lockTimeout,
				(statementTimeout != null) ? statementTimeout : this.statementTimeout);
	}

	/**
	 * Why this lock timeout is risky, or {@code null} when it is not: zero waits forever, and a long one blocks the
	 * table's readers and writers for as long.
	 */
	public @Nullable String lockTimeoutWarning() {
		if (this.lockTimeout.isZero()) {
			return "lock_timeout is 0: a migration statement waits for its lock forever, and every query on the table "
					+ "queues behind it meanwhile";
		}
		if (this.lockTimeout.compareTo(LONG_LOCK_TIMEOUT) > 0) {
			return "lock_timeout is " + this.lockTimeout + ": while a migration statement waits that long for its lock, "
					+ "every query on the table queues behind it; a few seconds with retries is safer";
		}
		return null;
	}

	/** The PostgreSQL setting value, in milliseconds. */
	public static String settingValue(Duration duration) {
		return duration.toMillis() + "ms";
	}

	private static void requireNonNegative(Duration duration, String what) {
		if (duration == null || duration.isNegative()) {
			throw new IllegalArgumentException("The " + what + " must be zero or positive, was " + duration);
		}
	}

}
