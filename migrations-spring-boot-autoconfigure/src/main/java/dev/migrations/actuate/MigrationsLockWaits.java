package dev.migrations.actuate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.migrations.core.LockWaitTimeout;
import dev.migrations.core.MigrationListener;
import dev.migrations.core.MigrationStep;
import dev.migrations.dialect.LockBlocker;
import dev.migrations.safety.Secrets;
import org.jspecify.annotations.Nullable;

/**
 * Remembers, for the endpoint, how the steps of this process waited for their locks: how many attempts timed out,
 * how long they waited in all, and who blocked the last one. Kept in memory for the most recent
 * {@value #CAPACITY} steps; the logs and the {@code migrations.lock.timeout.waits} timer have the same attempts.
 */
public final class MigrationsLockWaits implements MigrationListener {

	static final int CAPACITY = 200;

	private final Map<String, LockWaitsDescriptor> waits = new LinkedHashMap<>(16, 0.75f, false) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, LockWaitsDescriptor> eldest) {
			return size() > CAPACITY;
		}

	};

	@Override
	public void lockWaitTimedOut(MigrationStep step, LockWaitTimeout timeout) {
		synchronized (this.waits) {
			LockWaitsDescriptor previous = this.waits.get(step.id());
			int attempts = (previous != null) ? previous.timedOutAttempts() + 1 : 1;
			long waited = ((previous != null) ? previous.waitedMs() : 0) + timeout.waited().toMillis();
			this.waits.put(step.id(), new LockWaitsDescriptor(attempts, waited, timeout.lockTimeout().toMillis(),
					timeout.givesUp(), timeout.blockers().stream().map(MigrationsLockWaits::describe).toList()));
		}
	}

	/** How the step with this id waited for its locks in this process, {@code null} when it never timed out. */
	public @Nullable LockWaitsDescriptor of(String id) {
		synchronized (this.waits) {
			return this.waits.get(id);
		}
	}

	private static String describe(LockBlocker blocker) {
		// The blocker's query is another session's SQL: it may carry a password.
		return Secrets.redact(blocker.describe());
	}

	/**
	 * The lock waits of one step.
	 *
	 * @param timedOutAttempts how many attempts gave up waiting for a lock
	 * @param waitedMs how long those attempts waited in all
	 * @param lastLockTimeoutMs the {@code lock_timeout} of the last of them
	 * @param gaveUp whether the step failed on it (the budget or the attempts ran out)
	 * @param blockers the sessions that most likely held the lock at the last timeout
	 */
	public record LockWaitsDescriptor(int timedOutAttempts, long waitedMs, long lastLockTimeoutMs, boolean gaveUp,
			List<String> blockers) {

	}

}
