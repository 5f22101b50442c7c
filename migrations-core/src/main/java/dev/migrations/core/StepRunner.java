package dev.migrations.core;

import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Locale;

import dev.migrations.safety.Timeouts;
import dev.migrations.schema.DefaultQueryInterface;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Runs one {@link Step} (a migration's up or down, a seeder's run or undo) on a locked {@link Session}, the same way
 * for every kind: in one transaction with its history row, or, without a transaction, between a {@code running} row
 * and its outcome; retried after a lock timeout (the whole transaction, or the one statement outside a transaction);
 * with the step's own timeouts; telling the listeners and the callbacks.
 */
final class StepRunner {

	private static final Log logger = LogFactory.getLog(StepRunner.class);

	private final Session session;

	private final RunConfig config;

	private final Command command;

	private final History history;

	StepRunner(Session session, RunConfig config, Command command, History history) {
		this.session = session;
		this.config = config;
		this.command = command;
		this.history = history;
	}

	/**
	 * Runs the step in its direction: up records it in the history (in {@code batch}), down removes its row.
	 * @throws MigrationFailedException naming the step, saying what is left of it
	 */
	void run(Step step, int batch) throws SQLException {
		MigrationStep info = step.info();
		Timeouts timeouts = step.timeouts(this.config.timeouts());
		if (timeouts != null && !timeouts.lockTimeout().equals(this.config.timeouts().lockTimeout())) {
			String warning = timeouts.lockTimeoutWarning();
			if (warning != null) {
				logger.warn(capitalized(info) + " " + step.describe() + ": " + warning);
			}
		}
		this.config.events().stepStarting(info);
		long start = System.nanoTime();
		Throwable failure = null;
		try {
			if (info.transactional()) {
				retrying(step, timeouts, () -> inTransaction(step, timeouts, batch));
			}
			else {
				withoutTransaction(step, timeouts, batch);
			}
		}
		catch (RuntimeException | SQLException | Error ex) {
			failure = ex;
			this.config.events().onFailure(this.session.connection(), this.command, info, ex);
			throw ex;
		}
		finally {
			this.config.events().stepFinished(info, Duration.ofNanos(System.nanoTime() - start), failure);
		}
		logger.info(((info.direction() == Direction.DOWN) ? "Undid "
				: (info.kind() == MigrationStep.Kind.SEEDER) ? "Ran " : "Applied ") + info.kind().noun() + " "
				+ info.id() + " in " + Runs.millis(start) + " ms");
	}

	private void inTransaction(Step step, @Nullable Timeouts timeouts, int batch) throws SQLException {
		MigrationStep info = step.info();
		Step.Recording executor = step.executor(this.session, null);
		OffsetDateTime started = Runs.now();
		long start = System.nanoTime();
		try {
			this.session.inTransaction(() -> {
				if (timeouts != null) {
					this.session.setLocalTimeouts(timeouts);
				}
				this.config.events().beforeEachStep(this.session.connection(), this.command, info);
				step.run(new DefaultQueryInterface(this.session.dialect(), executor.executor(), null));
				if (step.replacesRow() || info.direction() == Direction.DOWN) {
					this.history.delete(this.session.connection(), info.id());
				}
				if (info.direction() == Direction.UP) {
					this.history.insert(this.session.connection(), HistoryRow.applied(info.id(), info.description(),
							batch, started, Runs.millis(start), this.config.origin(), executor.script().get(),
							step.acknowledgements()));
				}
				this.config.events().afterEachStep(this.session.connection(), this.command, info);
			});
		}
		catch (Exception | Error ex) {
			Runs.rethrowFatal(ex);
			throw new MigrationFailedException(info.id(), step.failureMessage(this.history, Runs.rootMessage(ex)), ex);
		}
	}

	private void withoutTransaction(Step step, @Nullable Timeouts timeouts, int batch) throws SQLException {
		MigrationStep info = step.info();
		// Outside a transaction each statement commits alone, so a statement that timed out on a lock can be
		// retried by itself without repeating what committed before it.
		Step.Recording executor = step.executor(this.session, (statement) -> {
			for (int number = 1;; number++) {
				try {
					statement.run();
					return;
				}
				catch (RuntimeException ex) {
					if (!this.session.dialect().isLockTimeout(ex) || !this.config.retryPolicy().allowsAnotherAfter(number)) {
						throw ex;
					}
					backOff(info, number);
				}
			}
		});
		long start = System.nanoTime();
		if (info.direction() == Direction.UP) {
			this.history.insert(this.session.connection(), HistoryRow.running(info.id(), info.description(), batch,
					Runs.now(), this.config.origin(), step.acknowledgements()));
		}
		try {
			Session.StepWork work = () -> {
				this.config.events().beforeEachStep(this.session.connection(), this.command, info);
				step.run(new DefaultQueryInterface(this.session.dialect(), executor.executor(), null));
			};
			if (timeouts != null) {
				this.session.withSessionTimeouts(timeouts, work);
			}
			else {
				work.run();
			}
		}
		catch (Exception | Error ex) {
			Runs.rethrowFatal(ex);
			String cause = Runs.rootMessage(ex);
			recording(step, cause, ex, () -> this.history.finish(this.session.connection(), info.id(),
					HistoryRow.State.FAILED, Runs.now(), Runs.millis(start),
					(info.direction() == Direction.UP) ? cause : "down failed: " + cause, executor.script().get()));
			throw new MigrationFailedException(info.id(), step.failureMessage(this.history, cause), ex);
		}
		recording(step, null, null, () -> {
			if (info.direction() == Direction.UP) {
				this.history.finish(this.session.connection(), info.id(), HistoryRow.State.APPLIED, Runs.now(),
						Runs.millis(start), null, executor.script().get());
			}
			else {
				this.history.delete(this.session.connection(), info.id());
			}
		});
		try {
			this.config.events().afterEachStep(this.session.connection(), this.command, info);
		}
		catch (Exception ex) {
			throw new MigrationFailedException(info.id(), "A callback failed after " + info.kind().noun() + " "
					+ step.describe() + " ran without a transaction; the step stays recorded as done. Cause: "
					+ Runs.rootMessage(ex), ex);
		}
	}

