package dev.migrations.core;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Tells the {@link MigrationListener listeners} and the {@link MigrationCallback callbacks} of a runner what happens:
 * the one place that fans events out, for migrations and seeders alike.
 */
final class Events {

	private static final Log logger = LogFactory.getLog(Events.class);

	private final List<MigrationListener> listeners;

	private final List<MigrationCallback> callbacks;

	Events(List<MigrationListener> listeners, List<MigrationCallback> callbacks) {
		this.listeners = List.copyOf(listeners);
		this.callbacks = List.copyOf(callbacks);
	}

	/** These events, told to one more listener (last). */
	Events with(MigrationListener listener) {
		List<MigrationListener> all = new java.util.ArrayList<>(this.listeners);
		all.add(listener);
		return new Events(all, this.callbacks);
	}

	/** Whether any callback is told: callbacks get the connection, and may change its session's settings. */
	boolean hasCallbacks() {
		return !this.callbacks.isEmpty();
	}

	void commandStarting(Command command) {
		this.listeners.forEach((l) -> l.commandStarting(command));
	}

	void commandFinished(Command command, CommandResult result, @Nullable Throwable failure) {
		this.listeners.forEach((l) -> l.commandFinished(command, result, failure));
	}

	void lockAcquired(Duration waited) {
		this.listeners.forEach((l) -> l.lockAcquired(waited));
	}

	void lockTimeoutRetry(MigrationStep step, int attempt, Duration backoff) {
		this.listeners.forEach((l) -> l.lockTimeoutRetry(step, attempt, backoff));
	}

	void lockWaitTimedOut(MigrationStep step, LockWaitTimeout timeout) {
		this.listeners.forEach((l) -> l.lockWaitTimedOut(step, timeout));
	}

	void stepStarting(MigrationStep step) {
		this.listeners.forEach((l) -> l.migrationStarting(step));
	}

	void stepFinished(MigrationStep step, Duration duration, @Nullable Throwable failure) {
		this.listeners.forEach((l) -> l.migrationFinished(step, duration, failure));
	}

	void beforeMigrate(Connection connection, Command command) throws Exception {
		MigrationCallback.Context context = new MigrationCallback.Context(connection, command, null);
		for (MigrationCallback callback : this.callbacks) {
			callback.beforeMigrate(context);
		}
	}

	void afterMigrate(Connection connection, Command command) throws Exception {
		MigrationCallback.Context context = new MigrationCallback.Context(connection, command, null);
		for (MigrationCallback callback : this.callbacks) {
			callback.afterMigrate(context);
		}
	}

	void beforeEachStep(Connection connection, Command command, MigrationStep step) throws Exception {
		MigrationCallback.Context context = new MigrationCallback.Context(connection, command, step);
		for (MigrationCallback callback : this.callbacks) {
			callback.beforeEachStep(context);
		}
	}

	void afterEachStep(Connection connection, Command command, MigrationStep step) throws Exception {
		MigrationCallback.Context context = new MigrationCallback.Context(connection, command, step);
		for (MigrationCallback callback : this.callbacks) {
			callback.afterEachStep(context);
		}
	}

	/** Tells the callbacks that a step failed; a callback's own failure is logged, not thrown. */
	void onFailure(Connection connection, Command command, MigrationStep step, Throwable failure) {
		MigrationCallback.Context context = new MigrationCallback.Context(connection, command, step);
		for (MigrationCallback callback : this.callbacks) {
			try {
				callback.onFailure(context, failure);
			}
			catch (Exception | LinkageError ex) {
				logger.warn("Callback " + callback.getClass().getName() + " failed in onFailure of " + step.id(), ex);
			}
		}
	}

}
