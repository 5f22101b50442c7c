package dev.migrations.core;

import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;

import dev.migrations.dialect.LockBlocker;
import dev.migrations.safety.LockRetries;
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
		if (!this.session.dialect().transactionalDdl() && step.info().transactional()) {
			step = step.withoutTransaction();
		}
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
				retrying(step, timeouts, batch);
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

	/**
	 * Runs one attempt of a transactional step. Outside a group, the session keeps the timeouts of the step's first
	 * attempt (set once for the steps that share them, outside the transaction); an attempt whose timeouts differ
	 * (a retry with a longer lock timeout) sets its own with {@code SET LOCAL}, so they end with it. In a group, the
	 * step's own timeouts, if any, are {@code SET LOCAL} for it and the run's set back after it.
	 * @param first the timeouts of the step's first attempt; {@code null} in a group
	 * @param attempt the timeouts of this attempt; in a group, the step's own or {@code null}
	 */
	private void inTransaction(Step step, @Nullable Timeouts first, @Nullable Timeouts attempt, int batch)
			throws SQLException {
		MigrationStep info = step.info();
		Step.Recording executor = step.executor(this.session, null);
		OffsetDateTime started = Runs.now();
		long start = System.nanoTime();
		boolean grouped = this.session.grouped();
		try {
			boolean local = (first != null && attempt != null) ? this.session.stepTimeouts(first, attempt)
					: attempt != null;
			this.session.inTransaction(() -> {
				if (local) {
					this.session.setLocalTimeouts(attempt);
				}
				this.config.events().beforeEachStep(this.session.connection(), this.command, info);
				step.run(new DefaultQueryInterface(this.session.dialect(), executor.executor(), null));
				if (step.replacesRow() || info.direction() == Direction.DOWN) {
					this.history.delete(this.session.connection(), info.id());
				}
				if (info.direction() == Direction.UP) {
					this.history.insert(this.session.connection(), HistoryRow.applied(info.id(), info.description(),
							batch, step.checksum(), started, Runs.millis(start), this.config.origin(), executor.script().get(),
							step.acknowledgements()));
				}
				this.config.events().afterEachStep(this.session.connection(), this.command, info);
				if (local && grouped) {
					// SET LOCAL lasts until the group's one commit: the next step starts with the run's timeouts.
					this.session.setLocalTimeouts(this.config.timeouts());
				}
			});
		}
		catch (Exception | Error ex) {
			Runs.rethrowFatal(ex);
			throw new MigrationFailedException(info.id(), failureMessage(step, Runs.rootMessage(ex), ex), ex);
		}
		finally {
			settingsChecked(executor);
		}
	}

	/** After a step: unless what it ran is proven to leave the session's settings alone, the next one sets them. */
	private void settingsChecked(Step.Recording executor) {
		if (!executor.settingsUntouched().getAsBoolean() || this.config.events().hasCallbacks()) {
			this.session.settingsMayHaveChanged();
		}
	}

	private void withoutTransaction(Step step, @Nullable Timeouts timeouts, int batch) throws SQLException {
		MigrationStep info = step.info();
		// Outside a transaction each statement commits alone, so a statement that timed out on a lock can be
		// retried by itself without repeating what committed before it.
		Timeouts base = (timeouts != null) ? timeouts : this.config.timeouts();
		// The step starts with its timeouts (its own, or the run's) for what is not retried (queries, callbacks); each
		// attempt of a statement sets its own only when they differ from the session's (a round trip each), so the
		// statements of a step that all get through at their first attempt set them once. The session keeps them
		// after the step: the next one sets its own when they differ, and the run's come back at its end.
		Step.Recording executor = step.executor(this.session, (statement) -> {
			LockAttempts attempts = new LockAttempts(step, base);
			for (int number = 1;; number++) {
				Timeouts attempt = attempts.start(number);
				try {
					this.session.setSessionTimeouts(attempt);
					statement.run();
					return;
				}
				catch (RuntimeException ex) {
					if (!this.session.dialect().isLockTimeout(ex)) {
						throw ex;
					}
					String giveUp = attempts.timedOut(number);
					if (giveUp != null) {
						throw new MigrationException(giveUp, ex);
					}
				}
				catch (SQLException ex) {
					throw new MigrationException("Could not set the lock timeout of " + info.kind().noun() + " "
							+ info.id() + ": " + ex.getMessage(), ex);
				}
			}
		});
		long start = System.nanoTime();
		if (info.direction() == Direction.UP) {
			this.history.insert(this.session.connection(), HistoryRow.running(info.id(), info.description(), batch,
					step.checksum(), Runs.now(), this.config.origin(), step.acknowledgements()));
		}
		try {
			this.session.setSessionTimeouts(base);
			this.config.events().beforeEachStep(this.session.connection(), this.command, info);
			step.run(new DefaultQueryInterface(this.session.dialect(), executor.executor(), null));
		}
		catch (Exception | Error ex) {
			settingsChecked(executor);
			Runs.rethrowFatal(ex);
			String cause = Runs.rootMessage(ex);
			recording(step, cause, ex, () -> this.history.finish(this.session.connection(), info.id(),
					HistoryRow.State.FAILED, Runs.now(), Runs.millis(start),
					(info.direction() == Direction.UP) ? cause : "down failed: " + cause, executor.script().get()));
			throw new MigrationFailedException(info.id(), failureMessage(step, cause, ex) + ran(executor), ex);
		}
		settingsChecked(executor);
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

	/** What a step without a transaction ran before it failed, the failed statement last, for its failure message. */
	private static String ran(Step.Recording executor) {
		String script = executor.script().get();
		if (script == null) {
			return "";
		}
		return " Statements it ran, the last one failing: "
				+ ((script.length() > 2000) ? script.substring(0, 2000) + " [...]" : script);
	}

	/**
	 * Records the outcome of a step that ran without a transaction. When that fails (the connection was terminated,
	 * the server restarted) the history keeps the state it had before the step ended: the message names the step,
	 * that state, and the commands that resolve it once the database is back.
	 * @param cause the step's own failure, {@code null} when it succeeded
	 */
	/** The step's failure message, with how to adopt an existing schema when it found its object there already. */
	private String failureMessage(Step step, String cause, Throwable ex) {
		String message = step.failureMessage(this.history, cause);
		String hint = (step.info().direction() == Direction.UP && this.session.dialect().isAlreadyExists(ex))
				? step.alreadyExistsHint() : null;
		return (hint != null) ? message + "\n" + hint : message;
	}

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
	 * Runs a transactional step, and runs it whole again when it failed on a lock timeout: the attempt rolled back, so
	 * nothing of it is left and trying again is safe.
	 */
	private void retrying(Step step, @Nullable Timeouts timeouts, int batch) throws SQLException {
		if (this.session.grouped()) {
			// A failed statement aborts the group's transaction: nothing of the group can be tried again, so the step
			// runs once with its own (or the run's) lock timeout, and a lock timeout fails the whole group.
			inTransaction(step, null, timeouts, batch);
			return;
		}
		LockAttempts attempts = new LockAttempts(step, (timeouts != null) ? timeouts : this.config.timeouts());
		Timeouts first = attempts.timeoutsOf(1);
		for (int number = 1;; number++) {
			Timeouts attempt = attempts.start(number);
			try {
				inTransaction(step, first, attempt, batch);
				return;
			}
			catch (MigrationFailedException ex) {
				if (!this.session.dialect().isLockTimeout(ex)) {
					throw ex;
				}
				String giveUp = attempts.timedOut(number);
				if (giveUp != null) {
					throw new MigrationFailedException(step.info().id(), ex.getMessage() + " " + giveUp, ex.getCause());
				}
			}
		}
	}

	/**
	 * The lock attempts of a transactional step, or of one statement of a non-transactional one: the escalating
	 * {@link LockRetries} schedule, or, when it is off or the step fixes its own lock timeout, that timeout on each of
	 * the retry policy's attempts.
	 */
	private final class LockAttempts {

		private final MigrationStep step;

		private final Timeouts base;

		private final @Nullable LockRetries schedule;

		private final long started = System.nanoTime();

		private long attemptStarted;

		LockAttempts(Step step, Timeouts base) {
			this.step = step.info();
			this.base = base;
			this.schedule = step.fixesLockTimeout() ? null : StepRunner.this.config.lockRetries();
		}

		boolean escalating() {
			return this.schedule != null;
		}

		/** Starts attempt number {@code number} (1 for the first): the timeouts it runs with. */
		Timeouts start(int number) {
			this.attemptStarted = System.nanoTime();
			return timeoutsOf(number);
		}

		/** The timeouts attempt number {@code number} runs with. */
		Timeouts timeoutsOf(int number) {
			return (this.schedule != null) ? new Timeouts(lockTimeoutOf(number), this.base.statementTimeout())
					: this.base;
		}

		private Duration lockTimeoutOf(int number) {
			return (this.schedule != null) ? this.schedule.timeoutFor(number) : this.base.lockTimeout();
		}

		private int attempts() {
			return (this.schedule != null) ? this.schedule.attempts()
					: StepRunner.this.config.retryPolicy().maxAttempts();
		}

		/**
		 * Attempt number {@code number} timed out on a lock: says so (events, a WARN line, who blocked), and waits
		 * before the next one.
		 * @return why the step gives up, for its failure message, or {@code null} once it may try again
		 */
		@Nullable String timedOut(int number) {
			Duration waited = Duration.ofNanos(System.nanoTime() - this.attemptStarted);
			Duration lockTimeout = lockTimeoutOf(number);
			List<LockBlocker> blockers = blockers(lockTimeout);
			Duration backoff = StepRunner.this.config.retryPolicy().backoffAfter(number);
			Duration elapsed = Duration.ofNanos(System.nanoTime() - this.started);
			boolean overBudget = this.schedule != null && elapsed.plus(backoff).compareTo(this.schedule.budget()) > 0;
			boolean giveUp = number >= attempts() || overBudget;
			Events events = StepRunner.this.config.events();
			events.lockWaitTimedOut(this.step, new LockWaitTimeout(number, attempts(), lockTimeout, waited,
					giveUp ? null : backoff, blockers));
			String blockedBy = blockers.isEmpty() ? "" : ", blocked by " + describe(blockers);
			if (giveUp) {
				String tried = (this.schedule != null)
						? "Gave up after " + number + " attempt(s) in " + elapsed.toMillis() + " ms"
								+ (overBudget ? ", the lock retry budget being " + this.schedule.budget() : "")
								+ ", with lock_timeout from " + this.schedule.firstTimeout() + " to " + lockTimeout
						: "Gave up after " + number + " attempt(s), each waiting longer than lock_timeout ("
								+ lockTimeout + ")";
				String who = blockers.isEmpty()
						? " No session still holds a lock on a table since before the last attempt"
						: " Blocking session(s): " + describe(blockers) + "; end them ("
								+ StepRunner.this.session.dialect().endSession(blockers.get(0).pid())
								+ ") or retry when they are done";
				return tried + ", for a lock that another transaction holds." + who + "; look for them in "
						+ StepRunner.this.session.dialect().lockViews() + ", or retry when the load is lower. Nothing "
						+ "of the failed attempt is left.";
			}
			logger.warn(capitalized(this.step) + " " + this.step.id() + " ("
					+ this.step.direction().name().toLowerCase(Locale.ROOT) + ") timed out waiting for a lock on attempt "
					+ number + " of " + attempts() + " (lock_timeout " + lockTimeout.toMillis() + " ms, waited "
					+ waited.toMillis() + " ms" + blockedBy + "); trying again in " + backoff.toMillis() + " ms"
					+ ((this.schedule != null) ? " with lock_timeout " + this.schedule.timeoutFor(number + 1).toMillis()
							+ " ms" : ""));
			events.lockTimeoutRetry(this.step, number, backoff);
			try {
				Thread.sleep(backoff.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new MigrationException("Interrupted while waiting to retry " + this.step.kind().noun() + " "
						+ this.step.id(), ex);
			}
			return null;
		}

		/** Who most likely held the lock; nothing when that cannot be read. */
		private List<LockBlocker> blockers(Duration heldFor) {
			try {
				return StepRunner.this.session.dialect().lockBlockers(StepRunner.this.session.connection(), heldFor);
			}
			catch (SQLException | RuntimeException ex) {
				logger.debug("Could not read the sessions blocking " + this.step.id(), ex);
				return List.of();
			}
		}

		private static String describe(List<LockBlocker> blockers) {
			StringBuilder text = new StringBuilder();
			for (LockBlocker blocker : blockers) {
				text.append((text.length() > 0) ? "; " : "").append(blocker.describe());
			}
			return text.toString();
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
