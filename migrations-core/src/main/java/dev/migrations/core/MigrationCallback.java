package dev.migrations.core;

import java.sql.Connection;

import org.jspecify.annotations.Nullable;

/**
 * A hook that runs SQL of its own with the run's connection, as Flyway's callbacks do: register it with
 * {@link Migrator.Builder#callback} or {@link SeedRunner.Builder#callback}. <pre>{@code
 * builder.callback(new MigrationCallback() {
 *     public void afterEachStep(MigrationCallback.Context context) throws Exception {
 *         try (var insert = context.connection().prepareStatement("INSERT INTO audit (step) VALUES (?)")) {
 *             insert.setString(1, context.step().id());
 *             insert.executeUpdate();
 *         }
 *     }
 * });
 * }</pre>
 *
 * <p>{@link #beforeEachStep} and {@link #afterEachStep} run inside the step's transaction when the step has one: what
 * they write commits with the step, and a callback that throws rolls the step back. {@link #beforeMigrate} and
 * {@link #afterMigrate} run once per command that takes the schema lock, under the lock, outside any transaction.
 * Do not commit, roll back or close the connection.
 */
public interface MigrationCallback {

	/** A locked command starts (migrate, undo, redo, retry, mark, seed...): the lock is held. */
	default void beforeMigrate(Context context) throws Exception {
	}

	/** A locked command ended without failure; the lock is still held. */
	default void afterMigrate(Context context) throws Exception {
	}

	/** A step is about to run: inside its transaction when it has one. */
	default void beforeEachStep(Context context) throws Exception {
	}

	/** A step ran: inside its transaction when it has one, after its history row was written. */
	default void afterEachStep(Context context) throws Exception {
	}

	/**
	 * A step failed; its transaction, if any, is rolled back. A failure of this method is logged, never thrown: the
	 * step's failure is what the command reports.
	 */
	default void onFailure(Context context, Throwable failure) throws Exception {
	}

	/**
	 * What a callback is told.
	 * @param connection the run's connection, holding the schema lock
	 * @param command the command that runs
	 * @param step the step, {@code null} for {@link #beforeMigrate} and {@link #afterMigrate}
	 */
	record Context(Connection connection, Command command, @Nullable MigrationStep step) {

	}

}
