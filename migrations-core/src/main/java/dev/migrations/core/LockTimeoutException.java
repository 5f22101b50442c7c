package dev.migrations.core;

import dev.migrations.dialect.LockHolder;
import org.jspecify.annotations.Nullable;

/**
 * The schema lock was not free within the lock timeout; the message names the session that holds it.
 */
public class LockTimeoutException extends MigrationException {

	private final @Nullable LockHolder holder;

	public LockTimeoutException(String message, @Nullable LockHolder holder) {
		super(message);
		this.holder = holder;
	}

	/** The session that held the lock when the wait ended, if it could be read. */
	public @Nullable LockHolder getHolder() {
		return this.holder;
	}

}