	/**
	 * Records the outcome of a step that ran without a transaction. When that fails (the connection was terminated,
	 * the server restarted) the history keeps the state it had before the step ended: the message names the step,
	 * that state, and the commands that resolve it once the database is back.
	 * @param cause the step's own failure, {@code null} when it succeeded
	 */
	private void recording(Step step, @Nullable String cause, @Nullable Throwable failure, Attempt record) {
		MigrationStep info = step.info();
		try {
			record.run();
		}
		catch (SQLException | RuntimeException ex) {
			boolean up = info.direction() == Direction.UP;
			String noun = info.kind().noun();
			String outcome = (cause != null) ? " failed (" + cause + ")" : " ran to its end";
			String left = up ? "its row in " + this.history.qualifiedTable() + " stays recorded as running"
					: "it stays recorded as applied in " + this.history.qualifiedTable();
			MigrationFailedException unrecorded = new MigrationFailedException(info.id(),
					"Non-transactional " + noun + " " + step.describe() + (up ? "" : " (undo)") + outcome
							+ ", but its outcome could not be recorded (" + Runs.rootMessage(ex) + "): " + left
							+ ", and the statements it ran stay applied. Once the database is reachable, check what "
							+ "it did, then " + (up ? "run --migrations.command=retry to run it again, or repair by "
									+ "hand and run --migrations.command=mark-applied (it is done) or "
									+ "--migrations.command=mark-rolled-back (it is undone)."
									: "run --migrations.command=undo again, or, if it is undone, "
											+ "--migrations.command=mark-rolled-back --migrations.to=" + info.id()
											+ "."),
					(failure != null) ? failure : ex);
			if (failure != null) {
				unrecorded.addSuppressed(ex);
			}
			throw unrecorded;
		}
	}

	/**
	 * Runs a whole transactional attempt again when it failed on a lock timeout: the attempt rolled back, so nothing
	 * of it is left and trying again is safe.
	 */
	private void retrying(Step step, @Nullable Timeouts timeouts, Attempt attempt) throws SQLException {
		for (int number = 1;; number++) {
			try {
				attempt.run();
				return;
			}
			catch (MigrationFailedException ex) {
				if (!this.session.dialect().isLockTimeout(ex)) {
					throw ex;
				}
				if (!this.config.retryPolicy().allowsAnotherAfter(number)) {
					Duration lockTimeout = ((timeouts != null) ? timeouts : this.config.timeouts()).lockTimeout();
					throw new MigrationFailedException(step.info().id(), ex.getMessage() + " Gave up after " + number
							+ " attempt(s), each waiting longer than lock_timeout (" + lockTimeout + ") for a lock "
							+ "that another transaction holds: look for it in pg_stat_activity and pg_locks, or retry "
							+ "when the load is lower.", ex.getCause());
				}
				backOff(step.info(), number);
			}
		}
	}

	/** Waits before the next attempt after a lock timeout, and says so. */
	private void backOff(MigrationStep step, int attempt) {
		Duration backoff = this.config.retryPolicy().backoffAfter(attempt);
		logger.warn(capitalized(step) + " " + step.id() + " (" + step.direction().name().toLowerCase(Locale.ROOT)
				+ ") timed out waiting for a lock on attempt " + attempt + "; trying again in " + backoff.toMillis()
				+ " ms");
		this.config.events().lockTimeoutRetry(step, attempt, backoff);
		try {
			Thread.sleep(backoff.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new MigrationException("Interrupted while waiting to retry " + step.kind().noun() + " " + step.id(),
					ex);
		}
	}

	private static String capitalized(MigrationStep step) {
		return (step.kind() == MigrationStep.Kind.SEEDER) ? "Seeder" : "Migration";
	}

	@FunctionalInterface
	private interface Attempt {

		void run() throws SQLException;

	}

}
