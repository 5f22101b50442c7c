package dev.migrations.core;

import java.time.Duration;
import java.util.List;

import dev.migrations.dialect.LockBlocker;
import org.jspecify.annotations.Nullable;

/**
 * One attempt of a migration (or, in a non-transactional one, of a statement) that gave up waiting for a lock.
 *
 * @param attempt the attempt that timed out, 1 for the first
 * @param attempts the attempts allowed in all
 * @param lockTimeout the {@code lock_timeout} the attempt used
 * @param waited how long the attempt ran before it gave up
 * @param backoff the wait before the next attempt, {@code null} when the step gives up
 * @param blockers the sessions that most likely held the lock (see
 * {@link dev.migrations.dialect.Dialect#lockBlockers})
 */
public record LockWaitTimeout(int attempt, int attempts, Duration lockTimeout, Duration waited,
		@Nullable Duration backoff, List<LockBlocker> blockers) {

	public LockWaitTimeout {
		blockers = List.copyOf(blockers);
	}

	/** Whether the step gives up after this attempt. */
	public boolean givesUp() {
		return this.backoff == null;
	}

}
