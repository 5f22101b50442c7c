package dev.migrations.core;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import dev.migrations.safety.Timeouts;
import dev.migrations.schema.QueryInterface;
import dev.migrations.schema.StatementExecutor;
import org.jspecify.annotations.Nullable;

/**
 * One step the {@link StepRunner} runs: a migration's {@code up} or {@code down} ({@link MigrationStepRun}), or a
 * seeder's {@code run} or {@code undo} ({@link SeederStepRun}). What differs between them is here; how a step runs
 * (transaction, history write, retry, timeouts, events) is the runner's, the same for both.
 */
interface Step {

	/** The step as listeners and callbacks see it: id, description, direction, transaction mode, kind. */
	MigrationStep info();

	/** Names the step for messages: its id and where it came from. */
	String describe();

	/**
	 * The step run without a transaction, where the database cannot roll DDL back (MariaDB, MySQL); itself when it
	 * changes only data and keeps its transaction (a seeder).
	 */
	default Step withoutTransaction() {
		return this;
	}

	/** The step's own timeouts over the run's, or {@code null} when it keeps the run's. */
	@Nullable Timeouts timeouts(Timeouts run);

	/** Whether the step sets its own lock timeout, which then holds for each of its attempts (no escalation). */
	default boolean fixesLockTimeout() {
		return false;
	}

	/**
	 * The executor the step's statements run through.
	 * @param retry how a statement that timed out on a lock is tried again, {@code null} when the step runs in a
	 * transaction (the whole transaction is retried)
	 */
	Recording executor(Session session, ConnectionExecutor.@Nullable StatementRetry retry);

	/** Runs the step's code. */
	void run(QueryInterface q) throws Exception;

	/** Whether a history row of the step may exist already and is replaced (a seeder that runs again). */
	boolean replacesRow();

	/** The checksum of the step's class, for its history row; {@code null} when it has none. */
	default @Nullable String checksum() {
		return null;
	}

	/**
	 * What to add to the failure message when a statement of the step found its object existing already: how to
	 * adopt a database whose schema predates its history; {@code null} for none.
	 */
	default @Nullable String alreadyExistsHint() {
		return null;
	}

	/** What the safety review recorded about the step, for its history row. */
	@Nullable String acknowledgements();

	/** The message of the failure of the step, saying what is left of it. */
	String failureMessage(History history, String cause);

	/**
	 * An executor with the SQL it ran, for the history's {@code script} column, and whether what it ran is proven to
	 * have left the session's settings as they were (see {@link ConnectionExecutor#settingsUntouched()}).
	 */
	record Recording(StatementExecutor executor, Supplier<@Nullable String> script, BooleanSupplier settingsUntouched) {

		Recording(ConnectionExecutor executor) {
			this(executor, executor::script, executor::settingsUntouched);
		}

	}

}
