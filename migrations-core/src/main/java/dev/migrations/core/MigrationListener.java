package dev.migrations.core;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Hears what the {@link Migrator} does, synchronously, on the thread that runs it. The Spring Boot integration
 * publishes these as application events and Micrometer metrics.
 */
public interface MigrationListener {

	/** A command starts. */
	default void commandStarting(Command command) {
	}

	/** A command ended, successfully when {@code failure} is {@code null}. */
	default void commandFinished(Command command, CommandResult result, @Nullable Throwable failure) {
	}

	/** The schema lock was taken after waiting {@code waited}. */
	default void lockAcquired(Duration waited) {
	}

	/**
	 * A migration (or, in a non-transactional one, a statement) gave up waiting for a lock and is retried after
	 * {@code backoff}.
	 * @param attempt the attempt that failed, 1 for the first
	 */
	default void lockTimeoutRetry(MigrationStep step, int attempt, Duration backoff) {
	}

	/**
	 * An attempt of a migration (or, in a non-transactional one, of a statement) gave up waiting for a lock: the
	 * timeout it used, how long it waited, who most likely blocked it, and whether another attempt follows (then
	 * {@link #lockTimeoutRetry} follows too).
	 */
	default void lockWaitTimedOut(MigrationStep step, LockWaitTimeout timeout) {
	}

	/** A migration is about to run. */
	default void migrationStarting(MigrationStep step) {
	}

	/** A migration ran, successfully when {@code failure} is {@code null}; on failure its changes are rolled back. */
	default void migrationFinished(MigrationStep step, Duration duration, @Nullable Throwable failure) {
	}

}
